import Link from "next/link";

/** A sub-page's heading: the way back to the page above it, its title, and a sentence on what it is for. */
export function PageHeader({ back, title, children }: { back: { href: string; label: string }; title: React.ReactNode; children: React.ReactNode }) {
  return (
    <div>
      <Link href={back.href} className="text-sm text-brand-700 underline">
        {back.label}
      </Link>
      <h1 className="mt-1 text-2xl font-bold">{title}</h1>
      <p className="mt-1 max-w-3xl text-slate-600">{children}</p>
    </div>
  );
}
