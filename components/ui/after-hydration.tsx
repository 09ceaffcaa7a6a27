"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * Renders its children in the browser only, and a box of `height` until then.
 * For charts that have a server-rendered table beside them: drawing an SVG on
 * the server costs every page view time, and adds nothing a reader needs first.
 */
export function AfterHydration({ height, children }: { height: number; children: React.ReactNode }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return hydrated ? children : <div style={{ height }} />;
}
