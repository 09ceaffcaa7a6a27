import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { requestKinds, templates } from "@/lib/requests/templates";

export const metadata: Metadata = { title: "Request infrastructure" };

export default async function NewRequestPage() {
  await requireActor();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Request infrastructure</h1>
        <p className="mt-1 text-slate-600">
          Pick a golden path. Non-production requests within its limits and your team&apos;s quota are approved at once. See the{" "}
          <Link href="/golden-paths" className="text-brand-700 underline">
            golden paths
          </Link>{" "}
          for every limit.
        </p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-3">
        {requestKinds.map((kind) => (
          <li key={kind}>
            <Link href={`/requests/new/${kind}`} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-500">
              <span className="block text-lg font-semibold">{templates[kind].doc.title}</span>
              <span className="mt-1 block text-sm text-slate-600">{templates[kind].doc.summary}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
