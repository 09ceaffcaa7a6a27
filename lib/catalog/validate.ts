import { z } from "zod";
import { deriveRelations, type DerivedRelation } from "./relations";
import { DEFAULT_NAMESPACE, refKey, type EntityName } from "./refs";
import {
  API_VERSION_RULE,
  KIND_RULE,
  METADATA_KEY_RULE,
  NAME_RULE,
  NAMESPACE_RULE,
  TAG_RULE,
  isValidApiVersion,
  isValidKind,
  isValidLabelValue,
  isValidMetadataKey,
  isValidName,
  isValidNamespace,
  isValidTag,
} from "./rules";

export type EntityLink = { url: string; title?: string; icon?: string; type?: string };

export type EntityMetadata = Record<string, unknown> & {
  name: string;
  namespace: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
};

/** A Backstage entity document as Runway stores and serves it. */
export type EntityDocument = { apiVersion: string; kind: string; metadata: EntityMetadata; spec: Record<string, unknown> };

export type ValidEntity = { document: EntityDocument; name: EntityName; key: string; relations: DerivedRelation[] };

export type FieldProblem = { field: string; message: string };

export type Validation = { ok: true; entity: ValidEntity } | { ok: false; problems: FieldProblem[]; key: string | null };

const BACKSTAGE_VERSIONS = ["backstage.io/v1alpha1", "backstage.io/v1beta1"];

const text = (what = "text") =>
  z.string({ error: (iss) => (iss.input === undefined ? "is required" : `must be ${what}`) }).min(1, "must not be empty");
const refList = z.array(text("an entity reference"), { error: (iss) => (iss.input === undefined ? "is required" : "must be a list of entity references") });

const metadataSchema = z.looseObject({
  name: z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
    .refine(isValidName, { error: (iss) => `"${String(iss.input)}" is not a valid name: ${NAME_RULE}` }),
  namespace: z
    .string({ error: "must be text" })
    .refine(isValidNamespace, { error: (iss) => `"${String(iss.input)}" is not a valid namespace: ${NAMESPACE_RULE}` })
    .optional(),
  title: text().optional(),
  description: z.string({ error: "must be text" }).optional(),
  labels: z
    .record(
      z.string().refine(isValidMetadataKey, { error: (iss) => `"${String(iss.input)}" is not a valid label key: ${METADATA_KEY_RULE}` }),
      z.string({ error: "label values must be text" }).refine(isValidLabelValue, { error: (iss) => `"${String(iss.input)}" is not a valid label value: ${NAME_RULE}` }),
      { error: "must be a mapping of labels" },
    )
    .optional(),
  annotations: z
    .record(
      z.string().refine(isValidMetadataKey, { error: (iss) => `"${String(iss.input)}" is not a valid annotation key: ${METADATA_KEY_RULE}` }),
      z.string({ error: "annotation values must be text" }),
      { error: "must be a mapping of annotations" },
    )
    .optional(),
  tags: z
    .array(z.string({ error: "each tag must be text" }).refine(isValidTag, { error: (iss) => `"${String(iss.input)}" is not a valid tag: ${TAG_RULE}` }), {
      error: "must be a list of tags",
    })
    .optional(),
  links: z
    .array(z.looseObject({ url: text("a URL"), title: text().optional(), icon: text().optional(), type: text().optional() }), { error: "must be a list of links" })
    .optional(),
});

const envelopeSchema = z.object({
  apiVersion: z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
    .refine(isValidApiVersion, { error: (iss) => `"${String(iss.input)}" is not a valid apiVersion: ${API_VERSION_RULE}` }),
  kind: z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : "must be text") })
    .refine(isValidKind, { error: (iss) => `"${String(iss.input)}" is not a valid kind: ${KIND_RULE}` }),
  metadata: metadataSchema,
  spec: z.record(z.string(), z.unknown(), { error: "must be a mapping" }).optional(),
});

/** Backstage's JSON schemas for the built-in kinds, field by field (unknown fields are kept). */
const specSchemas: Record<string, z.ZodType> = {
  Component: z.looseObject({
    type: text(),
    lifecycle: text(),
    owner: text("an entity reference"),
    system: text("an entity reference").optional(),
    subcomponentOf: text("an entity reference").optional(),
    providesApis: refList.optional(),
    consumesApis: refList.optional(),
    dependsOn: refList.optional(),
    dependencyOf: refList.optional(),
  }),
  API: z.looseObject({ type: text(), lifecycle: text(), owner: text("an entity reference"), system: text("an entity reference").optional() }),
  Resource: z.looseObject({
    type: text(),
    owner: text("an entity reference"),
    system: text("an entity reference").optional(),
    dependsOn: refList.optional(),
    dependencyOf: refList.optional(),
  }),
  System: z.looseObject({ owner: text("an entity reference"), domain: text("an entity reference").optional(), type: text().optional() }),
  Domain: z.looseObject({ owner: text("an entity reference"), subdomainOf: text("an entity reference").optional(), type: text().optional() }),
  Group: z.looseObject({
    type: text(),
    profile: z.looseObject({}, { error: "must be a mapping" }).optional(),
    parent: text("an entity reference").optional(),
    children: refList,
    members: refList.optional(),
  }),
  User: z.looseObject({ profile: z.looseObject({}, { error: "must be a mapping" }).optional(), memberOf: refList }),
  Location: z.looseObject({
    type: text().optional(),
    target: text().optional(),
    targets: z.array(text(), { error: "must be a list of locations" }).optional(),
    presence: z.enum(["required", "optional"], { error: 'must be "required" or "optional"' }).optional(),
  }),
  Template: z.looseObject({ type: text().optional(), owner: text("an entity reference").optional() }),
};

