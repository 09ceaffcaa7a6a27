import { apiRoute } from "@/lib/api/route";
import { readQuery } from "@/lib/api/query";
import { validationFailed } from "@/lib/errors";
import { loadWeekDetail } from "@/lib/metrics/dashboard";
import { doraQuerySchema, isoWeekParam } from "@/lib/metrics/schemas";

/** The deployments and incidents behind one ISO week (its Monday, e.g. 2024-05-06) of the dashboard's charts. */
export const GET = apiRoute<{ week: string }>(async ({ request, actor, params }) => {
  const week = isoWeekParam.safeParse(params.week);
  if (!week.success) throw validationFailed("The week must be the date of its Monday, e.g. 2024-05-06.", { week: week.error.issues[0].message });
  return loadWeekDetail(actor, readQuery(request, doraQuerySchema), week.data);
});
