import { redirect } from "next/navigation";

/** The DORA dashboard is the metrics' front page; a link's filters (?service=…, ?team=…) go along. */
export default async function MetricsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) for (const one of [value ?? []].flat()) params.append(key, one);
  const query = params.toString();
  redirect(query ? `/metrics/dora?${query}` : "/metrics/dora");
}
