import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { requestToApi } from "@/lib/requests/api-dto";
import { approveRequest } from "@/lib/requests/decisions";
import { decisionSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, decisionSchema, { id: params.id });
  return requestToApi(await approveRequest(actor, input.id, input.reason));
});
