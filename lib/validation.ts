import type { z } from "zod";

/** zod issues as `{ "parameters.sizeGb": "must be at most 100" }`, the first message per field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Form fields named like `parameters.databases.0.sizeGb` become nested objects,
 * so one zod schema judges a form and a JSON body alike. Repeated names
 * (checkbox groups) become arrays; empty fields are left out; `$`-prefixed fields are React's own.
 */
export function formDataToObject(fd: FormData): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const key of new Set(fd.keys())) {
    if (key.startsWith("$")) continue;
    // An empty field means "not given", so the schema's default applies rather than a type error.
    const values = fd.getAll(key).filter((v): v is string => typeof v === "string" && v !== "");
    if (values.length === 0) continue;
    const value = values.length > 1 ? values : values[0];
    const path = key.split(".");
    let node = root;
    for (const segment of path.slice(0, -1)) {
      node = (node[segment] ??= {}) as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return root;
}
