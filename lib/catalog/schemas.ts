import { z } from "zod";

/** A GET form sends empty fields; an empty filter means "any". */
const optionalText = (max: number, label: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max, `${label} is at most ${max} characters`).optional());

const flag = z.preprocess((v) => v === true || v === "1" || v === "true" || v === "on", z.boolean());

const pageLimit = z.coerce
  .number({ error: "limit must be a number" })
  .int("limit must be a whole number")
  .min(1, "limit must be 1–100")
  .max(100, "limit must be 1–100")
  .optional();

/** Query string of the entity list: the API's and the catalog page's (whose URL holds the whole view). */
export const listEntitiesQuery = z.object({
  q: optionalText(200, "the search"),
  kind: optionalText(300, "kind"),
  type: optionalText(100, "type"),
  lifecycle: optionalText(100, "lifecycle"),
  tag: optionalText(100, "tag"),
  owner: optionalText(300, "owner"),
  system: optionalText(300, "system"),
  /** `relationType:entityRef`: entities that have this relation to that entity (e.g. memberOf:group:default/team-a). */
  rel: optionalText(400, "rel"),
  mine: flag.optional(),
  limit: pageLimit,
  cursor: optionalText(500, "cursor"),
});

export type ListEntitiesQuery = z.infer<typeof listEntitiesQuery>;

export const suggestQuery = z.object({
  q: z.string({ error: "q is required" }).trim().min(1, "type at least one character").max(200, "the search is at most 200 characters"),
  kind: optionalText(300, "kind"),
  limit: z.coerce.number().int().min(1, "limit must be 1–20").max(20, "limit must be 1–20").optional(),
});

export const importSchema = z.object({
  files: z
    .array(
      z.object({
        name: z.string().trim().min(1, "Name the file").max(300, "File names are at most 300 characters"),
        text: z.string({ error: "Paste YAML or choose a file" }).refine((t) => t.trim().length > 0, "Paste YAML or choose a file"),
      }),
      { error: "Paste YAML or choose a file" },
    )
    .min(1, "Paste YAML or choose a file")
    .max(100, "Import at most 100 files at once"),
  dryRun: z.boolean().default(true),
});

export type ImportInput = z.infer<typeof importSchema>;

export const locationSchema = z.object({
  target: z.string({ error: "Enter a location" }).trim().min(1, "Enter a location").max(2000, "A location is at most 2,000 characters"),
});

export const listLocationsQuery = z.object({ limit: pageLimit, cursor: optionalText(3000, "cursor") });

export type ListLocationsQuery = z.infer<typeof listLocationsQuery>;

export const locationIdSchema = z.object({ id: z.uuid("Not a location id") });