const KNOWN_KINDS = new Map(Object.keys(specSchemas).map((k) => [k.toLowerCase(), k]));

/** Known kinds are matched case-insensitively and stored as Backstage spells them. */
export function canonicalKind(kind: string): string {
  return KNOWN_KINDS.get(kind.toLowerCase()) ?? kind;
}

/** API types whose Backstage schemas describe them with other fields than `definition`. */
const API_TYPES_WITHOUT_DEFINITION = new Set(["mcp-server", "ai-model-server"]);

function apiVersionProblem(kind: string, apiVersion: string): string | null {
  if (kind === "Template") return /^(scaffolder\.)?backstage\.io\//.test(apiVersion) ? null : `Template entities use scaffolder.backstage.io/v1beta3, not "${apiVersion}"`;
  if (KNOWN_KINDS.has(kind.toLowerCase()) && !BACKSTAGE_VERSIONS.includes(apiVersion)) {
    return `${kind} entities use ${BACKSTAGE_VERSIONS.join(" or ")}, not "${apiVersion}"`;
  }
  return null;
}

export function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, p) => (typeof p === "number" ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)), "");
}

function issues(error: z.ZodError, prefix: string[] = []): FieldProblem[] {
  return error.issues.map((i) => ({ field: fieldPath([...prefix, ...i.path]), message: i.message }));
}

/** A `$text`/`$json`/`$yaml` placeholder left in place because its file could not be read. */
export function isPlaceholder(v: unknown): v is Record<string, string> {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ["$text", "$json", "$yaml"].includes(keys[0]) && typeof (v as Record<string, unknown>)[keys[0]] === "string";
}

/** The identity a document claims, when its kind and name can be read even if the rest is invalid. */
function claimedKey(raw: Record<string, unknown>): string | null {
  const meta = raw.metadata as Record<string, unknown> | undefined;
  const { kind } = raw;
  const name = meta?.name;
  const namespace = meta?.namespace ?? DEFAULT_NAMESPACE;
  if (typeof kind !== "string" || typeof name !== "string" || typeof namespace !== "string") return null;
  return refKey({ kind: canonicalKind(kind), namespace, name });
}

/**
 * Judges one parsed YAML document against Backstage's rules for its kind. A
 * kind Runway does not know (Environment, say) is kept with only the common
 * envelope checked, as the issue asks: listed generically, not refused.
 */
export function validateEntity(raw: unknown): Validation {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, key: null, problems: [{ field: "", message: "is not a mapping; an entity has apiVersion, kind, metadata and spec" }] };
  }
  const record = raw as Record<string, unknown>;
  const key = claimedKey(record);
  const envelope = envelopeSchema.safeParse(record);
  if (!envelope.success) return { ok: false, key, problems: issues(envelope.error) };

  const { apiVersion, metadata } = envelope.data;
  const kind = canonicalKind(envelope.data.kind);
  const problems: FieldProblem[] = [];
  const versionProblem = apiVersionProblem(kind, apiVersion);
  if (versionProblem) problems.push({ field: "apiVersion", message: versionProblem });

  const specSchema = specSchemas[kind];
  const rawSpec = record.spec;
  let spec: Record<string, unknown> = envelope.data.spec ?? {};
  if (specSchema) {
    if (rawSpec === undefined) {
      problems.push({ field: "spec", message: `is required for a ${kind}` });
    } else {
      const parsed = specSchema.safeParse(rawSpec);
      if (parsed.success) spec = parsed.data as Record<string, unknown>;
      else problems.push(...issues(parsed.error, ["spec"]));
    }
  }
  if (kind === "API" && !API_TYPES_WITHOUT_DEFINITION.has(String(spec.type))) {
    const d = spec.definition;
    if (d === undefined) problems.push({ field: "spec.definition", message: "is required for an API (the OpenAPI, AsyncAPI, GraphQL… text, or $text: a file)" });
    else if (!(typeof d === "string" && d.length > 0) && !isPlaceholder(d)) problems.push({ field: "spec.definition", message: "must be text, or a $text/$json/$yaml placeholder" });
  }
  if (kind === "Location" && spec.target === undefined && spec.targets === undefined) {
    problems.push({ field: "spec.targets", message: "a Location needs a target or targets" });
  }

  if (problems.length) return { ok: false, key, problems };

  const name: EntityName = { kind, namespace: metadata.namespace ?? DEFAULT_NAMESPACE, name: metadata.name };
  const derived = deriveRelations(name, spec);
  if (derived.problems.length) return { ok: false, key, problems: derived.problems };

  const document: EntityDocument = { apiVersion, kind, metadata: { ...(metadata as EntityMetadata), namespace: name.namespace }, spec };
  return { ok: true, entity: { document, name, key: refKey(name), relations: derived.relations } };
}
