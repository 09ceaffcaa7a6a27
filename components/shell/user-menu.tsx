"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useRef } from "react";
import { RoleBadge } from "@/components/ui/role-badge";
import { signOutAction } from "./sign-out-action";

type Props = { name: string; email: string; role: string; teams: string[]; isAdmin: boolean };

export function UserMenu({ name, email, role, teams, isAdmin }: Props) {
  const signOutForm = useRef<HTMLFormElement>(null);
  const item = "block rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-brand-50 data-[highlighted]:text-brand-700";
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-1.5 text-sm hover:bg-slate-50" aria-label={`User menu for ${name}`}>
        <span className="max-w-[10rem] truncate font-medium">{name}</span>
        <RoleBadge role={role} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 w-72 rounded-lg border border-slate-200 bg-white p-2 shadow-lg">
          <div className="px-3 py-2">
            <p className="font-medium">{name}</p>
            <p className="truncate text-sm text-slate-600">{email}</p>
            <p className="mt-2 text-xs uppercase tracking-wide text-slate-500">Teams</p>
            <p className="text-sm">{teams.length ? teams.join(", ") : "No team yet"}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item asChild>
            <Link href="/settings/tokens" className={item}>
              API tokens
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild>
            <Link href="/golden-paths" className={item}>
              Golden paths
            </Link>
          </DropdownMenu.Item>
          {isAdmin && (
            <>
              <DropdownMenu.Item asChild>
                <Link href="/admin/quotas" className={item}>
                  Team quotas
                </Link>
              </DropdownMenu.Item>
              <DropdownMenu.Item asChild>
                <Link href="/admin/backends" className={item}>
                  Backends
                </Link>
              </DropdownMenu.Item>
              <DropdownMenu.Item asChild>
                <Link href="/admin/audit" className={item}>
                  Audit log
                </Link>
              </DropdownMenu.Item>
            </>
          )}
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item className={`${item} cursor-pointer`} onSelect={() => signOutForm.current?.requestSubmit()}>
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
      <form ref={signOutForm} action={signOutAction} hidden />
    </DropdownMenu.Root>
  );
}
