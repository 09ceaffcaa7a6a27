import { z } from "zod";

const FORMATS: Record<string, string> = { email: "an email address", url: "a URL", uuid: "a UUID", datetime: "an ISO-8601 date and time", date: "a date (2024-05-06)" };

/**
 * zod's own messages ("Too small: expected string to have >=8 characters")
 * are written for programmers; every form and API answer shows these instead.
 * A message given in a schema still wins.
 */
z.config({
  customError: (issue) => {
    switch (issue.code) {
      case "invalid_type":
        if (issue.input === undefined) return "is required";
        return issue.expected === "int" ? "must be a whole number" : `must be ${issue.expected === "array" || issue.expected === "object" ? "an" : "a"} ${issue.expected}`;
      case "too_small":
      case "too_big": {
        const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
        const word = issue.code === "too_small" ? (issue.inclusive ? "at least" : "more than") : issue.inclusive ? "at most" : "less than";
        if (issue.origin === "string") return issue.code === "too_small" && bound === 1 ? "must not be empty" : `must be ${word} ${bound} characters`;
        if (issue.origin === "array" || issue.origin === "set") return issue.code === "too_small" && bound === 1 ? "must have at least one item" : `must have ${word} ${bound} items`;
        return `must be ${word} ${bound}`;
      }
      case "invalid_value":
        return `must be one of ${issue.values.map(String).join(", ")}`;
      case "invalid_format":
        return `must be ${FORMATS[issue.format] ?? `a valid ${issue.format}`}`;
      case "unrecognized_keys":
        return `has fields this does not take: ${issue.keys.join(", ")}`;
      default:
        return undefined;
    }
  },
});

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
