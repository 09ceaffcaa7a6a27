import { DataTable, Td, Th, Tr } from "@/components/ui/data-table";
import { readOpenApi } from "@/lib/catalog/openapi";
import { isPlaceholder } from "@/lib/catalog/validate";

const methodTone: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900",
  POST: "bg-emerald-100 text-emerald-900",
  PUT: "bg-amber-100 text-amber-900",
  PATCH: "bg-amber-100 text-amber-900",
  DELETE: "bg-red-100 text-red-900",
};

function Raw({ text }: { text: string }) {
  return <pre className="mt-3 max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100">{text}</pre>;
}

/** An API's definition: OpenAPI as a readable list of operations, anything else (AsyncAPI, GraphQL, gRPC…) as its text. */
export function ApiDefinition({ type, definition }: { type: string | null; definition: unknown }) {
  let body: React.ReactNode;
  if (isPlaceholder(definition)) {
    const [kind, target] = Object.entries(definition)[0];
    body = (
      <p className="mt-2 text-sm text-slate-700">
        The definition is kept elsewhere ({kind} <span className="break-all font-mono">{target}</span>) and could not be read when this entity was last imported.
      </p>
    );
  } else if (typeof definition !== "string") {
    body = <p className="mt-2 text-sm text-slate-700">This API has no definition in the catalog.</p>;
  } else {
    const openapi = type === "openapi" ? readOpenApi(definition) : null;
    body = openapi ? (
      <div className="mt-2 flex flex-col gap-4">
        <div>
          <p className="font-semibold">
            {openapi.title ?? "Untitled API"} {openapi.version && <span className="font-normal text-slate-600">version {openapi.version}</span>}
          </p>
          {openapi.description && <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{openapi.description}</p>}
          {openapi.servers.length > 0 && (
            <p className="mt-1 text-sm text-slate-700">
              Servers: <span className="font-mono">{openapi.servers.join(", ")}</span>
            </p>
          )}
        </div>
        <DataTable
          caption="Operations"
          variant="inset"
          head={
            <>
              <Th>Operation</Th>
              <Th>Summary</Th>
              <Th>Parameters</Th>
              <Th>Responses</Th>
            </>
          }
          footer={openapi.truncated && <p className="mt-1 text-xs text-slate-600">Only the first operations are listed; the full text is below.</p>}
        >
          {openapi.operations.map((op) => (
            <Tr key={`${op.method} ${op.path}`} className="align-top">
              <Td className="whitespace-nowrap font-mono">
                <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-bold ${methodTone[op.method] ?? "bg-slate-100"}`}>{op.method}</span>
                {op.path}
              </Td>
              <Td>{op.summary ?? "—"}</Td>
              <Td>
                {op.parameters.length
                  ? op.parameters.map((p) => (
                      <span key={`${p.in}-${p.name}`} className="mr-2 inline-block font-mono text-xs">
                        {p.name}
                        <span className="text-slate-500"> ({p.in}{p.required ? ", required" : ""})</span>
                      </span>
                    ))
                  : "—"}
              </Td>
              <Td className="text-xs">
                {op.responses.map((r) => (
                  <span key={r.code} className="block">
                    <span className="font-mono font-semibold">{r.code}</span> {r.description}
                  </span>
                ))}
              </Td>
            </Tr>
          ))}
        </DataTable>
        <details>
          <summary className="cursor-pointer text-sm text-brand-700">Show the OpenAPI text</summary>
          <Raw text={definition} />
        </details>
      </div>
    ) : (
      <Raw text={definition} />
    );
  }
  return (
    <section aria-labelledby="definition" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="definition" className="text-lg font-semibold">
        Definition {type && <span className="text-sm font-normal text-slate-600">({type})</span>}
      </h2>
      {body}
    </section>
  );
}
