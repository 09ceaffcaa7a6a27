import { apiRoute } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { searchTeams } from "@/lib/auth/teams";
import { nameSearchQuery } from "@/lib/name-search";

/** The team pickers' typeahead: `{items: [{name, displayName, members}], nextCursor}`, best match first. */
export const GET = apiRoute(async ({ request, actor }) => searchTeams(actor, readQuery(request, nameSearchQuery)));
