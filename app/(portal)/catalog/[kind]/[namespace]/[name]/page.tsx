import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiDefinition } from "@/components/catalog/api-definition";
import { DoraCard } from "@/components/catalog/dora-card";
import { EntityLink } from "@/components/catalog/entity-link";
import { KindBadge, OrphanBadge } from "@/components/catalog/kind-badge";
import { RelationGraph } from "@/components/catalog/relation-graph";
import { RelationLists } from "@/components/catalog/relation-lists";
import { RequestedResources } from "@/components/catalog/requested-resources";
import { ScorecardCard } from "@/components/catalog/scorecard-card";
import { TeamRollupCard } from "@/components/catalog/team-rollup";
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/session";
import { getEntity, loadDocuments, withRelations, type RelationGroup, type StoredEntity } from "@/lib/catalog/entity";
import { listEntities } from "@/lib/catalog/queries";
import { displayRef, refKey } from "@/lib/catalog/refs";
import type { RelationType } from "@/lib/catalog/relations";
import { entityScorecard, teamRollup } from "@/lib/catalog/scorecard";
import { catalogHref } from "@/lib/catalog/url-state";
import { AppError } from "@/lib/errors";
import { computeDoraKeys } from "@/lib/metrics/dora";
import { utc } from "@/lib/time";

type Params = { kind: string; namespace: string; name: string };

const RELATIONS_PER_TYPE = 50;

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { name } = await params;
  return { title: `${decodeURIComponent(name)} · Catalog` };
}

function pick(groups: RelationGroup[], types: RelationType[]): [RelationGroup[], RelationGroup[]] {
  return [groups.filter((g) => types.includes(g.type)), groups.filter((g) => !types.includes(g.type))];
}

async function requestedFor(actor: Actor, key: string): Promise<StoredEntity[]> {
  const page = await listEntities(actor, { rel: `dependencyOf:${key}`, kind: "Resource", tag: "runway", limit: 20 });
  return loadDocuments(page.items.map((e) => e.id));
}

async function doraFor(actor: Actor, service: string) {
  try {
    return { keys: await computeDoraKeys(actor, { service, environment: "production" }), unavailable: null };
  } catch (e) {
    if (e instanceof AppError) return { keys: null, unavailable: e.message };
    throw e;
  }
}

function Source({ entity }: { entity: StoredEntity }) {
  if (entity.source === "request" && entity.requestId) {
    return (
      <>
        Created by a{" "}
        <Link href={`/requests/${entity.requestId}`} className="text-brand-700 underline">
          Runway request
        </Link>
      </>
    );
  }
  if (entity.location) {
    return (
      <>
        <Link href="/catalog/locations" className="text-brand-700 underline">
          Location
        </Link>{" "}
        <span className="break-all font-mono text-xs">{entity.sourceFile ?? entity.location.target}</span>
      </>
    );
  }
  return <>Imported{entity.sourceFile ? ` from ${entity.sourceFile}` : ""}</>;
}

