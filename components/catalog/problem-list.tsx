import type { CatalogProblem } from "@/db/schema";

/** Problems by file, document and field, as an import or a location read reported them. */
export function ProblemList({ problems, label }: { problems: CatalogProblem[]; label: string }) {
  return (
    <ul aria-label={label} className="flex flex-col gap-1 text-sm">
      {problems.map((p, i) => (
        <li key={i} className={p.level === "error" ? "text-red-900" : "text-amber-900"}>
          <span className="font-mono text-xs">
            {p.file}
            {p.document ? `, document ${p.document}` : ""}
            {p.field ? `, ${p.field}` : ""}
          </span>
          : {p.message}
        </li>
      ))}
    </ul>
  );
}
