import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { extendEnvironment } from "@/lib/requests/changes";
import { extendSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, extendSchema, { id: params.id });
  return extendEnvironment(actor, input.id, input.hours);
});
