import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/route";
import { deleteLocation } from "@/lib/catalog/locations/manage";
import { locationIdSchema } from "@/lib/catalog/schemas";
import { notFound } from "@/lib/errors";

/** Removes the location and the entities it provided. */
export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => {
  if (!locationIdSchema.safeParse(params).success) throw notFound("No such location.");
  await deleteLocation(actor, params.id);
  return new NextResponse(null, { status: 204 });
});
