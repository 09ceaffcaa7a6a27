/** TanStack Query keys of the requests domain, in one place. */
export const requestKeys = {
  all: ["requests"] as const,
  detail: (id: string) => ["requests", id] as const,
};
