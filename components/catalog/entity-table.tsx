import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import type { EntityLabel, EntitySummary } from "@/lib/catalog/queries";
import { EntityLink } from "./entity-link";
import { KindBadge, OrphanBadge } from "./kind-badge";

export function EntityTable({ items, owners, caption }: { items: EntitySummary[]; owners: Map<string, EntityLabel>; caption: string }) {
  return (
    <DataTable
      caption={caption}
      head={
        <>
          <Th>Name</Th>
          <Th>Kind</Th>
          <Th>Type</Th>
          <Th>Owner</Th>
          <Th>Lifecycle</Th>
          <Th>Tags</Th>
        </>
      }
    >
      {items.map((e) => {
        const owner = e.ownerRef ? owners.get(e.ownerRef) : undefined;
        return (
          <Tr key={e.id} className="align-top">
            <Td>
              <div className="flex flex-wrap items-center gap-2 font-medium">
                <EntityLink entity={e} label={e.title ?? e.name} />
                {e.namespace !== "default" && <span className="text-xs text-slate-500">{e.namespace}</span>}
                {e.orphaned && <OrphanBadge />}
              </div>
              {e.description && <p className="mt-0.5 line-clamp-2 max-w-xl text-slate-600">{e.description}</p>}
            </Td>
            <Td>
              <KindBadge kind={e.kind} />
            </Td>
            <Td>{e.type ?? "—"}</Td>
            <Td>{owner ? <EntityLink entity={owner} label={owner.title ?? owner.name} exists={owner.exists} /> : "—"}</Td>
            <Td>{e.lifecycle ?? "—"}</Td>
            <Td>
              <ul className="flex flex-wrap gap-1">
                {e.tags.map((t) => (
                  <li key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                    {t}
                  </li>
                ))}
              </ul>
            </Td>
          </Tr>
        );
      })}
    </DataTable>
  );
}
