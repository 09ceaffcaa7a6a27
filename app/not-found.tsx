import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <p className="text-sm font-semibold text-slate-500">404 · Not found</p>
      <h1 className="mt-1 text-3xl font-bold">There is nothing here</h1>
      <p className="mt-3 text-slate-600">The page may have moved, or the link may be mistyped.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        Back to home
      </Link>
    </main>
  );
}
