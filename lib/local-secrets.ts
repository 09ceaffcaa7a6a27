import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

type LocalSecrets = { AUTH_SECRET: string; RUNWAY_SECRET_KEY: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string };

/**
 * For the embedded default only: secrets made once and kept in the data dir
 * (mode 600), so sessions and stored credentials survive restarts and the
 * portal, workers and CLI agree. With DATABASE_URL set they must come from the environment.
 */
export function localSecrets(dir: string): LocalSecrets {
  const file = path.join(dir, "secrets.json");
  const existing: Partial<LocalSecrets> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const secrets: LocalSecrets = {
    AUTH_SECRET: existing.AUTH_SECRET ?? crypto.randomBytes(32).toString("base64url"),
    RUNWAY_SECRET_KEY: existing.RUNWAY_SECRET_KEY ?? crypto.randomBytes(32).toString("base64"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: existing.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? crypto.randomBytes(32).toString("base64"),
  };
  if (JSON.stringify(existing) !== JSON.stringify(secrets)) saveLocalSecrets(dir, secrets);
  return secrets;
}

export function saveLocalSecrets(dir: string, secrets: LocalSecrets): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "secrets.json"), JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
}

/** Fills in what the environment does not set. */
export function applyLocalSecrets(env: NodeJS.ProcessEnv, dir: string): void {
  const s = localSecrets(dir);
  env.AUTH_SECRET ??= s.AUTH_SECRET;
  env.RUNWAY_SECRET_KEY ??= s.RUNWAY_SECRET_KEY;
  env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ??= s.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY;
}
