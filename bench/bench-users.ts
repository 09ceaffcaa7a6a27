import crypto from "node:crypto";
import postgres from "postgres";
import { displayPrefix, generateToken, hashToken } from "../lib/auth/token-format";

export type BenchUser = { email: string; team: string; token: string };

/**
 * Developers of their own teams, with API tokens, written straight to the
 * portal's database: submissions are serialised per team (quota), so a load
 * test that used one team would measure that lock and nothing else.
 */
export async function createBenchUsers(databaseUrl: string, count: number, role: "developer" | "admin" = "developer"): Promise<BenchUser[]> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const run = crypto.randomBytes(3).toString("hex");
  const users: BenchUser[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const team = `bench-${run}-${i}`;
      const email = `${role}-${run}-${i}@bench.example.com`;
      const token = generateToken();
      const [t] = await sql`insert into teams (name, display_name, description) values (${team}, ${team}, 'Benchmark team') returning id`;
      const [u] = await sql`insert into users (email, name, role) values (${email}, ${"Bench " + i}, ${role}) returning id`;
      await sql`insert into memberships (user_id, team_id) values (${u.id}, ${t.id})`;
      await sql`insert into api_tokens (user_id, name, token_hash, prefix) values (${u.id}, 'bench', ${hashToken(token)}, ${displayPrefix(token)})`;
      users.push({ email, team, token });
    }
  } finally {
    await sql.end();
  }
  return users;
}
