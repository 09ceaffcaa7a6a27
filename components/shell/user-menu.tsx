"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { RoleBadge } from "@/components/ui/role-badge";
import { signOutAction } from "./sign-out-action";

type Props = { name: string; email: string; role: string; teams: string[]; isAdmin: boolean };

/**
 * A disclosure menu (a button that shows a list of links): all the keyboard
 * support a few links need, without a menu library on every page's first load.
 */
export function UserMenu({ name, email, role, teams, isAdmin }: Props) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const links = [
    { href: "/settings/tokens", label: "API tokens" },
    { href: "/golden-paths", label: "Golden paths" },
    ...(isAdmin
      ? [
          { href: "/admin/quotas", label: "Team quotas" },
          { href: "/admin/backends", label: "Backends" },
          { href: "/admin/audit", label: "Audit log" },
        ]
      : []),
  ];
  const item = "block w-full rounded px-3 py-2 text-left text-sm hover:bg-brand-50 hover:text-brand-700";

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`User menu for ${name}`}
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-1.5 text-sm hover:bg-slate-50"
      >
        <span className="max-w-[10rem] truncate font-medium">{name}</span>
        <RoleBadge role={role} />
      </button>
      <div
        id={panelId}
        hidden={!open}
        onBlur={(e) => {
          if (!rootRef.current?.contains(e.relatedTarget as Node)) setOpen(false);
        }}
        className="absolute right-0 z-50 mt-2 w-72 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-2 shadow-lg"
      >
        <div className="px-3 py-2">
          <p className="font-medium">{name}</p>
          <p className="truncate text-sm text-slate-600">{email}</p>
          <p className="mt-2 text-xs uppercase tracking-wide text-slate-500">Teams</p>
          <p className="text-sm">{teams.length ? teams.join(", ") : "No team yet"}</p>
        </div>
        <hr className="my-1 border-slate-200" />
        <ul>
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className={item} onClick={() => setOpen(false)}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
        <hr className="my-1 border-slate-200" />
        <form action={signOutAction}>
          <button type="submit" className={item}>
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
