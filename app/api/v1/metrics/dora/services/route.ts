import { apiRoute } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { doraServiceSearchQuery, searchDoraServices } from "@/lib/metrics/service-search";

/** The DORA service filter's typeahead: `{items: [{name, team}], nextCursor}`, best match first. */
export const GET = apiRoute(async ({ request, actor }) => searchDoraServices(actor, readQuery(request, doraServiceSearchQuery)));
