import type { Metadata } from "next";
import Link from "next/link";
import { AutoSubmitCheckbox } from "@/components/catalog/auto-submit-checkbox";
import { EntityPicker } from "@/components/catalog/entity-picker";
import { EntityTable } from "@/components/catalog/entity-table";
import { FacetSection } from "@/components/catalog/facet-section";
import { inputClass } from "@/components/ui/field";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { entityFacets, labelRefs, listEntities } from "@/lib/catalog/queries";
import { splitKey } from "@/lib/catalog/refs";
import { listEntitiesQuery, type ListEntitiesQuery } from "@/lib/catalog/schemas";
import { catalogHref, FILTER_KEYS, viewState } from "@/lib/catalog/url-state";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Catalog" };

const PAGE_SIZE = 25;
const refName = (key: string) => splitKey(key).name;
const filterLabels: Record<string, string> = { kind: "Kind", type: "Type", lifecycle: "Lifecycle", tag: "Tag", owner: "Owner", system: "System", rel: "Related", mine: "Owned by my teams" };

async function load(actor: Awaited<ReturnType<typeof requireActor>>, q: ListEntitiesQuery) {
  const [page, facets] = await Promise.all([listEntities(actor, { ...q, limit: PAGE_SIZE }), entityFacets(actor, q)]);
  const owners = await labelRefs(page.items.flatMap((e) => (e.ownerRef ? [e.ownerRef] : [])));
  return { page, facets, owners };
}

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listEntitiesQuery.safeParse(await searchParams);
  let problem = parsed.success ? null : "Some filters in this address are not valid; showing the whole catalog.";
  let q: ListEntitiesQuery = parsed.success ? parsed.data : {};
  let data;
  try {
    data = await load(actor, q);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "validation_failed") throw e;
    problem = `${e.message} Showing the whole catalog.`;
    q = {};
    data = await load(actor, q);
  }
  const { page, facets, owners } = data;
  const state = viewState(q);
  const filtered = FILTER_KEYS.some((k) => k !== "q" && state[k]);
  const isAdmin = can(actor.role, "catalog:import");

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">Catalog</h1>
          <p className="mt-1 text-slate-600">Services, APIs, resources, systems and the teams that own them, read from Backstage catalog-info.yaml files.</p>
        </div>
        <nav aria-label="Catalog sources" className="flex gap-2">
          <Link href="/catalog/locations" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
            Locations
          </Link>
          {isAdmin && (
            <Link href="/catalog/import" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
              Import
            </Link>
          )}
        </nav>
      </div>

      <form role="search" action="/catalog" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        {FILTER_KEYS.filter((k) => k !== "q" && k !== "mine" && state[k]).map((k) => (
          <input key={k} type="hidden" name={k} value={state[k]} />
        ))}
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor="catalog-q" className="text-sm font-medium text-slate-800">
            Search the catalog
          </label>
          <input id="catalog-q" type="search" name="q" defaultValue={q.q ?? ""} placeholder="Names, titles, descriptions, tags" className={inputClass} />
        </div>
        <AutoSubmitCheckbox name="mine" label="Owned by my teams" defaultChecked={Boolean(q.mine)} />
        <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-900">
          Search
        </button>
      </form>

      {problem && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {problem}
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
        <aside aria-label="Filters" className="flex flex-col gap-5">
          <FacetSection title="Kind" param="kind" values={facets.kind} state={state} />
          <FacetSection title="Type" param="type" values={facets.type} state={state} />
          <FacetSection title="Owner" param="owner" values={facets.owner} state={state} label={refName}>
            <EntityPicker label="Find an owner" kinds="Group,User" navigate={{ param: "owner", state }} />
          </FacetSection>
          <FacetSection title="Lifecycle" param="lifecycle" values={facets.lifecycle} state={state} />
          <FacetSection title="System" param="system" values={facets.system} state={state} label={refName}>
            <EntityPicker label="Find a system" kinds="System" navigate={{ param: "system", state }} />
          </FacetSection>
          <FacetSection title="Tag" param="tag" values={facets.tag} state={state} />
        </aside>

        <section aria-labelledby="results" className="flex min-w-0 flex-col gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id="results" className="text-sm text-slate-700">
              {page.total.toLocaleString("en")} {page.total === 1 ? "entity" : "entities"}
              {q.q ? ` matching “${q.q}”` : ""}
            </h2>
            {filtered && (
              <ul aria-label="Active filters" className="flex flex-wrap gap-2">
                {FILTER_KEYS.filter((k) => k !== "q" && state[k]).map((k) => (
                  <li key={k}>
                    <Link href={catalogHref(state, { [k]: undefined })} className="rounded-full border border-brand-500 bg-brand-50 px-3 py-0.5 text-xs text-brand-700 hover:bg-brand-100">
                      <span className="sr-only">Remove filter </span>
                      {filterLabels[k]}
                      {k !== "mine" && `: ${k === "owner" || k === "system" ? refName(state[k]!.toLowerCase()) : state[k]}`} ×
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {page.items.length === 0 ? (
            <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
              {filtered || q.q ? (
                <>
                  Nothing matches this view. <Link href="/catalog" className="text-brand-700 underline">Show the whole catalog</Link>.
                </>
              ) : isAdmin ? (
                <>
                  The catalog is empty. <Link href="/catalog/import" className="text-brand-700 underline">Import catalog-info.yaml files</Link> or{" "}
                  <Link href="/catalog/locations" className="text-brand-700 underline">register a repository</Link>.
                </>
              ) : (
                "The catalog is empty. A platform admin can import your teams' catalog-info.yaml files."
              )}
            </div>
          ) : (
            <EntityTable items={page.items} owners={owners} caption="Catalog entities" />
          )}
          <div className="flex gap-3">
            {q.cursor && (
              <Link href={catalogHref(state)} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
                First page
              </Link>
            )}
            {page.nextCursor && (
              <Link href={catalogHref(state, {}, page.nextCursor)} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
                Next page
              </Link>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
