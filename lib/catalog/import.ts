import "server-only";
import { db } from "@/db/client";
import type { CatalogProblem } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { validationFailed } from "@/lib/errors";
import { collectEntities } from "./collect";
import { pastedSource } from "./locations/sources";
import { displayRef } from "./refs";
import type { ImportInput } from "./schemas";
import { catalogLimits } from "./settings";
import { applyPlan, lockCatalog, planWrite, type PlannedEntity, type WritePlan } from "./store";
import { forgetCounts } from "./view-cache";

export type EntityBrief = { ref: string; kind: string; namespace: string; name: string; title: string | null; file: string; document: number };

export type ImportResult = {
  dryRun: boolean;
  added: number;
  updated: number;
  unchanged: number;
  /** Documents (or whole files) refused; one document may have several errors. */
  refused: number;
  errors: CatalogProblem[];
  warnings: CatalogProblem[];
  /** What will be (or was) added and changed; at most PREVIEW_LIMIT of each. */
  preview: { added: EntityBrief[]; updated: EntityBrief[]; truncated: boolean };
};

const PREVIEW_LIMIT = 500;

function brief(p: PlannedEntity): EntityBrief {
  return { ref: displayRef(p.entity.name), kind: p.entity.name.kind, namespace: p.entity.name.namespace, name: p.entity.name.name, title: p.row.title, file: p.file, document: p.document };
}

export function summarize(plan: WritePlan, problems: CatalogProblem[], dryRun: boolean): ImportResult {
  const refused: CatalogProblem[] = plan.refused.map(({ item, message }) => ({ level: "error", file: item.file, document: item.document, field: "metadata.name", message }));
  const errors = [...problems.filter((p) => p.level === "error"), ...refused];
  return {
    dryRun,
    added: plan.added.length,
    updated: plan.updated.length,
    unchanged: plan.unchanged.length,
    refused: new Set(errors.map((e) => `${e.file}\n${e.document ?? ""}`)).size,
    errors,
    warnings: problems.filter((p) => p.level === "warning"),
    preview: {
      added: plan.added.slice(0, PREVIEW_LIMIT).map(brief),
      updated: plan.updated.slice(0, PREVIEW_LIMIT).map(brief),
      truncated: plan.added.length > PREVIEW_LIMIT || plan.updated.length > PREVIEW_LIMIT,
    },
  };
}

/**
 * Imports pasted or posted multi-document YAML (Backstage catalog-info.yaml
 * files). With `dryRun` it only says what would be added, changed or
 * refused; otherwise the valid documents are written in one transaction and
 * the bad ones reported, so one bad document never blocks the others.
 */
export async function importCatalog(actor: Actor, input: ImportInput): Promise<ImportResult> {
  assertCan(actor, "catalog:import");
  const bytes = input.files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  if (bytes > catalogLimits.maxImportBytes) {
    throw validationFailed(`The import is ${(bytes / 1024 / 1024).toFixed(1)} MiB; the limit is ${catalogLimits.maxImportBytes / 1024 / 1024} MiB. Split it, or register the files as a location.`);
  }
  const names = input.files.map((f, i) => (input.files.findIndex((g) => g.name === f.name) === i ? f.name : `${f.name} (${i + 1})`));
  const files = input.files.map((f, i) => ({ name: names[i], text: f.text }));
  const collection = await collectEntities(pastedSource(files), { followLocations: false });
  const writer = { source: "import" } as const;

  if (input.dryRun) {
    const plan = await planWrite(db, collection.entities, writer);
    return summarize(plan, collection.problems, true);
  }
  const written = await db.transaction(async (tx) => {
    await lockCatalog(tx);
    const plan = await planWrite(tx, collection.entities, writer);
    await applyPlan(tx, plan, writer);
    const result = summarize(plan, collection.problems, false);
    await recordAudit(tx, {
      actor,
      action: "catalog.import",
      details: { files: files.map((f) => f.name), added: result.added, updated: result.updated, unchanged: result.unchanged, errors: result.errors.length },
    });
    return result;
  });
  forgetCounts();
  return written;
}
