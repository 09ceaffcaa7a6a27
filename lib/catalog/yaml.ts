import { parseAllDocuments } from "yaml";
import { catalogLimits } from "./settings";

export type YamlDocument = { index: number; value: unknown } | { index: number; problem: string };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/**
 * Splits a multi-document YAML file. Each document stands alone: a syntax
 * error, an alias bomb or an oversized document is reported by its number
 * (1-based) and the documents around it are still read. Empty documents (a
 * trailing `---`) are skipped but keep their number.
 */
export function parseYamlDocuments(text: string, maxDocumentBytes = catalogLimits.maxFileBytes): YamlDocument[] {
  const out: YamlDocument[] = [];
  const docs = parseAllDocuments(text, { prettyErrors: true, uniqueKeys: true, merge: false });
  let index = 0;
  for (const doc of docs) {
    index++;
    const [start, , end] = doc.range;
    const bytes = Buffer.byteLength(text.slice(start, end));
    if (bytes > maxDocumentBytes) {
      out.push({ index, problem: `the document is ${size(bytes)}; the limit is ${size(maxDocumentBytes)}` });
      continue;
    }
    if (doc.errors.length) {
      // prettyErrors puts "at line L, column C" in the first line of the message.
      out.push({ index, problem: `is not valid YAML: ${doc.errors[0].message.split("\n")[0].replace(/:$/, "")}` });
      continue;
    }
    try {
      const value = doc.toJS({ maxAliasCount: catalogLimits.maxAliasCount });
      if (value === null || value === undefined) continue;
      out.push({ index, value });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      out.push({
        index,
        problem: /alias/i.test(message)
          ? `uses YAML aliases too many times (more than ${catalogLimits.maxAliasCount} expansions); refused as a possible alias bomb`
          : `could not be read: ${message}`,
      });
    }
  }
  return out;
}
