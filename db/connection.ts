import fs from "node:fs";
import path from "node:path";

/** What the owner of the embedded server records so other processes (CLI, workers) can reach it. */
export type EmbeddedServerInfo = {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  pid: number;
  startedAt: string;
};

export function dataDir(): string {
  // The data dir is chosen at run time; keep the bundler from tracing the whole project for it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.RUNWAY_DATA_DIR || ".data");
}

export function serverInfoPath(dir = dataDir()): string {
  return path.join(dir, "server.json");
}

export function readServerInfo(dir = dataDir()): EmbeddedServerInfo | null {
  try {
    return JSON.parse(fs.readFileSync(serverInfoPath(dir), "utf8")) as EmbeddedServerInfo;
  } catch {
    return null;
  }
}

export function urlFor(info: Pick<EmbeddedServerInfo, "host" | "port" | "user" | "password">, database: string): string {
  return `postgres://${encodeURIComponent(info.user)}:${encodeURIComponent(info.password)}@${info.host}:${info.port}/${encodeURIComponent(database)}`;
}

/** `DATABASE_URL` when set, else the embedded server recorded in the data dir. */
export function resolveDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const info = readServerInfo();
  if (!info) {
    throw new Error(
      `No database: DATABASE_URL is not set and no embedded server is recorded in ${serverInfoPath()}. Start the portal with "npm start" first, or set DATABASE_URL.`,
    );
  }
  return urlFor(info, info.database);
}
