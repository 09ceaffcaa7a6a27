import { NextResponse } from "next/server";
import { apiRoute, readJsonOrEmpty } from "@/lib/api/route";
import { listChanges, requestChange } from "@/lib/requests/changes";
import { changeRequestSchema } from "@/lib/requests/schemas";

export const POST = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const input = await readJsonOrEmpty(request, changeRequestSchema, { id: params.id });
  return NextResponse.json(await requestChange(actor, input.id, input.parameters), { status: 201 });
});

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => ({ items: await listChanges(actor, params.id), nextCursor: null }));
