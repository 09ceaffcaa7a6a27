import Link from "next/link";
import { RoleBadge } from "@/components/ui/role-badge";
import { requireActor } from "@/lib/auth/session";

const roleIntro: Record<string, string> = {
  developer: "Request databases, namespaces and environments, follow them until they are ready, and find who owns what in the catalog.",
  manager: "Read the DORA and DevEx dashboards of your teams, and request infrastructure like any developer.",
  admin: "Approve what policy does not auto-approve, tune the golden paths and read the audit log.",
};

export default async function HomePage() {
  const actor = await requireActor();
  return (
    <div className="flex flex-col gap-8">
      <section>
        <h1 className="text-3xl font-bold">Welcome, {actor.name.split(" ")[0]}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-slate-700">
          You are signed in as <RoleBadge role={actor.role} />
          {actor.teams.length > 0 && <span>in {actor.teams.map((t) => t.name).join(", ")}</span>}
        </p>
        <p className="mt-3 max-w-2xl text-slate-600">{roleIntro[actor.role]}</p>
      </section>
      <section aria-labelledby="start" className="grid gap-4 sm:grid-cols-3">
        <h2 id="start" className="sr-only">Get started</h2>
        {[
          { href: "/requests/new", title: "Request infrastructure", text: "A database, a Kubernetes namespace or a whole environment." },
          { href: "/requests", title: "My requests", text: "Follow what you asked for until it is ready." },
          { href: "/settings/tokens", title: "API tokens", text: "Automate Runway from CI and scripts." },
        ].map((c) => (
          <Link key={c.href} href={c.href} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-500">
            <span className="block font-semibold">{c.title}</span>
            <span className="mt-1 block text-sm text-slate-600">{c.text}</span>
          </Link>
        ))}
      </section>
    </div>
  );
}
