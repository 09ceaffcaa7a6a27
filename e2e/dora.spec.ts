import crypto from "node:crypto";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

const suffix = () => crypto.randomBytes(3).toString("hex");
const sha = (label: string) => crypto.createHash("sha1").update(label).digest("hex");

/** Settings → API tokens, as a person makes one for their CI. */
async function createToken(page: Page, scope: "events:write" | null): Promise<string> {
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill(`dora-${suffix()}`);
  if (scope) await page.getByRole("checkbox", { name: new RegExp(scope) }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  return page.getByLabel("Your new token").inputValue();
}

async function send(request: APIRequestContext, token: string, kind: "deployments" | "changes" | "incidents", events: object[]) {
  const res = await request.post(`/api/v1/events/${kind}`, { headers: { Authorization: `Bearer ${token}` }, data: { events } });
  expect(res.status(), await res.text()).toBe(200);
}

/** One week of a service: a deployment every weekday, three commits with known lead times, one incident. */
async function sendWeek(request: APIRequestContext, token: string, service: string) {
  const [c1, c2, c3] = ["c1", "c2", "c3"].map((c) => sha(`${service}-${c}`));
  await send(request, token, "changes", [
    { id: `${service}-c1`, service, sha: c1, committedAt: "2024-03-04T06:00:00Z" },
    { id: `${service}-c2`, service, sha: c2, committedAt: "2024-03-04T08:00:00Z" },
    { id: `${service}-c3`, service, sha: c3, committedAt: "2024-03-05T09:00:00Z" },
  ]);
  const shipped: Record<string, string[]> = { "04": [c1, c2], "05": [c3] };
  await send(
    request,
    token,
    "deployments",
    ["04", "05", "06", "07", "08"].map((day) => ({
      id: `${service}-2024-03-${day}`,
      service,
      environment: "production",
      status: "success",
      deployedAt: `2024-03-${day}T10:00:00Z`,
      commitShas: shipped[day] ?? [],
    })),
  );
  await send(request, token, "incidents", [{ id: `${service}-inc`, service, openedAt: "2024-03-05T11:00:00Z", resolvedAt: "2024-03-05T13:00:00Z", causeSha: c3 }]);
  // The week before: two deployments, no incident.
  await send(request, token, "deployments", ["26", "27"].map((day) => ({ id: `${service}-2024-02-${day}`, service, environment: "production", status: "success", deployedAt: `2024-02-${day}T10:00:00Z` })));
}

const card = (page: Page, name: string) => page.getByRole("region", { name });

test("events sent through the API become the four keys on the dashboard, for the window chosen", async ({ page, request, signIn, saveScreenshot }) => {
  const service = `e2e-shop-${suffix()}`;
  await signIn.asDemoUser("Morgan Manager");
  const token = await createToken(page, "events:write");
  await sendWeek(request, token, service);

  await page.goto(`/metrics/dora?service=${service}&from=2024-03-04&to=2024-03-11`);
  await expect(page.getByRole("heading", { name: "DORA metrics" })).toBeVisible();
  // Five deployment days in the week: elite. Lead times 4 h, 2 h, 1 h. One of five deployments failed. Restored in 2 h.
  await expect(card(page, "Deployment frequency")).toContainText("5.0 per week");
  await expect(card(page, "Deployment frequency")).toContainText("Elite");
  await expect(card(page, "Lead time for changes")).toContainText("2.0 h");
  await expect(card(page, "Lead time for changes")).toContainText("p90 3.6 h");
  await expect(card(page, "Deployment frequency")).toContainText("up 150 % (better)");
  await expect(card(page, "Change failure rate")).toContainText("20.0 %");
  await expect(card(page, "Change failure rate")).toContainText("Low");
  await expect(card(page, "Change failure rate")).toContainText("up 20.0 points (worse)");
  await expect(card(page, "Time to restore service")).toContainText("2.0 h");
  const row = page.getByRole("table", { name: "Services" }).getByRole("row").filter({ hasText: service });
  await expect(row).toContainText("unowned");
  await expect(row).toContainText("20.0 %");
  await saveScreenshot("dora-service-week");

  // What is behind the week: its five deployments and the incident one of them caused.
  await page.getByRole("button", { name: "Show what is behind the week of 4 Mar 2024" }).click();
  const detail = page.getByRole("region", { name: "Week of 4 Mar 2024" });
  await expect(detail.getByRole("table", { name: /Deployments/ }).getByRole("row")).toHaveCount(6);
  await expect(detail.getByRole("table", { name: /^Incidents/ })).toContainText(sha(`${service}-c3`).slice(0, 12));

  // Narrow the window to Monday and Tuesday: two deployments, one of them failed.
  await page.getByLabel("Through (included)").fill("2024-03-05");
  await expect(page).toHaveURL(/to=2024-03-06/);
  await expect(card(page, "Deployment frequency")).toContainText("1.0 per day");
  await expect(card(page, "Change failure rate")).toContainText("50.0 %");
  await expect(row).toContainText("50.0 %");

  // The URL holds the view: a reload shows the same.
  await page.reload();
  await expect(card(page, "Change failure rate")).toContainText("50.0 %");
});

test("a service counts for its team once the catalog has a Component of that name", async ({ page, request, signIn }) => {
  const service = `e2e-ledger-${suffix()}`;
  await signIn.asDemoUser("Avery Admin");
  const token = await createToken(page, "events:write");
  await sendWeek(request, token, service);
  const yaml = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${service}\nspec:\n  type: service\n  lifecycle: production\n  owner: payments\n`;
  const imported = await request.post("/api/v1/catalog/import", { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/yaml" }, data: yaml });
  expect(imported.status(), await imported.text()).toBe(200);

  await page.goto("/metrics/dora?from=2024-03-04&to=2024-03-11");
  // Teams and services are searched as one types, not listed: type, and take the best match with Enter.
  const filters = page.getByRole("search", { name: "Filters" });
  const team = filters.getByRole("combobox", { name: "Team" });
  await team.fill("payments");
  await expect(filters.getByRole("option").first()).toHaveAccessibleName(/^payments\b/);
  await expect(filters.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await team.press("Enter");
  await expect(page).toHaveURL(/team=payments/);
  await expect(page.getByText(/^Team payments · production/)).toBeVisible();
  await expect(team).toHaveValue("payments");
  const row = page.getByRole("table", { name: "Services" }).getByRole("row").filter({ hasText: service });
  await expect(row).toContainText("payments");

  const services = filters.getByRole("combobox", { name: "Service" });
  await services.fill(service.slice(0, -2));
  await filters.getByRole("option", { name: new RegExp(`^${service}`) }).click();
  await expect(page).toHaveURL(new RegExp(`service=${service}`));
  await expect(page.getByText(new RegExp(`^Service ${service} · production`))).toBeVisible();

  // Back to the whole organisation: offered as soon as the field has focus.
  await team.focus();
  await filters.getByRole("option", { name: "Whole organisation" }).click();
  await expect(page.getByText(/^Whole organisation · production/)).toBeVisible();
  await expect(page).not.toHaveURL(/team=|service=/);
  await expect(services).toHaveValue("All services");
});

test("developers see their own teams' figures, not other teams'", async ({ page, signIn }) => {
  await signIn.asDemoUser("Dana Developer");
  await page.goto("/metrics/dora?team=search");
  await expect(page.getByRole("alert").filter({ hasText: "you are not in search" })).toBeVisible();
  await page.getByRole("link", { name: "Show my default view" }).click();
  await expect(page.getByText(/^Your teams: payments · production/)).toBeVisible();
  await expect(page.getByLabel("Team").getByRole("option")).toHaveText(["My teams", "payments"]);
});

test("the demo organisation's history is on the dashboard from the first start, labelled demo", async ({ page, signIn, saveScreenshot }) => {
  await signIn.asDemoUser("Avery Admin");
  await page.getByRole("link", { name: "Metrics" }).click();
  await expect(page).toHaveURL(/\/metrics\/dora$/);
  await expect(page.getByText("Demo data:")).toBeVisible();
  await expect(page.getByText(/^Whole organisation · production/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Services" }).getByRole("row").filter({ hasText: "payments-api" })).toContainText("Elite");
  await expect(page.getByRole("table", { name: "Services" }).getByRole("row").filter({ hasText: "search-indexer" })).toContainText("Low");
  await saveScreenshot("dora-dashboard-demo");
});
