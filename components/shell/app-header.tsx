import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";

export function AppHeader({ actor }: { actor: Actor }) {
  const links = [
    { href: "/", label: "Home" },
    { href: "/requests/new", label: "Request" },
    { href: "/requests", label: "My requests" },
    ...(can(actor.role, "requests:approve") ? [{ href: "/approvals", label: "Approvals" }] : []),
    { href: "/catalog", label: "Catalog" },
    { href: "/metrics", label: "Metrics" },
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-brand-700">
          Runway
        </Link>
        <NavLinks links={links} />
        <div className="ml-auto">
          <UserMenu
            name={actor.name}
            email={actor.email}
            role={actor.role}
            teams={actor.teams.map((t) => t.name)}
            isAdmin={can(actor.role, "admin:access")}
          />
        </div>
      </div>
    </header>
  );
}
