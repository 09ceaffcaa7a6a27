import { apiRoute } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { computeDoraKeys } from "@/lib/metrics/dora";
import { doraQuerySchema } from "@/lib/metrics/schemas";

/** GET /api/v1/metrics/dora?team=&service=&environment=&from=&to= — the four keys of the window (shared/API.md). */
export const GET = apiRoute(async ({ request, actor }) => computeDoraKeys(actor, readQuery(request, doraQuerySchema)));
