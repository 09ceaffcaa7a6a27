"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A `<details>` whose content is rendered only once it is opened: a long table
 * behind a chart then costs the server and the page nothing until a reader
 * asks for it. Give it a client component with its data as `children`, so that
 * what travels to the browser is the data, not rendered rows.
 */
export function Disclosure({ summary, children }: { summary: React.ReactNode; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  // Opened before hydration: the browser toggled it with no handler attached yet.
  useEffect(() => setOpen(ref.current?.open ?? false), []);
  return (
    <details ref={ref} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer text-sm text-brand-700 underline">{summary}</summary>
      {open && <div className="mt-2">{children}</div>}
    </details>
  );
}
