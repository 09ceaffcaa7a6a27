import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <p className="text-sm font-semibold text-red-700">403 · Forbidden</p>
      <h1 className="mt-1 text-3xl font-bold">You do not have access to this page</h1>
      <p className="mt-3 text-slate-600">
        This page is for platform admins. If you need it, ask your platform team to add you to an admin group in your identity provider.
      </p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
        Back to home
      </Link>
    </main>
  );
}
