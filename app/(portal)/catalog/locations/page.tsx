import type { Metadata } from "next";
import Link from "next/link";
import { LocationActions } from "@/components/catalog/location-actions";
import { LocationForm } from "@/components/catalog/location-form";
import { ProblemList } from "@/components/catalog/problem-list";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { listLocations } from "@/lib/catalog/locations/manage";
import { listLocationsQuery } from "@/lib/catalog/schemas";
import { AppError } from "@/lib/errors";
import { age, utc } from "@/lib/time";

export const metadata: Metadata = { title: "Locations · Catalog" };

const PAGE_SIZE = 50;

export default async function LocationsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const parsed = listLocationsQuery.safeParse(await searchParams);
  let cursor = parsed.success ? parsed.data.cursor : undefined;
  let problem = parsed.success ? null : "This address does not point into the list of locations; showing the first page.";
  let page;
  try {
    page = await listLocations(actor, { limit: PAGE_SIZE, cursor });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "validation_failed") throw e;
    problem = "This address does not point into the list of locations; showing the first page.";
    cursor = undefined;
    page = await listLocations(actor, { limit: PAGE_SIZE });
  }
  const locations = page.items;
  const isAdmin = can(actor.role, "catalog:locations");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader back={{ href: "/catalog", label: "Catalog" }} title="Locations">
        Repositories and URLs the catalog reads, with Location entities followed to more files. Each is read again on a schedule, and at once by its Refresh button,
        by a push to its GitHub repository (the GitHub webhook, POST /api/webhooks/github) or by POST /api/v1/catalog/locations/&#123;id&#125;/refresh. Entities that
        disappear from a location are flagged as orphans, then removed on the next read.
      
      </PageHeader>
      {isAdmin && <LocationForm />}
      {problem && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          {problem}
        </p>
      )}
      {locations.length === 0 && !cursor ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          No locations yet.{isAdmin ? " Register a repository or a catalog-info.yaml URL above." : " A platform admin can register your team's repository."}
        </div>
      ) : (
        <ul aria-label="Registered locations" className="flex flex-col gap-4">
          {locations.map((l) => {
            const errors = l.problems.filter((p) => p.level === "error");
            return (
              <li key={l.id} aria-label={l.target} className="rounded-lg border border-slate-200 bg-white p-5">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="break-all font-mono text-sm font-semibold">{l.target}</p>
                    <p className="mt-1 text-sm text-slate-700">
                      {l.entityCount.toLocaleString("en")} entities
                      {l.orphanCount > 0 && <span className="text-red-800">, {l.orphanCount} orphaned</span>} · last read{" "}
                      {l.lastReadAt ? <time dateTime={l.lastReadAt.toISOString()} title={utc(l.lastReadAt)}>{age(l.lastReadAt)} ago</time> : "never"}
                      {l.lastSuccessAt && l.lastReadAt && l.lastSuccessAt < l.lastReadAt && <span className="text-red-800"> (failed; last good read {age(l.lastSuccessAt)} ago)</span>} · next read{" "}
                      {utc(l.nextRefreshAt)}
                    </p>
                  </div>
                  {isAdmin && <LocationActions id={l.id} target={l.target} />}
                </div>
                {l.problems.length > 0 && (
                  <details className="mt-3">
                    <summary className="cursor-pointer text-sm">
                      {errors.length} {errors.length === 1 ? "error" : "errors"}, {l.problems.length - errors.length} {l.problems.length - errors.length === 1 ? "warning" : "warnings"} in the last read
                    </summary>
                    <div className="mt-2">
                      <ProblemList problems={l.problems} label={`Problems of ${l.target}`} />
                    </div>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {(cursor || page.nextCursor) && (
        <nav aria-label="Pages of locations" className="flex gap-3">
          {cursor && (
            <Link href="/catalog/locations" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
              First page
            </Link>
          )}
          {page.nextCursor && (
            <Link href={`/catalog/locations?cursor=${page.nextCursor}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50">
              Next page
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
