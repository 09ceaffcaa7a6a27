import { z } from "zod";
import { formBoolean, formList, formNumber, resourceName, serviceField, type TemplateDoc } from "./common";

export const engineVersions = { postgres: ["15", "16", "17"], mysql: ["10.11", "11"] } as const;

/** Each size is a connection limit and a storage quota; sizeGb may not exceed the size's quota. */
export const databaseSizes = {
  small: { connections: 20, maxGb: 10 },
  medium: { connections: 50, maxGb: 50 },
  large: { connections: 150, maxGb: 100 },
} as const;

export const postgresExtensions = ["pg_trgm", "uuid-ossp", "citext", "pgcrypto", "hstore", "btree_gist", "unaccent"] as const;

export const DATABASE_SELF_SERVICE = { sizes: ["small", "medium"] as string[], maxGb: 50 };

/** A database's settings, shared by a database request and each database of an environment. */
const databaseShape = {
  engine: z.enum(["postgres", "mysql"], { error: "Choose postgres or mysql" }).default("postgres"),
  version: z.string().default(""),
  size: z.enum(["small", "medium", "large"], { error: "Choose small, medium or large" }).default("small"),
  sizeGb: formNumber(z.number({ error: "Enter the storage in GB" }).int("Use a whole number of GB").min(1, "must be at least 1").max(100, "must be at most 100")).default(5),
  backups: formBoolean.default(true),
  extensions: formList(z.enum(postgresExtensions, { error: `Allowed extensions: ${postgresExtensions.join(", ")}` })).default([]),
};

type DatabaseSettings = z.infer<z.ZodObject<typeof databaseShape>>;

function checkDatabase(p: DatabaseSettings, ctx: z.RefinementCtx) {
  const versions: readonly string[] = engineVersions[p.engine];
  if (!p.version) p.version = versions[versions.length - 1];
  else if (!versions.includes(p.version)) {
    ctx.addIssue({ code: "custom", path: ["version"], message: `${p.engine} versions: ${versions.join(", ")}` });
  }
  const size = databaseSizes[p.size];
  if (p.sizeGb > size.maxGb) {
    ctx.addIssue({ code: "custom", path: ["sizeGb"], message: `a ${p.size} database holds at most ${size.maxGb} GB; choose a larger size` });
  }
  if (p.engine === "mysql" && p.extensions.length) {
    ctx.addIssue({ code: "custom", path: ["extensions"], message: "extensions are for postgres only" });
  }
}

/** A database of an environment: the environment's services say what it is for. */
export const environmentDatabase = z.object({ name: resourceName, ...databaseShape }).superRefine(checkDatabase);

export const databaseParameters = z.object({ ...databaseShape, service: serviceField }).superRefine(checkDatabase);

export type DatabaseParameters = z.infer<typeof databaseParameters>;

export function databaseBeyondSelfService(p: DatabaseParameters): string | null {
  if (!DATABASE_SELF_SERVICE.sizes.includes(p.size)) return `a ${p.size} database is beyond self-service (small or medium)`;
  if (p.sizeGb > DATABASE_SELF_SERVICE.maxGb) return `${p.sizeGb} GB is beyond the self-service ${DATABASE_SELF_SERVICE.maxGb} GB`;
  return null;
}

export const databaseDoc: TemplateDoc = {
  kind: "database",
  title: "Database",
  article: "a database",
  summary: "A PostgreSQL or MariaDB database with its own role, a connection limit from its size, and backups.",
  defaults: [
    { label: "Engine", value: "postgres (newest version)" },
    { label: "Size", value: "small, 5 GB" },
    { label: "Backups", value: "on (always on in production)" },
    { label: "Service", value: "none; name a catalog Component to list the database on its page" },
  ],
  hardLimits: [
    { label: "Engines and versions", value: "postgres 15, 16, 17 · mysql (MariaDB) 10.11, 11" },
    ...Object.entries(databaseSizes).map(([k, v]) => ({ label: `Size ${k}`, value: `${v.connections} connections, up to ${v.maxGb} GB` })),
    { label: "Storage", value: "1–100 GB" },
    { label: "Extensions (postgres)", value: postgresExtensions.join(", ") },
    { label: "Service", value: "a Component in the catalog; fixed once provisioned" },
  ],
  selfService: [
    { label: "Sizes", value: "small, medium" },
    { label: "Storage", value: `up to ${DATABASE_SELF_SERVICE.maxGb} GB` },
  ],
};
