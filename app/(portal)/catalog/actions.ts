"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { importCatalog } from "@/lib/catalog/import";
import { deleteLocation, refreshLocation, registerLocation } from "@/lib/catalog/locations/manage";
import { importSchema, locationIdSchema, locationSchema } from "@/lib/catalog/schemas";

export const importCatalogAction = action("catalog.import", importSchema, "catalog:import", async (actor, input) => {
  const result = await importCatalog(actor, input);
  if (!result.dryRun) revalidatePath("/catalog");
  return result;
});

export const registerLocationAction = action("catalog.location.register", locationSchema, "catalog:locations", async (actor, input) => {
  const { location, result } = await registerLocation(actor, input);
  revalidatePath("/catalog/locations");
  return { target: location.target, added: result.added, refused: result.refused };
});

export const refreshLocationAction = action("catalog.location.refresh", locationIdSchema, "catalog:locations", async (actor, input) => {
  const { result, orphaned, removed } = await refreshLocation(actor, input.id);
  revalidatePath("/catalog/locations");
  return { added: result.added, updated: result.updated, orphaned, removed, refused: result.refused };
});

export const deleteLocationAction = action("catalog.location.delete", locationIdSchema, "catalog:locations", async (actor, input) => {
  await deleteLocation(actor, input.id);
  revalidatePath("/catalog/locations");
  return { id: input.id };
});
