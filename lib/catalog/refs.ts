/** An entity's identity: Backstage's compound entity reference. */
export type EntityName = { kind: string; namespace: string; name: string };

export const DEFAULT_NAMESPACE = "default";

export class EntityRefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EntityRefError";
  }
}

/**
 * Backstage's `[kind:][namespace/]name`. A field that names its usual kind
 * (an owner is a Group unless it says `user:`) passes it as `defaultKind`; the
 * namespace defaults to the referring entity's own, as Backstage does.
 */
export function parseEntityRef(ref: string, context: { defaultKind?: string; defaultNamespace?: string } = {}): EntityName {
  const text = ref.trim();
  let colon = text.indexOf(":");
  const slash = text.indexOf("/");
  // A slash before the colon means the colon belongs to the name.
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : text.slice(0, colon);
  const namespace = slash === -1 ? undefined : text.slice(colon + 1, slash);
  const name = text.slice(Math.max(colon + 1, slash + 1));
  if (kind === "" || namespace === "" || name === "") {
    throw new EntityRefError(`"${ref}" is not an entity reference of the form [kind:][namespace/]name`);
  }
  const resolvedKind = kind ?? context.defaultKind;
  if (!resolvedKind) throw new EntityRefError(`"${ref}" needs a kind here, such as "resource:${name}" or "component:${name}"`);
  return { kind: resolvedKind, namespace: namespace ?? context.defaultNamespace ?? DEFAULT_NAMESPACE, name };
}

/** The case-insensitive identity Backstage compares by; the catalog's primary key for references. */
export function refKey(e: EntityName): string {
  return `${e.kind}:${e.namespace}/${e.name}`.toLowerCase();
}

/** As Backstage's stringifyEntityRef writes it: kind lower-cased, namespace and name as written. */
export function displayRef(e: EntityName): string {
  return `${e.kind.toLowerCase()}:${e.namespace}/${e.name}`;
}

/** The parts of a key made by refKey (all lower case). */
export function splitKey(key: string): EntityName {
  const colon = key.indexOf(":");
  const slash = key.indexOf("/", colon + 1);
  return { kind: key.slice(0, colon), namespace: key.slice(colon + 1, slash), name: key.slice(slash + 1) };
}

/** The entity page; Backstage's URL order is namespace/kind/name, the API's kind/namespace/name, which we follow. */
export function entityPath(e: EntityName): string {
  return `/catalog/${encodeURIComponent(e.kind.toLowerCase())}/${encodeURIComponent(e.namespace)}/${encodeURIComponent(e.name)}`;
}
