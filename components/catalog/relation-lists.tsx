import Link from "next/link";
import type { RelationGroup } from "@/lib/catalog/entity";
import { RELATION_LABELS } from "@/lib/catalog/relations";
import { catalogHref } from "@/lib/catalog/url-state";
import { canonicalKind } from "@/lib/catalog/validate";
import { EntityLink } from "./entity-link";
import { KindBadge } from "./kind-badge";

/** Every relation of an entity, by type; a long list links to the catalog view that holds all of it. */
export function RelationLists({ groups, entityRef, heading, id }: { groups: RelationGroup[]; entityRef: string; heading: string; id: string }) {
  // "Owns" holding only the ownerOf list: one heading says it all.
  const single = groups.length === 1 && RELATION_LABELS[groups[0].type] === heading;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="text-lg font-semibold">
        {heading}
        {single && <span className="font-normal text-slate-500"> ({groups[0].total.toLocaleString("en")})</span>}
      </h2>
      {groups.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None.</p>
      ) : (
        <div className="mt-3 grid gap-5 sm:grid-cols-2">
          {groups.map((g) => (
            <section key={g.type} aria-label={single ? undefined : RELATION_LABELS[g.type]}>
              {!single && (
                <h3 className="text-sm font-semibold text-slate-700">
                  {RELATION_LABELS[g.type]} <span className="font-normal text-slate-500">({g.total.toLocaleString("en")})</span>
                </h3>
              )}
              <ul className="mt-1 flex flex-col gap-1 text-sm">
                {g.targets.map((t) => (
                  <li key={t.key} className="flex flex-wrap items-center gap-2">
                    <KindBadge kind={canonicalKind(t.kind)} />
                    <EntityLink entity={t} label={t.title ?? t.name} exists={t.exists} />
                    {t.namespace !== "default" && <span className="text-xs text-slate-500">{t.namespace}</span>}
                  </li>
                ))}
              </ul>
              {g.total > g.targets.length && (
                <Link href={catalogHref({ rel: `${g.type}:${entityRef}` })} className="mt-1 inline-block text-sm text-brand-700 underline">
                  All {g.total.toLocaleString("en")}
                </Link>
              )}
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
