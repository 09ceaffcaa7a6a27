import { z } from "zod";
import { componentName, formNumber, formList, type TemplateDoc } from "./common";
import { databaseBeyondSelfService, environmentDatabase } from "./database";
import { checkNamespaceRanges, namespaceBeyondSelfService, namespaceShape } from "./namespace";

export const ENVIRONMENT_SELF_SERVICE = { maxDatabases: 2, maxTtlHours: 72 };
export const MAX_ENVIRONMENT_DATABASES = 5;

export const environmentParameters = z
  .object({
    namespace: z.object(namespaceShape).prefault({}),
    databases: z
      .preprocess((v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.values(v) : v), z.array(environmentDatabase))
      .default([])
      .refine((dbs) => dbs.length <= MAX_ENVIRONMENT_DATABASES, `at most ${MAX_ENVIRONMENT_DATABASES} databases`),
    services: formList(componentName("each service must be a catalog component name such as checkout-api")).default([]),
    ttlHours: formNumber(z.number({ error: "Enter the time to live in hours" }).int("use whole hours").min(1, "must be at least 1 hour").max(168, "must be at most 168 hours (7 days)")).optional(),
  })
  .superRefine((p, ctx) => {
    checkNamespaceRanges(p.namespace, ctx, ["namespace"]);
    const names = new Set<string>();
    p.databases.forEach((d, i) => {
      if (names.has(d.name)) ctx.addIssue({ code: "custom", path: ["databases", i, "name"], message: "each database of an environment needs its own name" });
      names.add(d.name);
    });
  });

export type EnvironmentParameters = z.infer<typeof environmentParameters>;

export function environmentBeyondSelfService(p: EnvironmentParameters): string | null {
  const s = ENVIRONMENT_SELF_SERVICE;
  if (p.databases.length > s.maxDatabases) return `${p.databases.length} databases is beyond the self-service ${s.maxDatabases}`;
  if ((p.ttlHours ?? 24) > s.maxTtlHours) return `a time to live of ${p.ttlHours} hours is beyond the self-service ${s.maxTtlHours}`;
  for (const d of p.databases) {
    const why = databaseBeyondSelfService(d);
    if (why) return `database ${d.name}: ${why}`;
  }
  return namespaceBeyondSelfService(p.namespace);
}

export const environmentDoc: TemplateDoc = {
  kind: "environment",
  title: "Environment",
  article: "an environment",
  summary: "A namespace, its databases and the catalog services to deploy into it, torn down automatically when its time to live ends (non-production).",
  defaults: [
    { label: "Namespace", value: "the namespace golden path's defaults" },
    { label: "Databases", value: "none" },
    { label: "Time to live", value: "24 hours (non-production)" },
  ],
  hardLimits: [
    { label: "Databases", value: `0–${MAX_ENVIRONMENT_DATABASES}, each within the database golden path` },
    { label: "Time to live", value: "1–168 hours; production environments do not expire" },
  ],
  selfService: [
    { label: "Databases", value: `up to ${ENVIRONMENT_SELF_SERVICE.maxDatabases}` },
    { label: "Time to live", value: `up to ${ENVIRONMENT_SELF_SERVICE.maxTtlHours} hours` },
    { label: "Namespace and databases", value: "within their own self-service limits" },
  ],
};
