import { apiRoute } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { loadDoraDashboard } from "@/lib/metrics/dashboard";
import { doraQuerySchema } from "@/lib/metrics/schemas";

/** What the DORA dashboard refetches when its filters change: cards, weekly series, incidents and the service table. */
export const GET = apiRoute(async ({ request, actor }) => loadDoraDashboard(actor, readQuery(request, doraQuerySchema)));