export default async function EntityPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const actor = await requireActor();
  const name = { kind: decodeURIComponent(p.kind), namespace: decodeURIComponent(p.namespace), name: decodeURIComponent(p.name) };
  const entity = await getEntity(actor, name);
  if (!entity) notFound();
  const { document: doc } = entity;
  const kind = doc.kind;
  const ref = displayRef({ kind, namespace: doc.metadata.namespace, name: doc.metadata.name });
  const [[{ relations }], card, rollup, requested, dora] = await Promise.all([
    withRelations([entity], RELATIONS_PER_TYPE),
    entityScorecard(actor, entity.id),
    kind === "Group" ? teamRollup(actor, entity.key) : null,
    kind === "Component" ? requestedFor(actor, entity.key) : null,
    kind === "Component" ? doraFor(actor, doc.metadata.name) : null,
  ]);

  const owner = relations.find((g) => g.type === "ownedBy")?.targets[0];
  const partOf = relations.find((g) => g.type === "partOf")?.targets ?? [];
  const [apis, afterApis] = kind === "Component" ? pick(relations, ["providesApi", "consumesApi"]) : [[], relations];
  const [members, afterMembers] = kind === "Group" ? pick(afterApis, ["hasMember"]) : [[], afterApis];
  const [owns, rest] = kind === "Group" || kind === "User" ? pick(afterMembers, ["ownerOf"]) : [[], afterMembers];
  const links = doc.metadata.links ?? [];
  const tags = doc.metadata.tags ?? [];
  const key = refKey({ kind, namespace: doc.metadata.namespace, name: doc.metadata.name });

  return (
    <div className="flex flex-col gap-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/catalog" className="text-brand-700 underline">
            Catalog
          </Link>{" "}
          /{" "}
          <Link href={catalogHref({ kind })} className="text-brand-700 underline">
            {kind}
          </Link>
        </nav>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-bold">
          {doc.metadata.title ?? doc.metadata.name} <KindBadge kind={kind} />
          {entity.orphanedAt && <OrphanBadge />}
        </h1>
        <p className="mt-1 font-mono text-sm text-slate-600">{ref}</p>
        {doc.metadata.description && <p className="mt-2 max-w-3xl text-slate-700">{doc.metadata.description}</p>}
      </div>

      {entity.orphanedAt && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950">
          Its location no longer holds this entity (since {utc(entity.orphanedAt)}). The next read of the location removes it, unless it comes back.
        </p>
      )}

      <section aria-label="About" className="rounded-lg border border-slate-200 bg-white p-5">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          {typeof doc.spec.type === "string" && (
            <>
              <dt className="text-slate-600">Type</dt>
              <dd>{doc.spec.type}</dd>
            </>
          )}
          {typeof doc.spec.lifecycle === "string" && (
            <>
              <dt className="text-slate-600">Lifecycle</dt>
              <dd>{doc.spec.lifecycle}</dd>
            </>
          )}
          {owner && (
            <>
              <dt className="text-slate-600">Owner</dt>
              <dd>
                <EntityLink entity={owner} label={owner.title ?? owner.name} exists={owner.exists} />
              </dd>
            </>
          )}
          {partOf.length > 0 && (
            <>
              <dt className="text-slate-600">Part of</dt>
              <dd className="flex flex-wrap gap-x-3">
                {partOf.map((t) => (
                  <span key={t.key}>
                    <EntityLink entity={t} label={t.title ?? t.name} exists={t.exists} /> <span className="text-xs text-slate-500">({t.kind.toLowerCase()})</span>
                  </span>
                ))}
              </dd>
            </>
          )}
          <dt className="text-slate-600">Namespace</dt>
          <dd>{doc.metadata.namespace}</dd>
          {tags.length > 0 && (
            <>
              <dt className="text-slate-600">Tags</dt>
              <dd>
                <ul className="flex flex-wrap gap-1">
                  {tags.map((t) => (
                    <li key={t}>
                      <Link href={catalogHref({ tag: t })} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-200">
                        {t}
                      </Link>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {links.length > 0 && (
            <>
              <dt className="text-slate-600">Links</dt>
              <dd>
                <ul className="flex flex-col gap-0.5">
                  {links.map((l) => (
                    <li key={l.url}>
                      <a href={l.url} rel="noopener noreferrer" target="_blank" className="break-all text-brand-700 underline">
                        {l.title ?? l.url}
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt className="text-slate-600">Source</dt>
          <dd>
            <Source entity={entity} />
          </dd>
          <dt className="text-slate-600">Last changed</dt>
          <dd>{utc(entity.updatedAt)}</dd>
        </dl>
      </section>

      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <ScorecardCard card={card} />
        <RelationGraph name={doc.metadata.title ?? doc.metadata.name} kind={kind} groups={relations} />
      </div>

      {kind === "API" && <ApiDefinition type={typeof doc.spec.type === "string" ? doc.spec.type : null} definition={doc.spec.definition} />}
      {kind === "Component" && <RelationLists groups={apis} entityRef={key} heading="APIs" id="apis" />}
      {members.length > 0 && <RelationLists groups={members} entityRef={key} heading="Members" id="members" />}
      {(kind === "Group" || kind === "User") && <RelationLists groups={owns} entityRef={key} heading="Owns" id="owns" />}
      {rollup && <TeamRollupCard rollup={rollup} />}
      {requested && <RequestedResources resources={requested} />}
      {dora && <DoraCard service={doc.metadata.name} keys={dora.keys} unavailable={dora.unavailable} />}
      <RelationLists groups={rest} entityRef={key} heading={kind === "Component" || kind === "Group" || kind === "User" ? "Other relations" : "Relations"} id="relations" />
    </div>
  );
}
