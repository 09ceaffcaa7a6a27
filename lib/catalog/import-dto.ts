import type { CatalogProblem } from "@/db/schema";
import { describeProblem } from "./collect";
import type { ImportResult } from "./import";

/** A problem for API answers: where (file, document, field) and one sentence that says it all. */
export function problemToApi(p: CatalogProblem) {
  return { file: p.file, document: p.document ?? null, field: p.field ?? null, message: describeProblem(p) };
}

export function importResultToApi(r: ImportResult) {
  return {
    dryRun: r.dryRun,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    refused: r.refused,
    errors: r.errors.map(problemToApi),
    warnings: r.warnings.map(problemToApi),
    preview: r.preview,
  };
}
