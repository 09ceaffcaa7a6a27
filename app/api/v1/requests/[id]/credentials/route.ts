import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { revealCredentials } from "@/lib/provisioning/credentials";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) =>
  // Secrets must never sit in a shared cache.
  NextResponse.json(await revealCredentials(actor, params.id), { headers: { "Cache-Control": "no-store" } }),
);
