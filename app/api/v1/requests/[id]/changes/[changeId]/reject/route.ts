import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { decideChange } from "@/lib/requests/changes";
import { changeRejectionSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string; changeId: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, changeRejectionSchema, { changeId: params.changeId });
  return decideChange(actor, input.changeId, "rejected", input.reason);
});
