import { importResultToApi, problemToApi } from "../import-dto";
import type { LocationView, RefreshOutcome } from "./manage";

export function locationToApi(l: LocationView) {
  return {
    id: l.id,
    target: l.target,
    createdAt: l.createdAt,
    lastReadAt: l.lastReadAt,
    lastSuccessAt: l.lastSuccessAt,
    nextRefreshAt: l.nextRefreshAt,
    entityCount: l.entityCount,
    orphanCount: l.orphanCount,
    problems: l.problems.map((p) => ({ level: p.level, ...problemToApi(p) })),
  };
}

export function refreshToApi(o: RefreshOutcome) {
  return { location: locationToApi(o.location), ...importResultToApi(o.result), orphaned: o.orphaned, removed: o.removed };
}
