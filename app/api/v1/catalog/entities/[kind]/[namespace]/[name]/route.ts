import { apiRoute } from "@/lib/api/route";
import { entityToApi } from "@/lib/catalog/api-dto";
import { API_RELATIONS_PER_TYPE, getEntity, withRelations } from "@/lib/catalog/entity";
import { notFound } from "@/lib/errors";

type Params = { kind: string; namespace: string; name: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  const entity = await getEntity(actor, params);
  if (!entity) throw notFound(`No ${params.kind} ${params.namespace}/${params.name} in the catalog.`);
  const [one] = await withRelations([entity], API_RELATIONS_PER_TYPE.one);
  return entityToApi(one.entity, one.relations);
});
