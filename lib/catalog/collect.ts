import type { CatalogProblem } from "@/db/schema";
import type { CatalogSource } from "./locations/sources";
import { resolvePlaceholders } from "./placeholders";
import { catalogLimits } from "./settings";
import { validateEntity, type ValidEntity } from "./validate";
import { parseYamlDocuments } from "./yaml";

export type Collected = { entity: ValidEntity; file: string; document: number };

export type Collection = {
  entities: Collected[];
  problems: CatalogProblem[];
  /** Files not fully understood (unreadable, or a document whose identity is unknown): what they held last time is kept, not orphaned. */
  failedFiles: Set<string>;
  /** Entities whose new version was refused: the stored version is kept, not orphaned. */
  keptKeys: Set<string>;
  /** False when not even the starting files could be read; nothing should change then. */
  rootsRead: boolean;
};

export type CollectOptions = {
  /** Read the files that Location entities point at (a registered location), or only note them (pasted YAML). */
  followLocations: boolean;
  /** For a registered location: Backstage's managed-by and source-location annotations. */
  origin?: string;
};

/** One sentence naming the file, document and field, for logs and the API's `message`. */
export function describeProblem(p: CatalogProblem): string {
  return [p.file, p.document ? `document ${p.document}` : null, p.field || null].filter(Boolean).join(", ") + `: ${p.message}`;
}

function directoryOf(file: string): string {
  const hash = file.lastIndexOf("#");
  if (hash !== -1) return file.slice(0, file.lastIndexOf("/") > hash ? file.lastIndexOf("/") + 1 : hash + 1);
  return /^https?:/.test(file) ? new URL(".", file).toString() : file;
}

function annotate(entity: ValidEntity, file: string, origin: string): void {
  const meta = entity.document.metadata;
  meta.annotations = {
    "backstage.io/source-location": `url:${directoryOf(file)}`,
    ...meta.annotations,
    "backstage.io/managed-by-location": `url:${file}`,
    "backstage.io/managed-by-origin-location": `url:${origin}`,
  };
}

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/**
 * Reads files from a source, document by document: parse, resolve
 * placeholders, validate, and (for locations) follow Location entities to
 * more files. A bad file or document is reported and skipped; it never stops
 * the others.
 */
export async function collectEntities(source: CatalogSource, options: CollectOptions): Promise<Collection> {
  const out: Collection = { entities: [], problems: [], failedFiles: new Set(), keptKeys: new Set(), rootsRead: true };
  const seen = new Map<string, { file: string; document: number }>();
  const visited = new Set<string>();
  let roots: string[];
  try {
    roots = await source.roots();
  } catch (e) {
    out.rootsRead = false;
    out.problems.push({ level: "error", file: options.origin ?? "input", message: e instanceof Error ? e.message : String(e) });
    return out;
  }
  type Queued = { file: string; optional: boolean };
  let wave: Queued[] = roots.map((file) => ({ file, optional: false }));
  let rootFailures = 0;
  let capped = false;

  const processText = async ({ file }: Queued, text: string, next: Queued[]) => {
    for (const doc of parseYamlDocuments(text)) {
      if ("problem" in doc) {
        out.failedFiles.add(file);
        out.problems.push({ level: "error", file, document: doc.index, message: doc.problem });
        continue;
      }
      const resolved = await resolvePlaceholders(doc.value, file, source);
      for (const p of resolved.problems) out.problems.push({ level: "warning", file, document: doc.index, field: p.field, message: p.message });
      const result = validateEntity(resolved.value);
      if (!result.ok) {
        if (result.key) out.keptKeys.add(result.key);
        else out.failedFiles.add(file);
        for (const p of result.problems) out.problems.push({ level: "error", file, document: doc.index, field: p.field || undefined, message: p.message });
        continue;
      }
      const { entity } = result;
      const first = seen.get(entity.key);
      if (first) {
        out.problems.push({ level: "error", file, document: doc.index, field: "metadata.name", message: `${entity.key} is already defined in ${first.file}, document ${first.document}` });
        continue;
      }
      seen.set(entity.key, { file, document: doc.index });
      if (options.origin) annotate(entity, file, options.origin);
      out.entities.push({ entity, file, document: doc.index });
      if (entity.name.kind === "Location") await followLocation(entity, file, doc.index, next);
    }
  };

  const followLocation = async (entity: ValidEntity, file: string, document: number, next: Queued[]) => {
    const spec = entity.document.spec;
    const targets: { target: string; field: string }[] = [];
    if (typeof spec.target === "string") targets.push({ target: spec.target, field: "spec.target" });
    ((spec.targets as string[] | undefined) ?? []).forEach((target, i) => targets.push({ target, field: `spec.targets[${i}]` }));
    if (!targets.length) return;
    if (!options.followLocations) {
      out.problems.push({ level: "warning", file, document, field: "spec.targets", message: "targets of a pasted Location are not read; register it as a location to follow them" });
      return;
    }
    for (const { target, field } of targets) {
      try {
        for (const f of await source.resolve(target, file)) next.push({ file: f, optional: spec.presence === "optional" });
      } catch (e) {
        out.problems.push({ level: "error", file, document, field, message: e instanceof Error ? e.message : String(e) });
      }
    }
  };

  while (wave.length) {
    const fresh: Queued[] = [];
    for (const w of wave) {
      if (visited.has(w.file)) continue;
      if (visited.size >= catalogLimits.maxFilesPerLocation) {
        // Not read is not gone: what these files held before stays.
        capped = true;
        out.failedFiles.add(w.file);
        continue;
      }
      visited.add(w.file);
      fresh.push(w);
    }
    // Files are fetched in parallel but processed in order, so the first definition of an entity always wins.
    const texts: (string | null)[] = new Array(fresh.length).fill(null);
    await mapLimit(
      fresh.map((w, i) => ({ w, i })),
      6,
      async ({ w, i }) => {
        try {
          texts[i] = await source.read(w.file);
        } catch (e) {
          out.failedFiles.add(w.file);
          if (roots.includes(w.file)) rootFailures++;
          out.problems.push({ level: w.optional ? "warning" : "error", file: w.file, message: e instanceof Error ? e.message : String(e) });
        }
      },
    );
    const next: Queued[] = [];
    for (const [i, w] of fresh.entries()) {
      const text = texts[i];
      if (text !== null) await processText(w, text, next);
    }
    wave = next;
  }
  if (capped) out.problems.push({ level: "error", file: options.origin ?? "input", message: `more than ${catalogLimits.maxFilesPerLocation} files; the rest were not read` });
  out.rootsRead = rootFailures < roots.length;
  return out;
}
