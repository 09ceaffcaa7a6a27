/** The dashboard's filters as they appear in its URL and in the API's query string, in one order so equal filters give equal strings. */
export const DORA_FILTERS = ["team", "service", "environment", "from", "to"] as const;
export type DoraFilter = (typeof DORA_FILTERS)[number];
export type DoraFilters = Partial<Record<DoraFilter, string>>;

export function filtersFrom(get: (key: string) => string | null | undefined): DoraFilters {
  const out: DoraFilters = {};
  for (const key of DORA_FILTERS) {
    const value = get(key)?.trim();
    if (value) out[key] = value;
  }
  return out;
}

export function filtersToQuery(f: DoraFilters): string {
  const params = new URLSearchParams();
  for (const key of DORA_FILTERS) if (f[key]) params.set(key, f[key]!);
  return params.toString();
}
