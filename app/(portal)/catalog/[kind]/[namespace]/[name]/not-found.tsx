import Link from "next/link";

export default function EntityNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-xl font-semibold">Not in the catalog</h1>
      <p className="mt-2 text-slate-700">
        No entity has this kind, namespace and name. It may have been removed from its location, or never imported.{" "}
        <Link href="/catalog" className="text-brand-700 underline">
          Search the catalog
        </Link>
        .
      </p>
    </div>
  );
}
