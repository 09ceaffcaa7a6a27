import { apiRoute } from "@/lib/api/route";
import { refreshToApi } from "@/lib/catalog/locations/dto";
import { refreshLocation } from "@/lib/catalog/locations/manage";
import { locationIdSchema } from "@/lib/catalog/schemas";
import { notFound } from "@/lib/errors";
import { assertCan } from "@/lib/auth/actor";

/** Re-reads the location now, e.g. from a push webhook; its entities are searchable when this answers. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => {
  assertCan(actor, "catalog:locations");
  if (!locationIdSchema.safeParse(params).success) throw notFound("No such location.");
  return refreshToApi(await refreshLocation(actor, params.id));
});
