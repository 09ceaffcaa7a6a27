import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/db/test/fixtures";
import type { Actor } from "@/lib/auth/actor";
import { loadWeekDetail } from "./dashboard";
import { computeDoraKeys } from "./dora";
import { doraQuerySchema } from "./schemas";
import { deploy, incident, sha } from "./testing/events";

let admin: Actor;
let thisWeeks: string;
let lastWeeks: string;

// The week of Monday 2024-05-06, [2024-05-06, 2024-05-13) UTC, of payments-api.
beforeAll(async () => {
  admin = await createUser({ email: "week-detail-admin@example.com", role: "admin" });
  lastWeeks = await deploy("payments-api", "2024-05-02T10:00:00Z", [sha("last-week")]);
  thisWeeks = await deploy("payments-api", "2024-05-07T10:00:00Z", [sha("this-week")]);
  // Caused by this week's deployment, opened and resolved the week after: behind its change failure rate only.
  await incident("payments-api", "2024-05-14T09:00:00Z", "2024-05-14T10:00:00Z", sha("this-week"), "caused");
  // Opened in the week, resolved on the first instant of the next one (50 h).
  await incident("payments-api", "2024-05-10T22:00:00Z", "2024-05-13T00:00:00Z", null, "opened-here");
  // Opened the week before, resolved on the week's first instant (52 h), caused by last week's deployment.
  await incident("payments-api", "2024-05-03T20:00:00Z", "2024-05-06T00:00:00Z", sha("last-week"), "resolved-here");
  // Opened and resolved in the week (30 min).
  await incident("payments-api", "2024-05-08T09:00:00Z", "2024-05-08T09:30:00Z", null, "both");
  await incident("payments-api", "2024-05-12T23:00:00Z", null, null, "still-open");
  // Not behind the week: another week, another service.
  await incident("payments-api", "2024-04-25T09:00:00Z", "2024-04-26T09:00:00Z", null, "earlier");
  await incident("search-api", "2024-05-08T09:00:00Z", "2024-05-08T10:00:00Z", null, "other-service");
});

const query = (q: Record<string, string>) => doraQuerySchema.parse({ service: "payments-api", ...q });

describe("a week's detail", () => {
  it("lists the incidents its deployments caused, and those opened or resolved in it, each with its role", async () => {
    const week = await loadWeekDetail(admin, query({ from: "2024-04-22", to: "2024-05-27" }), "2024-05-06");
    expect(week.deployments.map((d) => [d.id, d.causedIncident])).toEqual([[thisWeeks, true]]);
    expect(week.incidents).toEqual([
      { id: "caused", service: "payments-api", openedAt: "2024-05-14T09:00:00.000Z", resolvedAt: "2024-05-14T10:00:00.000Z", hours: 1, causeSha: sha("this-week"), deploymentId: thisWeeks, roles: ["caused"] },
      { id: "still-open", service: "payments-api", openedAt: "2024-05-12T23:00:00.000Z", resolvedAt: null, hours: null, causeSha: null, deploymentId: null, roles: ["opened"] },
      { id: "opened-here", service: "payments-api", openedAt: "2024-05-10T22:00:00.000Z", resolvedAt: "2024-05-13T00:00:00.000Z", hours: 50, causeSha: null, deploymentId: null, roles: ["opened"] },
      { id: "both", service: "payments-api", openedAt: "2024-05-08T09:00:00.000Z", resolvedAt: "2024-05-08T09:30:00.000Z", hours: 0.5, causeSha: null, deploymentId: null, roles: ["opened", "resolved"] },
      // Its cause names the deployment that shipped it, though that one is not the week's.
      { id: "resolved-here", service: "payments-api", openedAt: "2024-05-03T20:00:00.000Z", resolvedAt: "2024-05-06T00:00:00.000Z", hours: 52, causeSha: sha("last-week"), deploymentId: lastWeeks, roles: ["resolved"] },
    ]);
    expect(week.incidentsTotal).toBe(5);
    // The week's time to restore is over the two resolved in it: median of 52 h and 30 min.
    expect(week.timeToRestore).toEqual({ incidents: 2, medianHours: 26.25 });
    const keys = await computeDoraKeys(admin, query({ from: "2024-05-06", to: "2024-05-13" }));
    expect(keys.timeToRestore).toMatchObject(week.timeToRestore);
  });

  it("cuts a week to the window, as the charts do", async () => {
    // The window starts on Wednesday: "resolved-here" (Monday) and "both" (Wednesday 09:00, before noon) fall outside it.
    const week = await loadWeekDetail(admin, query({ from: "2024-05-08T12:00:00Z", to: "2024-05-27" }), "2024-05-06");
    expect(week.incidents.map((i) => [i.id, i.roles])).toEqual([
      ["still-open", ["opened"]],
      ["opened-here", ["opened"]],
    ]);
    expect(week.timeToRestore).toEqual({ incidents: 0, medianHours: null });
  });
});
