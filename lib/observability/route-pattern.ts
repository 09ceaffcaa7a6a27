/**
 * The route a call matched, e.g. /api/v1/requests/[id]/approve, rebuilt from
 * its path and params: a metric label must name the route, not each request's id.
 * Params are matched from the right, where dynamic segments sit, so that a
 * value spelled like a static segment ("catalog") does not replace that one.
 */
export function routePattern(pathname: string, params: unknown): string {
  const segments = pathname.split("/");
  let before = segments.length;
  const entries = params && typeof params === "object" ? Object.entries(params) : [];
  for (const [name, value] of entries.reverse()) {
    if (typeof value !== "string") continue;
    const i = segments.slice(0, before).findLastIndex((s) => safeDecode(s) === value);
    if (i < 0) continue;
    segments[i] = `[${name}]`;
    before = i;
  }
  return segments.join("/");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
