/**
 * What the portal's API answers, read from the database in DATABASE_URL: the
 * request list, each request, the catalog list and each entity, as the route
 * handlers of app/api/v1 build them (the same queries and DTOs), for the
 * holder of the API token in argv[2]. Prints one JSON object keyed by path.
 * db/backup-restore.test.ts runs it as its own process, as a portal replica
 * would be, against a database and against its restored copy.
 *
 * The handlers themselves cannot be imported here: their session fallback
 * pulls in next/navigation, which needs Next's bundler.
 */
import { closeDb } from "@/db/client";
import { actorFromToken } from "@/lib/auth/tokens";
import { entityToApi } from "@/lib/catalog/api-dto";
import { API_RELATIONS_PER_TYPE, getEntity, withRelations } from "@/lib/catalog/entity";
import { listEntityDocuments } from "@/lib/catalog/queries";
import { splitKey } from "@/lib/catalog/refs";
import { listEntitiesQuery } from "@/lib/catalog/schemas";
import { requestSummaryToApi, requestToApi } from "@/lib/requests/api-dto";
import { getRequest, listRequests } from "@/lib/requests/queries";

const token = process.argv[2];
if (!token) throw new Error("usage: api-answers.ts <API token>");

// Through JSON, as NextResponse.json sends it: dates become strings.
const answers: Record<string, unknown> = {};
const answer = (path: string, body: unknown) => (answers[path] = JSON.parse(JSON.stringify(body)));

try {
  const actor = await actorFromToken(token);
  if (!actor) throw new Error("the token is not valid in this database");

  let cursor: string | null = null;
  do {
    const page = await listRequests(actor, { limit: 100, cursor });
    answer(`/api/v1/requests?limit=100${cursor ? `&cursor=${cursor}` : ""}`, { items: page.items.map(requestSummaryToApi), nextCursor: page.nextCursor });
    for (const { id } of page.items) {
      const found = await getRequest(actor, id);
      answer(`/api/v1/requests/${id}`, found && requestToApi(found));
    }
    cursor = page.nextCursor;
  } while (cursor);

  do {
    const page = await listEntityDocuments(actor, listEntitiesQuery.parse({ limit: "100", cursor: cursor ?? undefined }));
    const items = await withRelations(page.items, API_RELATIONS_PER_TYPE.list);
    answer(`/api/v1/catalog/entities?limit=100${cursor ? `&cursor=${cursor}` : ""}`, { items: items.map((i) => entityToApi(i.entity, i.relations)), nextCursor: page.nextCursor, total: page.total });
    for (const { entity } of items) {
      const name = splitKey(entity.key);
      const found = await getEntity(actor, name);
      const [one] = found ? await withRelations([found], API_RELATIONS_PER_TYPE.one) : [];
      answer(`/api/v1/catalog/entities/${name.kind}/${name.namespace}/${name.name}`, one && entityToApi(one.entity, one.relations));
    }
    cursor = page.nextCursor;
  } while (cursor);

  process.stdout.write(JSON.stringify(answers));
} finally {
  await closeDb();
}
