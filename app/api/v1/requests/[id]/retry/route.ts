import { NextResponse } from "next/server";
import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { requestToApi } from "@/lib/requests/api-dto";
import { retryRequest } from "@/lib/requests/decisions";
import { requestIdSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, requestIdSchema, { id: params.id });
  return NextResponse.json(requestToApi(await retryRequest(actor, input.id)), { status: 202 });
});
