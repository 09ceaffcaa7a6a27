"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { importCatalogAction } from "@/app/(portal)/catalog/actions";
import { inputClass } from "@/components/ui/field";
import type { EntityBrief } from "@/lib/catalog/import";
import { entityPath } from "@/lib/catalog/refs";
import { ProblemList } from "./problem-list";

type Files = { name: string; text: string }[];

function Briefs({ items, label }: { items: EntityBrief[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-0.5 text-sm">
      {items.map((e) => (
        <li key={e.ref}>
          <span className="font-mono">{e.ref}</span> <span className="text-xs text-slate-500">({e.file}, document {e.document})</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Paste or upload, preview, then apply. The preview and the import are the
 * same server action (with dryRun), so what is shown is what will happen,
 * unless the catalog changes in between.
 */
export function ImportForm({ maxBytes }: { maxBytes: number }) {
  const [text, setText] = useState("");
  const [uploads, setUploads] = useState<Files>([]);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const [state, dispatch, pending] = useActionState(importCatalogAction, null);

  const files = (): Files => [...(text.trim() ? [{ name: "pasted YAML", text }] : []), ...uploads];
  const run = (dryRun: boolean) => {
    // Said here, before sending: a body over the server's limit would be cut off on the way.
    const bytes = files().reduce((sum, f) => sum + new TextEncoder().encode(f.text).length, 0);
    const limit = maxBytes / 1024 / 1024;
    setTooLarge(bytes > maxBytes ? `These files hold ${(bytes / 1024 / 1024).toFixed(1)} MiB; one import takes at most ${limit} MiB. Split them, or register them as a location.` : null);
    if (bytes <= maxBytes) startTransition(() => dispatch({ files: files(), dryRun }));
  };
  const onFiles = async (list: FileList | null) => setUploads(await Promise.all([...(list ?? [])].map(async (f) => ({ name: f.name, text: await f.text() }))));

  const error = tooLarge ?? (state && !state.ok ? (state.fields?.["files"] ?? state.error) : null);
  const result = state?.ok ? state.data : null;
  const applied = result && !result.dryRun;
  return (
    <div className="flex flex-col gap-6">
      <form
        className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5"
        onSubmit={(e) => {
          e.preventDefault();
          run(true);
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="catalog-yaml" className="text-sm font-medium text-slate-800">
            Catalog YAML
          </label>
          <textarea
            id="catalog-yaml"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={14}
            spellCheck={false}
            placeholder={"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout\nspec:\n  type: service\n  lifecycle: production\n  owner: payments"}
            className={`${inputClass} font-mono`}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="catalog-files" className="text-sm font-medium text-slate-800">
            Or choose files
          </label>
          <input id="catalog-files" type="file" multiple accept=".yaml,.yml,application/yaml,text/yaml" onChange={(e) => onFiles(e.currentTarget.files)} className="text-sm" />
          <p className="text-xs text-slate-500">Up to {maxBytes / 1024 / 1024} MiB per import and 1 MiB per YAML document; register a location for larger catalogs.</p>
        </div>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={pending} className="rounded-md bg-slate-800 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-900 disabled:opacity-60">
            {pending ? "Reading…" : "Preview"}
          </button>
          {result?.dryRun && result.added + result.updated > 0 && (
            <button type="button" disabled={pending} onClick={() => run(false)} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
              Import {result.added + result.updated} {result.added + result.updated === 1 ? "entity" : "entities"}
            </button>
          )}
        </div>
      </form>

      {result && (
        <section aria-labelledby="import-result" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="import-result" className="text-lg font-semibold">
            {applied ? "Imported" : "Preview"}
          </h2>
          <p role="status" className="text-sm">
            {applied ? "Added" : "Will add"} {result.added}, {applied ? "changed" : "will change"} {result.updated}, unchanged {result.unchanged}, refused {result.refused}
            {applied && (
              <>
                {" "}
                — <Link href="/catalog" className="text-brand-700 underline">open the catalog</Link>
              </>
            )}
          </p>
          {result.preview.added.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold">{applied ? "Added" : "To add"}</h3>
              {applied ? (
                <ul aria-label="Added" className="flex flex-col gap-0.5 text-sm">
                  {result.preview.added.map((e) => (
                    <li key={e.ref}>
                      <Link href={entityPath(e)} className="text-brand-700 underline">
                        {e.ref}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <Briefs items={result.preview.added} label="To add" />
              )}
            </div>
          )}
          {result.preview.updated.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold">{applied ? "Changed" : "To change"}</h3>
              <Briefs items={result.preview.updated} label={applied ? "Changed" : "To change"} />
            </div>
          )}
          {result.preview.truncated && <p className="text-xs text-slate-600">Only the first 500 of each are listed.</p>}
          {result.errors.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold text-red-900">Refused</h3>
              <ProblemList problems={result.errors} label="Refused" />
            </div>
          )}
          {result.warnings.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold text-amber-900">Warnings</h3>
              <ProblemList problems={result.warnings} label="Warnings" />
            </div>
          )}
        </section>
      )}
    </div>
  );
}
