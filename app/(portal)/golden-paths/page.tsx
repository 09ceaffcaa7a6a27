import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { DEFAULT_QUOTA } from "@/lib/requests/quota";
import { requestKinds, templates } from "@/lib/requests/templates";
import type { Limit } from "@/lib/requests/templates/common";

export const metadata: Metadata = { title: "Golden paths" };

function LimitList({ title, items }: { title: string; items: Limit[] }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
      <dl className="mt-1 text-sm">
        {items.map((l) => (
          <div key={l.label} className="flex gap-2">
            <dt className="text-slate-600">{l.label}:</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export default async function GoldenPathsPage() {
  await requireActor();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Golden paths</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          What each self-service form creates, its defaults and limits. Outside the hard limits a request is refused; beyond the self-service limits, in production, or over the team&apos;s quota it
          waits for a platform admin. Default team quota: {DEFAULT_QUOTA.maxDatabases} databases, {DEFAULT_QUOTA.maxNamespaces} namespaces ({DEFAULT_QUOTA.maxNamespaceCpuMillis / 1000} cores,{" "}
          {DEFAULT_QUOTA.maxNamespaceMemoryMib / 1024} GiB), {DEFAULT_QUOTA.maxEnvironments} environments.
        </p>
      </div>
      {requestKinds.map((kind) => {
        const doc = templates[kind].doc;
        return (
          <section key={kind} aria-labelledby={`gp-${kind}`} className="rounded-lg border border-slate-200 bg-white p-5">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`gp-${kind}`} className="text-lg font-semibold">{doc.title}</h2>
              <Link href={`/requests/new/${kind}`} className="text-sm text-brand-700 underline">
                Request {doc.article}
              </Link>
            </div>
            <p className="mt-1 text-sm text-slate-600">{doc.summary}</p>
            <div className="mt-4 grid gap-4 md:grid-cols-3">
              <LimitList title="Defaults" items={doc.defaults} />
              <LimitList title="Hard limits" items={doc.hardLimits} />
              <LimitList title="Self-service (auto-approved outside production)" items={doc.selfService} />
            </div>
          </section>
        );
      })}
    </div>
  );
}
