"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { updateTeamQuota } from "@/lib/requests/quotas";
import { quotaSchema } from "@/lib/requests/schemas";

export const updateQuotaAction = action("quotas.update", quotaSchema, "quotas:manage", async (actor, input) => {
  const view = await updateTeamQuota(actor, input);
  revalidatePath("/admin/quotas");
  return { team: view.team };
});
