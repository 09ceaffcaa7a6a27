import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedDemoOrg } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { getEntity } from "../entity";
import { registerLocation } from "./manage";

const files: Record<string, string> = {
  "/catalog/all.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {name: all}\nspec:\n  targets: [./team.yaml, ../shared/billing.yaml]\n",
  "/catalog/team.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: billing-team}\nspec: {type: team, children: []}\n",
  "/shared/billing.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: billing}\nspec: {type: service, lifecycle: production, owner: billing-team}\n",
};

let server: http.Server;
let base: string;
let admin: Actor;
let repo: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = files[req.url ?? ""];
    if (body) res.end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Read once per test file by lib/config.ts, so it is set before anything reads the configuration.
  process.env.RUNWAY_CATALOG_ALLOWED_HOSTS = new URL(base).host;
  await seedDemoOrg();
  admin = await actorFor("admin@example.com");

  repo = fs.mkdtempSync(path.join(os.tmpdir(), "runway-catalog-glob-"));
  for (const team of ["search", "payments"]) {
    fs.mkdirSync(path.join(repo, "services", team), { recursive: true });
    fs.writeFileSync(path.join(repo, "services", team, "catalog-info.yaml"), `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: ${team}-api}\nspec: {type: service, lifecycle: production, owner: ${team}}\n`);
  }
  fs.writeFileSync(path.join(repo, "README.md"), "not a catalog file\n");
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t.invalid", "-c", "commit.gpgsign=false", ...args], { cwd: repo, stdio: "pipe" });
  git("init", "--quiet");
  git("add", "--all");
  git("commit", "--quiet", "-m", "services");
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
  fs.rmSync(repo, { recursive: true, force: true });
});

describe("locations", () => {
  it("follow a URL's Location targets relative to the file, as Backstage does, on an allow-listed host", async () => {
    const { result, location } = await registerLocation(admin, { target: `${base}/catalog/all.yaml` });
    expect(result).toMatchObject({ added: 3, errors: [] });
    expect(location.entityCount).toBe(3);
    const billing = await getEntity(admin, { kind: "Component", namespace: "default", name: "billing" });
    expect(billing?.sourceFile).toBe(`${base}/shared/billing.yaml`);
  });

  it("read every file a glob matches in a git repository", async () => {
    const { result } = await registerLocation(admin, { target: `git+file://${repo}#services/**/catalog-info.yaml` });
    expect(result.preview.added.map((e) => e.name).sort()).toEqual(["payments-api", "search-api"]);
  });

  it("say when a glob matches nothing, and register nothing", async () => {
    await expect(registerLocation(admin, { target: `git+file://${repo}#nothing/*.yaml` })).rejects.toMatchObject({ code: "validation_failed", message: expect.stringContaining("no file in") });
  });
});
