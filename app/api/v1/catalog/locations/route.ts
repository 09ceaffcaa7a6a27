import { NextResponse } from "next/server";
import { readQuery } from "@/lib/api/query";
import { apiRoute, readJson } from "@/lib/api/route";
import { locationToApi, refreshToApi } from "@/lib/catalog/locations/dto";
import { listLocations, registerLocation } from "@/lib/catalog/locations/manage";
import { listLocationsQuery, locationSchema } from "@/lib/catalog/schemas";

export const GET = apiRoute(async ({ request, actor }) => {
  const page = await listLocations(actor, readQuery(request, listLocationsQuery));
  return { items: page.items.map(locationToApi), nextCursor: page.nextCursor };
});

/** Registers and reads the location at once; 201 with what was found. */
export const POST = apiRoute(async ({ request, actor }) => {
  const input = await readJson(request, locationSchema);
  return NextResponse.json(refreshToApi(await registerLocation(actor, input)), { status: 201 });
});
