import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { addDays, lastDays, type Window } from "../window";
import { platformFigures, type PlatformFigures } from "./platform";
import { roundDetail, roundResults, roundsInScope, type RoundDetail, type RoundResult } from "./results";
import type { DevexQuery } from "./schemas";
import { resolveDevexScope, type DevexScope } from "./scope";

/** Pulse rounds come a few times a year: a year shows a trend. */
export const DEVEX_DEFAULT_WINDOW_DAYS = 365;

export function devexWindow(q: Pick<DevexQuery, "from" | "to">, now = new Date()): Window {
  const to = q.to ?? lastDays(DEVEX_DEFAULT_WINDOW_DAYS, now).to;
  return { from: q.from ?? addDays(to, -DEVEX_DEFAULT_WINDOW_DAYS), to };
}

export type DevexDashboard = {
  window: { from: string; to: string };
  scope: Pick<DevexScope, "kind" | "label" | "team" | "detail">;
  /**
   * The team filter's choices: managers and admins their own teams (developers
   * none); `search`: admins may choose any team, searched as they type (GET /api/v1/teams).
   */
  teamChoices: { teams: string[]; search: boolean };
  survey: {
    rounds: RoundResult[];
    /** The round the detail is about: the one asked for, else the latest with results. */
    selected: RoundResult | null;
    /** Managers and admins only. */
    detail: RoundDetail | null;
  };
  platform: PlatformFigures;
  /** Some rounds in view are the demo seed's. */
  demo: boolean;
};

/** Every team would be a list that grows with the organisation: admins search it instead. */
function teamChoices(actor: Actor, scope: DevexScope): DevexDashboard["teamChoices"] {
  if (!scope.detail) return { teams: [], search: false };
  return { teams: actor.teams.map((t) => t.name), search: actor.role === "admin" };
}

/** Everything the DevEx dashboard shows for one set of filters. */
export async function loadDevexDashboard(actor: Actor, q: DevexQuery, now = new Date()): Promise<DevexDashboard> {
  const scope = await resolveDevexScope(actor, q.team);
  const w = devexWindow(q, now);
  const inScope = await roundsInScope(w, scope.teamIds);
  // Without a choice, the latest round with results to show; else the latest.
  const chosen = q.round ? inScope.find((r) => r.id === q.round) : (inScope.filter((r) => r.shown).at(-1) ?? inScope.at(-1));
  if (q.round && !chosen) throw notFound("That survey round did not ask these teams in this window; choose another round or a wider window.");
  const [rounds, detail, platform] = await Promise.all([
    roundResults(inScope, scope.teamIds, now),
    chosen && scope.detail ? roundDetail(chosen.id, scope.teamIds) : null,
    platformFigures(w, scope.teamIds),
  ]);
  return {
    window: { from: w.from.toISOString(), to: w.to.toISOString() },
    scope: { kind: scope.kind, label: scope.label, team: scope.team, detail: scope.detail },
    teamChoices: teamChoices(actor, scope),
    survey: { rounds, selected: rounds.find((r) => r.id === chosen?.id) ?? null, detail },
    platform,
    demo: rounds.some((r) => r.isDemo),
  };
}

/** GET /api/v1/metrics/devex: the dashboard's figures, for managers and admins (shared/API.md). */
export async function devexMetrics(actor: Actor, q: DevexQuery) {
  assertCan(actor, "devex:read-teams");
  const d = await loadDevexDashboard(actor, q);
  return { window: d.window, scope: { label: d.scope.label, team: d.scope.team }, survey: d.survey, platform: d.platform, demo: d.demo };
}
