import type { EntityLabel, EntitySummary } from "@/lib/catalog/queries";
import { EntityLink } from "./entity-link";
import { KindBadge, OrphanBadge } from "./kind-badge";

export function EntityTable({ items, owners, caption }: { items: EntitySummary[]; owners: Map<string, EntityLabel>; caption: string }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Kind</th>
            <th scope="col" className="px-4 py-2">Type</th>
            <th scope="col" className="px-4 py-2">Owner</th>
            <th scope="col" className="px-4 py-2">Lifecycle</th>
            <th scope="col" className="px-4 py-2">Tags</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => {
            const owner = e.ownerRef ? owners.get(e.ownerRef) : undefined;
            return (
              <tr key={e.id} className="border-t border-slate-100 align-top">
                <td className="px-4 py-2">
                  <div className="flex flex-wrap items-center gap-2 font-medium">
                    <EntityLink entity={e} label={e.title ?? e.name} />
                    {e.namespace !== "default" && <span className="text-xs text-slate-500">{e.namespace}</span>}
                    {e.orphaned && <OrphanBadge />}
                  </div>
                  {e.description && <p className="mt-0.5 line-clamp-2 max-w-xl text-slate-600">{e.description}</p>}
                </td>
                <td className="px-4 py-2">
                  <KindBadge kind={e.kind} />
                </td>
                <td className="px-4 py-2">{e.type ?? "—"}</td>
                <td className="px-4 py-2">{owner ? <EntityLink entity={owner} label={owner.title ?? owner.name} exists={owner.exists} /> : "—"}</td>
                <td className="px-4 py-2">{e.lifecycle ?? "—"}</td>
                <td className="px-4 py-2">
                  <ul className="flex flex-wrap gap-1">
                    {e.tags.map((t) => (
                      <li key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                        {t}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
