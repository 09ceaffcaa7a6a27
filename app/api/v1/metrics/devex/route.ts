import { apiRoute } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { devexMetrics } from "@/lib/metrics/devex/dashboard";
import { devexQuerySchema } from "@/lib/metrics/devex/schemas";

/** GET /api/v1/metrics/devex?team=&round=&from=&to= — survey scores and the platform's own figures, for managers and admins (shared/API.md). */
export const GET = apiRoute(async ({ request, actor }) => devexMetrics(actor, readQuery(request, devexQuerySchema)));
