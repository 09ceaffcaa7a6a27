/** What happens to an answer, said where people answer. */
export function PrivacyNote({ minResponses }: { minResponses: number }) {
  return (
    <section aria-labelledby="privacy" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-950">
      <h2 id="privacy" className="font-semibold">Your answers are anonymous</h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>
          Results are shown for a team only once at least {minResponses} of its people have answered. Teams with fewer answers are left out of every total, so their
          answers cannot be worked out by subtraction.
        </li>
        <li>Comments are shown without names, in no particular order.</li>
        <li>No one, not your manager and not the platform admins, can see an individual person&apos;s answers; only you can see and change yours.</li>
      </ul>
    </section>
  );
}
