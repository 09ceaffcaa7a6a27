type Variant = "list" | "figures" | "inset" | "summary";

const looks: Record<Variant, { frame: string; head: string; caption: string; cells: "roomy" | "compact" | "flush" }> = {
  // A page's main list, in a card of its own.
  list: { frame: "rounded-lg border border-slate-200 bg-white", head: "bg-slate-50 text-slate-600", caption: "px-3 py-2 text-left font-semibold text-slate-800", cells: "roomy" },
  // A dashboard's figures, in a card of their own.
  figures: { frame: "rounded-lg border border-slate-200 bg-white", head: "bg-slate-50 text-slate-600", caption: "px-3 py-2 text-left font-semibold text-slate-800", cells: "compact" },
  // Figures inside a panel that already has a border.
  inset: { frame: "", head: "bg-slate-50 text-slate-600", caption: "py-1 text-left text-sm font-semibold text-slate-700", cells: "compact" },
  // A few rows inside a card, flush with its text.
  summary: { frame: "", head: "text-slate-600", caption: "mb-2 text-left font-semibold", cells: "flush" },
};

type DataTableProps = {
  /** Every table is named for screen readers; a visible caption doubles as the table's heading. */
  caption: React.ReactNode;
  captionVisible?: boolean;
  variant?: Variant;
  /** The header row's cells (`Th`). */
  head: React.ReactNode;
  /** Figures that must not wrap; a cell can still opt out with `whitespace-normal`. */
  nowrap?: boolean;
  /** Below the table, inside its frame (a "show more" button, a note). */
  footer?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
};

/**
 * A table in a horizontal scroll container. The container is `relative`: the
 * screen-reader-only captions and headers are absolutely positioned, and must
 * not widen the page on a phone.
 */
export function DataTable({ caption, captionVisible = false, variant = "list", head, nowrap = false, footer, className, children }: DataTableProps) {
  const look = looks[variant];
  return (
    <div className={classes("relative overflow-x-auto", look.frame, className)}>
      <table data-cells={look.cells} className="w-full text-left text-sm">
        <caption className={captionVisible ? look.caption : "sr-only"}>{caption}</caption>
        <thead className={look.head}>
          <tr>{head}</tr>
        </thead>
        <tbody className={nowrap ? "whitespace-nowrap" : undefined}>{children}</tbody>
      </table>
      {footer}
    </div>
  );
}

/** A header cell: a column's by default, `scope="row"` for the cell that names its row. Padding comes from the table (app/globals.css). */
export function Th({ scope = "col", ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope={scope} {...props} />;
}

export function Td(props: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...props} />;
}

/** A body row, ruled off from the one above. */
export function Tr({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={classes("border-t border-slate-100", className)} {...props} />;
}

function classes(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}
