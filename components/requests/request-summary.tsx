"use client";

import { evaluatePolicy } from "@/lib/requests/policy";
import type { Quota, Usage } from "@/lib/requests/quota";
import type { SubmittedRequest } from "@/lib/requests/schemas";

function describe(r: SubmittedRequest): string[] {
  const where = `${r.team}, ${r.environment}`;
  if (r.kind === "database") {
    const p = r.parameters;
    return [
      `A ${p.engine === "mysql" ? "MariaDB" : "PostgreSQL"} ${p.version} database "${r.name}" (${where})`,
      `${p.size}: ${p.sizeGb} GB, backups ${p.backups ? "on" : "off"}${p.extensions.length ? `, extensions ${p.extensions.join(", ")}` : ""}`,
      "Its own login role with a generated password, shown only to your team",
    ];
  }
  if (r.kind === "namespace") {
    const p = r.parameters;
    return [
      `Kubernetes namespace "${r.team}-${r.name}" (${where})`,
      `Quota: CPU ${p.cpuRequest}/${p.cpuLimit} cores, memory ${p.memoryRequestGi}/${p.memoryLimitGi} GiB, ${p.maxPods} pods`,
      `Network: default-deny${p.ingressFrom.length ? `, ingress from ${p.ingressFrom.join(", ")}` : ""}; your team bound to edit`,
    ];
  }
  const p = r.parameters;
  return [
    `Environment "${r.name}" (${where})${p.ttlHours ? `, torn down after ${p.ttlHours} h` : ""}`,
    `Namespace with CPU limit ${p.namespace.cpuLimit} cores and ${p.namespace.memoryLimitGi} GiB memory`,
    p.databases.length ? `Databases: ${p.databases.map((d) => `${d.name} (${d.engine} ${d.size})`).join(", ")}` : "No databases",
    p.services.length ? `Deploys: ${p.services.join(", ")}` : "No services to deploy",
  ];
}

type Props = { parsed: SubmittedRequest | null; usage: Usage | undefined; quota: Quota | undefined };

/** What will be created and how policy will decide, from the same code the server runs. */
export function RequestSummary({ parsed, usage, quota }: Props) {
  const decision = parsed && usage && quota ? evaluatePolicy(parsed, parsed.team, usage, quota) : null;
  return (
    <aside aria-labelledby="summary-title" aria-live="polite" className="self-start rounded-lg border border-slate-200 bg-white p-5 shadow-sm lg:sticky lg:top-4">
      <h2 id="summary-title" className="text-lg font-semibold">Summary</h2>
      {!parsed ? (
        <p className="mt-2 text-sm text-slate-600">Fix the highlighted fields to see what will be created.</p>
      ) : (
        <>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {describe(parsed).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {decision && (
            <p
              data-testid="approval-prediction"
              className={`mt-4 rounded-md px-3 py-2 text-sm ${decision.outcome === "auto_approve" ? "bg-emerald-50 text-emerald-950" : "bg-amber-50 text-amber-950"}`}
            >
              <strong>{decision.outcome === "auto_approve" ? "Will be auto-approved." : "Will need a platform admin's approval."}</strong> {decision.reason}
            </p>
          )}
        </>
      )}
    </aside>
  );
}
