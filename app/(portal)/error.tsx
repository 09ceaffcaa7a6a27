"use client";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-xl font-semibold text-red-900">This page could not be shown</h1>
      <p className="mt-2 text-red-900">Something went wrong on our side. It has been logged{error.digest ? ` (reference ${error.digest})` : ""}.</p>
      <button onClick={reset} className="mt-4 rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
        Try again
      </button>
    </div>
  );
}
