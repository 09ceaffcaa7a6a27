import { apiRoute } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { suggestEntities } from "@/lib/catalog/queries";
import { suggestQuery } from "@/lib/catalog/schemas";

/** The entity pickers' typeahead: `{items: [{ref, kind, namespace, name, title}]}`, at most 20. */
export const GET = apiRoute(async ({ request, actor }) => ({ items: await suggestEntities(actor, readQuery(request, suggestQuery)) }));
