import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startIssuer } from "./oidc-issuer";
import { shellEnv, startPortal } from "./portal";
import { DEMO_PORTAL_URL, ISSUER_URL, OIDC_CLIENT, OIDC_PORTAL_URL } from "./servers";
import { openTestDatabases } from "./test-databases";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Starts the test issuer and two portals on fresh databases (one in OIDC mode,
 * one in demo mode), both from the one build in .next, and returns the teardown
 * that stops them all and drops the databases.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(e));
  };
  try {
    const databases = await openTestDatabases();
    cleanups.push(databases.close);
    const issuer = await startIssuer();
    cleanups.push(issuer.close);
    // Cookies ignore ports, so both portals see each other's; distinct secrets keep their sessions apart.
    const secret = () => crypto.randomBytes(32).toString("base64url");

    // One after the other: each runs ensureBuild(), which must never run twice at once on the same .next.
    const oidc = await startPortal({
      root,
      name: "oidc",
      url: OIDC_PORTAL_URL,
      env: {
        ...shellEnv(),
        DATABASE_URL: await databases.create("oidc"),
        AUTH_URL: OIDC_PORTAL_URL,
        AUTH_SECRET: secret(),
        RUNWAY_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
        AUTH_OIDC_ISSUER: ISSUER_URL,
        AUTH_OIDC_CLIENT_ID: OIDC_CLIENT.id,
        AUTH_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
        AUTH_OIDC_SCOPES: "openid email profile groups",
        RUNWAY_ADMIN_GROUPS: "platform-admins",
      },
    });
    cleanups.push(oidc.stop);
    // The demo portal provisions for real: databases on the test server, namespaces into a GitOps repo in its own data dir.
    const demoDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "runway-e2e-data-"));
    cleanups.push(async () => fs.rmSync(demoDataDir, { recursive: true, force: true }));
    const demoDatabaseUrl = await databases.create("demo");
    // For tests that need data no browser can make (more people than the demo organisation has); workers inherit it.
    process.env.E2E_DEMO_DATABASE_URL = demoDatabaseUrl;
    const demo = await startPortal({
      root,
      name: "demo",
      url: DEMO_PORTAL_URL,
      env: {
        ...shellEnv(),
        DATABASE_URL: demoDatabaseUrl,
        AUTH_URL: DEMO_PORTAL_URL,
        AUTH_SECRET: secret(),
        RUNWAY_SEED_DEMO: "1",
        RUNWAY_DATA_DIR: demoDataDir,
        RUNWAY_PG_ADMIN_URL: databases.adminUrl,
        RUNWAY_SECRET_KEY: crypto.randomBytes(32).toString("base64"),
        NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      },
    });
    cleanups.push(demo.stop);
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
