import type { Scorecard } from "@/lib/catalog/scorecard";

function tone(score: number): string {
  if (score >= 80) return "text-emerald-800";
  if (score >= 50) return "text-amber-800";
  return "text-red-800";
}

export function ScorecardCard({ card }: { card: Scorecard }) {
  if (card.score === null) return null;
  const failed = card.checks.filter((c) => !c.passed);
  return (
    <section aria-labelledby="scorecard" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="scorecard" className="text-lg font-semibold">
        Scorecard
      </h2>
      <p className={`mt-1 text-3xl font-bold ${tone(card.score)}`}>
        {card.score}
        <span className="text-base font-normal text-slate-600"> / 100</span>
      </p>
      <ul className="mt-3 flex flex-col gap-1.5 text-sm">
        {card.checks.map((c) => (
          <li key={c.id} className="flex gap-2">
            <span aria-hidden className={c.passed ? "text-emerald-700" : "text-red-700"}>
              {c.passed ? "✓" : "✗"}
            </span>
            <span>
              <span className="sr-only">{c.passed ? "Passed: " : "Failed: "}</span>
              {c.label}
              {!c.passed && <span className="block text-xs text-slate-600">{c.hint}</span>}
            </span>
          </li>
        ))}
      </ul>
      {failed.length === 0 && <p className="mt-2 text-sm text-emerald-800">Every check passes.</p>}
    </section>
  );
}
