import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { requestToApi } from "@/lib/requests/api-dto";
import { cancelRequest } from "@/lib/requests/decisions";
import { requestIdSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, requestIdSchema, { id: params.id });
  return requestToApi(await cancelRequest(actor, input.id));
});
