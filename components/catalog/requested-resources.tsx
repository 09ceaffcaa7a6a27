import type { StoredEntity } from "@/lib/catalog/entity";
import { EntityLink } from "./entity-link";

/** What Runway provisioned for a component: environments (with their databases) that deploy it, and databases and namespaces requested for it. */
export function RequestedResources({ resources }: { resources: StoredEntity[] }) {
  return (
    <section aria-labelledby="requested" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="requested" className="text-lg font-semibold">
        Environments, databases and namespaces requested for it
      </h2>
      {resources.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">None yet. An environment that deploys this component, or a database or namespace requested for it, appears here once it is ready.</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-2 text-sm">
          {resources.map((r) => {
            const databases = Array.isArray(r.document.spec.databases) ? (r.document.spec.databases as string[]) : [];
            return (
              <li key={r.id}>
                <EntityLink entity={{ kind: r.document.kind, namespace: r.document.metadata.namespace, name: r.document.metadata.name }} label={r.document.metadata.title ?? r.document.metadata.name} />{" "}
                <span className="text-slate-600">({String(r.document.spec.type)})</span>
                {databases.length > 0 && <span className="text-slate-600"> — databases: {databases.join(", ")}</span>}
                {r.requestId && (
                  <a href={`/requests/${r.requestId}`} className="ml-2 text-brand-700 underline">
                    request
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
