import { z } from "zod";

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

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    RUNWAY_DATA_DIR: z.string().default(".data"),
    RUNWAY_SEED_DEMO: flag,
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    AUTH_URL: z.url("must be the portal's public URL, e.g. http://localhost:3000").optional(),
    AUTH_OIDC_ISSUER: z.url("must be the issuer URL of your identity provider").optional(),
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_SCOPES: z.string().default("openid email profile"),
    AUTH_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
    AUTH_OIDC_NAME: z.string().min(1).default("SSO"),
    RUNWAY_ADMIN_GROUPS: list,
    RUNWAY_MANAGER_GROUPS: list,
    RUNWAY_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
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
    if (env.DATABASE_URL && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required when DATABASE_URL is set" });
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
  const result = schema.safeParse(env);
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
