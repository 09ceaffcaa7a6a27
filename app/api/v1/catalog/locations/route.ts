import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/api/route";
import { locationToApi, refreshToApi } from "@/lib/catalog/locations/dto";
import { listLocations, registerLocation } from "@/lib/catalog/locations/manage";
import { locationSchema } from "@/lib/catalog/schemas";

export const GET = apiRoute(async ({ actor }) => ({ items: (await listLocations(actor)).map(locationToApi), nextCursor: null }));

/** Registers and reads the location at once; 201 with what was found. */
export const POST = apiRoute(async ({ request, actor }) => {
  const input = await readJson(request, locationSchema);
  return NextResponse.json(refreshToApi(await registerLocation(actor, input)), { status: 201 });
});
