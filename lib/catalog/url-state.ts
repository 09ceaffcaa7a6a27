import type { ListEntitiesQuery } from "./schemas";

/** The list's filters that live in the URL, so that a view can be shared by its address. */
export const FILTER_KEYS = ["q", "kind", "type", "lifecycle", "tag", "owner", "system", "rel", "mine"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type ViewState = Partial<Record<FilterKey, string>>;

export function viewState(q: ListEntitiesQuery): ViewState {
  const out: ViewState = {};
  for (const k of FILTER_KEYS) {
    const v = q[k];
    if (v === true) out[k] = "1";
    else if (typeof v === "string" && v) out[k] = v;
  }
  return out;
}

/** The catalog address of this view with some filters changed (undefined removes one); any cursor is dropped. */
export function catalogHref(state: ViewState, change: ViewState = {}, cursor?: string): string {
  const params = new URLSearchParams();
  const merged: ViewState = { ...state, ...change };
  for (const k of FILTER_KEYS) if (merged[k]) params.set(k, merged[k]!);
  if (cursor) params.set("cursor", cursor);
  const qs = params.toString();
  return qs ? `/catalog?${qs}` : "/catalog";
}
