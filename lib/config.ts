import { z } from "zod";
import { gitopsEnvShape } from "./provisioning/backends/gitops/settings";

/**
 * Every environment variable Runway reads, validated once. A wrong value stops
 * the process with one line naming the variable: a portal that starts with a
 * silently weakened setting is worse than one that does not start.
 */
const list = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []));

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const url = (what: string) => z.url(`must be ${what}`);
const positiveInt = (what: string) => z.coerce.number({ error: `must be ${what}` }).int(`must be ${what}`).positive(`must be ${what}`);

/** 32 bytes, base64 or hex: AES-256 keys. */
const key32 = z.string().refine((v) => {
  const bytes = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, "hex") : Buffer.from(v, "base64");
  return bytes.length === 32;
}, "must be 32 bytes, base64- or hex-encoded (openssl rand -base64 32)");

/**
 * Every variable, grouped by capability. docs/configuration.md lists the same
 * names (lib/config.test.ts fails when they disagree, or when code reads a
 * variable that is not here).
 */
const shape = {
  // Portal
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  RUNWAY_DATA_DIR: z.string().default(".data"),
  RUNWAY_SEED_DEMO: flag,
  RUNWAY_DB_POOL_SIZE: positiveInt("a positive whole number of connections").default(10),
  RUNWAY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  RUNWAY_LOG_SILENT: flag,
  // Sign-in
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  AUTH_URL: url("the portal's public URL, e.g. http://localhost:3000").optional(),
  AUTH_OIDC_ISSUER: url("the issuer URL of your identity provider").optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_SCOPES: z.string().default("openid email profile"),
  AUTH_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  AUTH_OIDC_NAME: z.string().min(1).default("SSO"),
  RUNWAY_ADMIN_GROUPS: list,
  RUNWAY_MANAGER_GROUPS: list,
  // Secrets that every replica must share
  RUNWAY_SECRET_KEY: key32.optional(),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key32.optional(),
  // Requests
  RUNWAY_NOTIFY_WEBHOOK_URL: url("an http(s) URL such as a Slack incoming webhook").optional(),
  // Provisioning
  RUNWAY_PG_ADMIN_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL with the right to create roles and databases").optional(),
  RUNWAY_PG_PUBLIC_HOST: z.string().min(1).optional(),
  RUNWAY_PG_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  RUNWAY_MYSQL_ADMIN_URL: z.string().regex(/^(mysql|mariadb):\/\//, "must be a mysql:// or mariadb:// URL").optional(),
  RUNWAY_MYSQL_PUBLIC_HOST: z.string().regex(/^[^\s:]+(:\d+)?$/, 'must be "host" or "host:port"').optional(),
  ...gitopsEnvShape,
  RUNWAY_WEBHOOK_PROVISIONER_URL: url("the http(s) URL of your automation").optional(),
  RUNWAY_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  RUNWAY_WEBHOOK_KINDS: z.string().regex(/^((database|namespace|environment)(,\s*)?)*$/, "must list database, namespace and/or environment").optional(),
  RUNWAY_WEBHOOK_TIMEOUT_MINUTES: positiveInt("a positive whole number of minutes").default(30),
  RUNWAY_IN_PROCESS_WORKER: z.enum(["0", "1"], { error: "must be 0 or 1" }).default("1"),
  RUNWAY_WORKER_CONCURRENCY: positiveInt("a positive whole number").default(2),
  RUNWAY_JOB_LEASE_SECONDS: positiveInt("a positive whole number of seconds").default(60),
  RUNWAY_JOB_MAX_ATTEMPTS: positiveInt("a positive whole number").default(5),
  // Catalog
  RUNWAY_CATALOG_ALLOWED_HOSTS: z.string().optional(),
  RUNWAY_CATALOG_FETCH_TIMEOUT_MS: positiveInt("a positive whole number of milliseconds").optional(),
  RUNWAY_CATALOG_REFRESH_MINUTES: positiveInt("a positive whole number of minutes").optional(),
  // Metrics
  RUNWAY_GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
  RUNWAY_GITHUB_INCIDENT_LABEL: z.string().min(1).optional(),
  RUNWAY_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  RUNWAY_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
};

export const configVariables = Object.keys(shape).sort();

const schema = z
  .object(shape)
  .superRefine((env, ctx) => {
    if (env.AUTH_OIDC_ISSUER) {
      for (const key of ["AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET", "AUTH_SECRET"] as const) {
        if (!env[key]) {
          ctx.addIssue({ code: "custom", path: [key], message: "is required when AUTH_OIDC_ISSUER is set" });
        }
      }
    } else {
      for (const key of ["AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const) {
        if (env[key]) {
          ctx.addIssue({
            code: "custom",
            path: ["AUTH_OIDC_ISSUER"],
            message: `is required when ${key} is set (without it Runway would fall back to demo mode)`,
          });
        }
      }
    }
    // With your own database the secrets cannot be generated locally: every replica must share them.
    if (env.DATABASE_URL) {
      for (const key of ["AUTH_SECRET", "RUNWAY_SECRET_KEY", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when DATABASE_URL is set" });
      }
    }
    if (env.RUNWAY_WEBHOOK_PROVISIONER_URL && !env.RUNWAY_WEBHOOK_SECRET) {
      ctx.addIssue({ code: "custom", path: ["RUNWAY_WEBHOOK_SECRET"], message: "is required when RUNWAY_WEBHOOK_PROVISIONER_URL is set (jobs and callbacks are signed with it)" });
    }
  });

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const result = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  return result.data;
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Demo mode is decided by one fact only, so it can never be on beside a real issuer. */
export function isDemoMode(cfg: Config = config()): boolean {
  return !cfg.AUTH_OIDC_ISSUER;
}

/** For tools that only need to reach the database (`npm run db:migrate`, the CLI): no sign-in secrets asked. */
export function parseDatabaseConfig(env: Record<string, string | undefined>) {
  const result = z.object({ DATABASE_URL: shape.DATABASE_URL, RUNWAY_DATA_DIR: shape.RUNWAY_DATA_DIR }).safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  return result.data;
}
