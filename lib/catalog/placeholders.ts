import type { CatalogSource } from "./locations/sources";
import { isPlaceholder, fieldPath, type FieldProblem } from "./validate";
import { parseYamlDocuments } from "./yaml";

async function load(kind: string, target: string, from: string, source: CatalogSource): Promise<unknown> {
  const [file] = await source.resolve(target, from);
  const text = await source.read(file);
  if (kind === "$text") return text;
  if (kind === "$json") {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new Error(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const [doc] = parseYamlDocuments(text);
  if (!doc) return null;
  if ("problem" in doc) throw new Error(`${file} ${doc.problem}`);
  return doc.value;
}

/**
 * Backstage's `$text`, `$json` and `$yaml` placeholders, read relative to the
 * file they are written in. One that cannot be read stays in place with a
 * warning: the entity is still worth having without, say, its API definition.
 */
export async function resolvePlaceholders(value: unknown, from: string, source: CatalogSource): Promise<{ value: unknown; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const walk = async (node: unknown, path: PropertyKey[]): Promise<unknown> => {
    if (Array.isArray(node)) return Promise.all(node.map((item, i) => walk(item, [...path, i])));
    if (!node || typeof node !== "object") return node;
    if (isPlaceholder(node)) {
      const [kind, target] = Object.entries(node)[0];
      try {
        return await load(kind, target, from, source);
      } catch (e) {
        problems.push({ field: fieldPath(path), message: `${kind} ${target} could not be read: ${e instanceof Error ? e.message : String(e)}` });
        return node;
      }
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = await walk(v, [...path, k]);
    return out;
  };
  return { value: await walk(value, []), problems };
}
