import { apiRoute } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { requestToApi } from "@/lib/requests/api-dto";
import { getRequest } from "@/lib/requests/queries";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const found = await getRequest(actor, params.id);
  if (!found) throw notFound("There is no request with that id that you can see.");
  return requestToApi(found);
});
