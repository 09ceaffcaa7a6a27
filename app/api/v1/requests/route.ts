import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { requestSummaryToApi, requestToApi } from "@/lib/requests/api-dto";
import { listRequests } from "@/lib/requests/queries";
import { listRequestsQuery, submitRequestSchema } from "@/lib/requests/schemas";
import { submitRequest } from "@/lib/requests/submit";
import { z } from "zod";

const withKey = (request: Request) =>
  z.preprocess((body) => {
    const key = request.headers.get("idempotency-key");
    return key && body && typeof body === "object" ? { ...body, idempotencyKey: key } : body;
  }, submitRequestSchema);

export const POST = apiRoute(async ({ request, actor }) => {
  const input = await readJson(request, withKey(request));
  const { request: created } = await submitRequest(actor, input);
  // A replay answers exactly like the first call did.
  return NextResponse.json(requestToApi(created), { status: 201 });
});

export const GET = apiRoute(async ({ request, actor }) => {
  const q = readQuery(request, listRequestsQuery);
  const page = await listRequests(actor, q);
  return { items: page.items.map(requestSummaryToApi), nextCursor: page.nextCursor };
});
