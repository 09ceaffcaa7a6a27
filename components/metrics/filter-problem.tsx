import Link from "next/link";
import type { z } from "zod";

/** A dashboard's filters that cannot be shown, said plainly, with the way back to the person's default view. */
export function FilterProblem({ message, href }: { message: string; href: string }) {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950">
      <p>{message}</p>
      <Link href={href} className="mt-2 inline-block font-medium text-brand-700 underline">
        Show my default view
      </Link>
    </div>
  );
}

export function invalidFilters(error: z.ZodError): string {
  return `These filters are not valid: ${error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}.`;
}
