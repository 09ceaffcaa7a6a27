/** TanStack Query keys of the metrics domain, in one place. */
export const metricsKeys = {
  doraDashboard: (query: string) => ["metrics", "dora", "dashboard", query] as const,
  doraWeek: (query: string, week: string) => ["metrics", "dora", "week", query, week] as const,
};
