import { NextResponse } from "next/server";
import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { requestToApi } from "@/lib/requests/api-dto";
import { decommissionRequest } from "@/lib/requests/decisions";
import { requestIdSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, requestIdSchema, { id: params.id });
  // 202: the teardown runs in the background; follow it on GET /api/v1/requests/{id}.
  return NextResponse.json(requestToApi(await decommissionRequest(actor, input.id)), { status: 202 });
});
