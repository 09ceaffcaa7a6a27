"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/actions/action";
import { submitResponse } from "@/lib/metrics/devex/responses";
import { openRound } from "@/lib/metrics/devex/rounds";
import { openRoundSchema, responseSchema } from "@/lib/metrics/devex/schemas";

export const submitResponseAction = action("devex.respond", responseSchema, "devex:respond", async (actor, input) => {
  await submitResponse(actor, input);
  revalidatePath("/", "layout");
  redirect(`/surveys?saved=${input.roundId}`);
});

export const openRoundAction = action("devex.round_open", openRoundSchema, "devex:manage", async (actor, input) => {
  const { id } = await openRound(actor, input);
  revalidatePath("/", "layout");
  redirect(`/surveys?opened=${id}`);
});
