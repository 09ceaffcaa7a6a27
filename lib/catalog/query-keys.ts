/** TanStack Query keys of the catalog domain, in one place. */
export const catalogKeys = {
  all: ["catalog"] as const,
  suggest: (kinds: string, q: string) => ["catalog", "suggest", kinds, q] as const,
};
