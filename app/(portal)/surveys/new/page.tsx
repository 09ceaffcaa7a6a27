import type { Metadata } from "next";
import { RoundForm } from "@/components/devex/round-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/session";
import { CORE_ITEMS, DEFAULT_MIN_RESPONSES, MAX_CUSTOM_ITEMS, MIN_RESPONSES_FLOOR } from "@/lib/metrics/devex/items";
import { utcDate } from "@/lib/metrics/window";

export const metadata: Metadata = { title: "Open a pulse round" };

export default async function NewRoundPage() {
  await requirePagePermission("devex:manage");
  const today = new Date();
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader back={{ href: "/surveys", label: "Pulse surveys" }} title="Open a pulse round">
        Every round asks the same {CORE_ITEMS.length} core questions, so rounds can be compared; you may add up to {MAX_CUSTOM_ITEMS} of your own. Members of the
        chosen teams see a note at the top of every page until they answer.
      
      </PageHeader>
      <RoundForm
        defaults={{ opensOn: utcDate(today), closesOn: utcDate(new Date(today.getTime() + 13 * 86_400_000)), minResponses: DEFAULT_MIN_RESPONSES, floor: MIN_RESPONSES_FLOOR }}
        coreItems={CORE_ITEMS.map((i) => i.prompt)}
      />
    </div>
  );
}
