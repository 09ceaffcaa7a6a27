import { apiRoute } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { entityToApi } from "@/lib/catalog/api-dto";
import { API_RELATIONS_PER_TYPE, withRelations } from "@/lib/catalog/entity";
import { listEntityDocuments } from "@/lib/catalog/queries";
import { listEntitiesQuery } from "@/lib/catalog/schemas";

export const GET = apiRoute(async ({ request, actor }) => {
  const page = await listEntityDocuments(actor, readQuery(request, listEntitiesQuery));
  const items = await withRelations(page.items, API_RELATIONS_PER_TYPE.list);
  return { items: items.map((i) => entityToApi(i.entity, i.relations)), nextCursor: page.nextCursor, total: page.total };
});
