/**
 * Backstage's format rules for entity fields (its KubernetesValidatorFunctions
 * and FieldFormatEntityPolicy), each with the sentence a person needs to fix a value.
 */

const OBJECT_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_LABEL = /^[a-z0-9]+(?:-+[a-z0-9]+)*$/;
const DNS_SUBDOMAIN = /^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const TAG = /^[a-z0-9:+#]+(?:-[a-z0-9:+#]+)*$/;

export function isValidName(v: string): boolean {
  return v.length >= 1 && v.length <= 63 && OBJECT_NAME.test(v);
}
export const NAME_RULE = 'use 1–63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';

export function isValidNamespace(v: string): boolean {
  return v.length >= 1 && v.length <= 63 && DNS_LABEL.test(v);
}
export const NAMESPACE_RULE = "use 1–63 lower-case letters, digits and dashes, starting and ending with a letter or digit";

export function isValidKind(v: string): boolean {
  return v.length >= 1 && v.length <= 63 && KIND.test(v);
}
export const KIND_RULE = "use 1–63 letters and digits, starting with a letter";

export function isValidApiVersion(v: string): boolean {
  const [group, version, ...rest] = v.split("/");
  return rest.length === 0 && version !== undefined && group.length <= 253 && DNS_SUBDOMAIN.test(group) && isValidName(version);
}
export const API_VERSION_RULE = 'use "group/version", such as backstage.io/v1alpha1';

export function isValidTag(v: string): boolean {
  return v.length >= 1 && v.length <= 63 && TAG.test(v);
}
export const TAG_RULE = 'use lower-case letters, digits and ":+#", in words joined by single dashes, at most 63 characters';

/** Label and annotation keys: an optional DNS-subdomain prefix and a name, as in Kubernetes. */
export function isValidMetadataKey(v: string): boolean {
  const slash = v.indexOf("/");
  if (slash === -1) return isValidName(v);
  const prefix = v.slice(0, slash);
  return prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix) && isValidName(v.slice(slash + 1));
}
export const METADATA_KEY_RULE = 'use an optional "example.com/" prefix and a name of 1–63 letters, digits, "-", "_" or "."';

export function isValidLabelValue(v: string): boolean {
  return v === "" || isValidName(v);
}
