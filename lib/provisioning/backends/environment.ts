import { gitopsBackend } from "./gitops";
import { mysqlBackend } from "./mysql";
import { postgresBackend } from "./postgres";
import { PermanentBackendError, type Backend, type BackendContext } from "./types";

type EnvDatabase = { name: string; engine: string } & Record<string, unknown>;

/**
 * One database of an environment, seen by its backend as a database request of
 * its own: its identifier comes from "<environment>-<database>", its secrets
 * and outputs are kept under the database's name within the environment's.
 */
function databaseContext(ctx: BackendContext, db: EnvDatabase): BackendContext {
  const key = (k: string) => `db:${db.name}:${k}`;
  const own = ((ctx.outputs.databases as Record<string, Record<string, unknown>> | undefined) ?? {})[db.name] ?? {};
  const { name: _name, ...parameters } = db;
  return {
    ...ctx,
    request: { ...ctx.request, kind: "database", name: `${ctx.request.name}-${db.name}`, parameters },
    outputs: { ...own },
    step: (message, details) => ctx.step(`[${db.name}] ${message}`, details),
    loadSecret: (k) => ctx.loadSecret(key(k)),
    saveSecret: (k, v) => ctx.saveSecret(key(k), v),
    async saveOutputs(more) {
      const all = { ...((ctx.outputs.databases as Record<string, Record<string, unknown>> | undefined) ?? {}) };
      all[db.name] = { ...(all[db.name] ?? {}), ...more };
      await ctx.saveOutputs({ databases: all });
    },
  };
}

function databaseBackend(db: EnvDatabase): Backend {
  return db.engine === "mysql" ? mysqlBackend : postgresBackend;
}

function databases(ctx: BackendContext): EnvDatabase[] {
  return (ctx.request.parameters.databases as EnvDatabase[] | undefined) ?? [];
}

/** An environment: its namespace and Argo CD Applications through GitOps, then each of its databases. */
export const environmentBackend: Backend = {
  id: "environment",
  title: "Environments (namespace + databases + Argo CD)",
  settings: ["RUNWAY_GITOPS_REPO", "RUNWAY_PG_ADMIN_URL", "RUNWAY_MYSQL_ADMIN_URL"],
  configured: () => gitopsBackend.configured(),
  async health() {
    const git = await gitopsBackend.health();
    return { ok: git.ok, detail: `GitOps: ${git.detail}; databases use the PostgreSQL and MariaDB backends.` };
  },
  async provision(ctx) {
    for (const db of databases(ctx)) {
      const backend = databaseBackend(db);
      if (!backend.configured()) throw new PermanentBackendError(`Database ${db.name} needs the ${backend.id} backend: set ${backend.settings[0]}.`);
    }
    await gitopsBackend.provision(ctx);
    for (const db of databases(ctx)) await databaseBackend(db).provision(databaseContext(ctx, db));
  },
  async decommission(ctx) {
    // Databases first: once the namespace is gone nothing should still be writing to them.
    for (const db of databases(ctx)) await databaseBackend(db).decommission(databaseContext(ctx, db));
    await gitopsBackend.decommission(ctx);
  },
};
