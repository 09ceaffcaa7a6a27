import Link from "next/link";
import type { FacetValue } from "@/lib/catalog/queries";
import { catalogHref, type FilterKey, type ViewState } from "@/lib/catalog/url-state";

/** One filter's values with their counts; each value is a link to the view filtered by it, the chosen one a link back out. */
export function FacetSection({
  title,
  param,
  values,
  state,
  label = (v) => v,
  children,
}: {
  title: string;
  param: FilterKey;
  values: FacetValue[];
  state: ViewState;
  label?: (value: string) => string;
  children?: React.ReactNode;
}) {
  const chosen = state[param];
  if (!values.length && !chosen && !children) return null;
  return (
    <section aria-label={`Filter by ${title.toLowerCase()}`} className="flex flex-col gap-1">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
      <ul className="flex flex-col">
        {values.map((v) => {
          const active = chosen?.toLowerCase() === v.value.toLowerCase();
          return (
            <li key={v.value}>
              <Link
                href={catalogHref(state, { [param]: active ? undefined : v.value })}
                aria-current={active ? "true" : undefined}
                className={`flex justify-between gap-2 rounded px-2 py-1 text-sm ${active ? "bg-brand-50 font-semibold text-brand-700" : "hover:bg-slate-100"}`}
              >
                <span className="truncate">{label(v.value)}</span>
                <span className="text-slate-500">{v.count.toLocaleString("en")}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
