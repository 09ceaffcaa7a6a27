"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** One tab per kind of metrics; DevEx joins DORA here. */
const TABS = [
  { href: "/metrics/dora", label: "DORA" },
  { href: "/metrics/devex", label: "DevEx" },
];

export function MetricsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Metrics">
      <ul className="flex gap-1 border-b border-slate-200">
        {TABS.map((t) => {
          const active = pathname === t.href || pathname.startsWith(t.href + "/");
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px block border-b-2 px-4 py-2 text-sm font-medium ${active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
