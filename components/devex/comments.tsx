import { MAX_COMMENTS } from "@/lib/metrics/devex/results";

/** Free-text answers, without names or dates, in a shuffled order. */
export function Comments({ comments, total }: { comments: string[]; total: number }) {
  return (
    <section aria-labelledby="comments" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div>
        <h3 id="comments" className="text-sm font-semibold text-slate-800">
          Comments ({total})
        </h3>
        <p className="text-xs text-slate-500">
          Shown without names or dates, and only from teams with enough answers{total > MAX_COMMENTS ? `; ${MAX_COMMENTS} of them here` : ""}.
        </p>
      </div>
      {comments.length === 0 ? (
        <p className="text-sm text-slate-600">No comments to show for this round.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {comments.map((c, i) => (
            <li key={i} className="whitespace-pre-line rounded-md bg-slate-50 p-3 text-sm text-slate-800">
              {c}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
