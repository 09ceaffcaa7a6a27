import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { decideChange } from "@/lib/requests/changes";
import { changeDecisionSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string; changeId: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, changeDecisionSchema, { changeId: params.changeId });
  return decideChange(actor, input.changeId, "approved", input.reason);
});
