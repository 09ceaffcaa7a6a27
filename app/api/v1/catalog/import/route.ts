import { apiRoute } from "@/lib/api/route";
import { importCatalog } from "@/lib/catalog/import";
import { importResultToApi } from "@/lib/catalog/import-dto";
import { catalogLimits } from "@/lib/catalog/settings";
import { assertCan } from "@/lib/auth/actor";
import { validationFailed } from "@/lib/errors";

const YAML_TYPES = /^(application\/(x-)?yaml|text\/(x-)?yaml|text\/plain)\b/i;

/**
 * Body: multi-document YAML (Content-Type: application/yaml). `?dryRun=true`
 * previews without writing; `?file=` names the body in error messages.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  assertCan(actor, "catalog:import");
  if (!YAML_TYPES.test(request.headers.get("content-type") ?? "")) {
    throw validationFailed("Send the catalog as the body, with Content-Type: application/yaml.");
  }
  if (Number(request.headers.get("content-length") ?? 0) > catalogLimits.maxImportBytes) {
    throw validationFailed(`The body is over ${catalogLimits.maxImportBytes / 1024 / 1024} MiB; split it, or register the files as a location.`);
  }
  const text = await request.text();
  if (!text.trim()) throw validationFailed("The body is empty; send one or more YAML documents.");
  const url = new URL(request.url);
  const dryRun = ["1", "true"].includes(url.searchParams.get("dryRun") ?? "");
  const file = url.searchParams.get("file")?.trim().slice(0, 300) || "request body";
  return importResultToApi(await importCatalog(actor, { files: [{ name: file, text }], dryRun }));
});
