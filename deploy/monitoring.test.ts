import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { metrics } from "@/lib/observability/metrics";

const here = path.dirname(fileURLToPath(import.meta.url));
const dashboard = JSON.parse(fs.readFileSync(path.join(here, "grafana/runway.json"), "utf8"));
const rules: { alert: string; expr: string }[] = parse(fs.readFileSync(path.join(here, "prometheus/alerts.yaml"), "utf8")).groups.flatMap((g: { rules: unknown[] }) => g.rules);

type Panel = { type: string; title: string; targets?: { expr: string }[]; panels?: Panel[] };
const panels: Panel[] = dashboard.panels.flatMap((p: Panel) => [p, ...(p.panels ?? [])]);
const queries = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr })));

async function exposedNames(): Promise<Set<string>> {
  const m = metrics();
  const all = [...(await m.registry.getMetricsAsJSON()), ...(await m.databaseRegistry.getMetricsAsJSON())];
  return new Set(all.map((metric) => metric.name));
}

/** runway_x_bucket, _count and _sum are samples of the histogram runway_x. */
const metricNames = (expr: string) => [...expr.matchAll(/\brunway_[a-z0-9_]+/g)].map(([name]) => name.replace(/_(bucket|count|sum)$/, ""));

describe("the Grafana dashboard and the Prometheus alerts", () => {
  it("query only metrics that Runway exposes", async () => {
    const exposed = await exposedNames();
    const unknown = [...queries, ...rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))].flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((name) => !exposed.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(queries.length).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  it("alert on a stalled queue, failing provisioning and approvals waiting a day", () => {
    const expr = (alert: string) => rules.find((r) => r.alert === alert)?.expr.replace(/\s+/g, " ").trim();
    expect(expr("RunwayJobQueueStalled")).toBe("max(runway_jobs_oldest_queued_age_seconds) > 300");
    expect(expr("RunwayProvisioningFailureRatioHigh")).toMatch(/> 0\.10$/);
    expect(expr("RunwayApprovalWaitingOverADay")).toBe("max by (subject) (runway_approvals_oldest_pending_age_seconds) > 86400");
  });

  it("let the viewer pick the Prometheus data source", () => {
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: "datasource", type: "datasource", query: "prometheus" }));
    for (const p of panels.filter((p) => p.type !== "row")) expect((p as { datasource?: { uid: string } }).datasource?.uid, p.title).toBe("${datasource}");
  });
});
