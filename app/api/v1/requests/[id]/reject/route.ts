import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { requestToApi } from "@/lib/requests/api-dto";
import { rejectRequest } from "@/lib/requests/decisions";
import { rejectionSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, rejectionSchema, { id: params.id });
  return requestToApi(await rejectRequest(actor, input.id, input.reason));
});
