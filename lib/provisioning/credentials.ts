import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { requests, requestSecrets } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { AppError, conflict, forbidden, notFound } from "@/lib/errors";
import { decryptSecret } from "./secrets";

export type DatabaseCredentials = { name?: string; engine: string; host: string; port: number; database: string; user: string; password: string; url: string };

function credentialsFrom(outputs: Record<string, unknown>, password: string, name?: string): DatabaseCredentials {
  const engine = String(outputs.engine);
  const host = String(outputs.host);
  const port = Number(outputs.port);
  const database = String(outputs.database);
  const user = String(outputs.user);
  const scheme = engine === "mysql" ? "mysql" : "postgres";
  const url = `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(database)}`;
  return { ...(name ? { name } : {}), engine, host, port, database, user, password, url };
}

/**
 * Only members of the owning team see a password (admins of other teams do
 * not), and every reveal is audited.
 */
export async function revealCredentials(actor: Actor, id: string): Promise<DatabaseCredentials | { databases: DatabaseCredentials[] }> {
  assertCan(actor, "requests:read");
  const [req] = await db.select({ id: requests.id, teamId: requests.teamId, kind: requests.kind, status: requests.status, outputs: requests.outputs }).from(requests).where(eq(requests.id, id));
  const member = req && actor.teams.some((t) => t.id === req.teamId);
  if (!req || (!member && actor.role !== "admin")) throw notFound("There is no request with that id that you can see.");
  if (!member) throw forbidden("Only members of the owning team can see these credentials.");
  if (req.kind === "namespace") throw conflict("A namespace has no database credentials.");
  if (req.status !== "ready") throw conflict(`Credentials exist once the request is ready; it is ${req.status.replace("_", " ")}.`);

  const secrets = await db.select({ key: requestSecrets.key, c: requestSecrets.ciphertext }).from(requestSecrets).where(eq(requestSecrets.requestId, id));
  const secret = (key: string) => {
    const row = secrets.find((s) => s.key === key);
    if (!row) return null;
    try {
      return decryptSecret(row.c, `${id}:${key}`);
    } catch {
      throw new AppError("internal", "The stored credentials cannot be decrypted with this server's RUNWAY_SECRET_KEY: was the key rotated without restarting every replica?");
    }
  };
  let result: DatabaseCredentials | { databases: DatabaseCredentials[] };
  if (req.kind === "database") {
    const password = secret("password");
    if (!password) throw conflict("This database has no stored credentials.");
    result = credentialsFrom(req.outputs, password);
  } else {
    const dbs = (req.outputs.databases ?? {}) as Record<string, Record<string, unknown>>;
    result = {
      databases: Object.entries(dbs).flatMap(([name, out]) => {
        const password = secret(`db:${name}:password`);
        return password ? [credentialsFrom(out, password, name)] : [];
      }),
    };
  }
  await db.transaction((tx) => recordAudit(tx, { actor, action: "request.credentials.read", target: { type: "request", id } }));
  return result;
}

