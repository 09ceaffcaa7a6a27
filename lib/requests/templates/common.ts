import { z } from "zod";

export const DNS_LABEL = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

export const resourceName = z
  .string({ error: "Enter a name" })
  .trim()
  .regex(DNS_LABEL, "Use 3–40 lower-case letters, digits and dashes, starting with a letter and not ending with a dash");

/** A catalog Component's name as a request names it; submission checks the catalog has it. */
export const componentName = (message: string) => z.string().trim().regex(DNS_LABEL, message);

/**
 * The Component a database or namespace is for: its Resource is then listed
 * on that Component's catalog page. Optional; an empty field means none.
 */
export const serviceField = z.preprocess((v) => (v === "" || v === null ? undefined : v), componentName("must be a catalog component name such as checkout-api").optional());

const truthy = (v: unknown) => v === true || v === "on" || v === "true" || v === "1";

/**
 * The API sends real booleans. A form sends a hidden "false" before the
 * checkbox (an unchecked box posts nothing), so a checked box arrives as ["false", "on"].
 */
export const formBoolean = z.preprocess((v) => (Array.isArray(v) ? v.some(truthy) : truthy(v)), z.boolean());

/** A number from a form field ("" means not given) or from JSON. */
export const formNumber = (schema: z.ZodNumber) =>
  z.preprocess((v) => (v === "" || v === null || v === undefined ? undefined : typeof v === "string" ? Number(v) : v), schema);

/** A list from repeated form fields, a comma-separated text field, or a JSON array. */
export const formList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined || v === null || v === "") return [];
    if (Array.isArray(v)) return v.filter((x) => x !== "");
    if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter(Boolean);
    return v;
  }, z.array(item));

export type Limit = { label: string; value: string };

/** What an admin reads on the Golden paths page: defaults, hard limits, self-service limits. */
export type TemplateDoc = {
  kind: "database" | "namespace" | "environment";
  title: string;
  /** "a database", "an environment": for headings such as "Request an environment". */
  article: string;
  summary: string;
  defaults: Limit[];
  hardLimits: Limit[];
  selfService: Limit[];
};
