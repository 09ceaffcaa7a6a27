import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { definition, MyRequests, PROVISIONING_TIMEOUT, RequestForm, RequestPage, requestRow, uniqueName } from "./support/requests";

test("a dev database is approved at once; an admin approves a production one and rejects an oversized one, and the developer reads both decisions", async ({
  page,
  signIn,
  demoUserPage,
  saveScreenshot,
}) => {
  test.slow(); // It waits for two real databases to be provisioned.
  const dev = uniqueName("dev-db");
  const prod = uniqueName("prod-db");
  const big = uniqueName("big-db");
  const form = new RequestForm(page);
  const request = new RequestPage(page);
  const summary = page.getByRole("complementary", { name: "Summary" });
  await signIn.asDemoUser("Dana Developer");

  await form.open("database");
  await form.fill({ team: "payments", environment: "dev", name: dev });
  await expect(summary).toContainText("Will be auto-approved.");
  const devId = await form.submit();
  await expect(request.heading).toContainText(dev);
  await expect(request.decision).toContainText("Auto-approved: not production, within the golden path's self-service limits");
  await expect(request.timeline.getByText("Auto-approved", { exact: true })).toBeVisible();

  await form.open("database");
  await form.fill({ environment: "production", name: prod });
  await expect(page.getByLabel("Daily backups")).toBeChecked();
  await expect(summary).toContainText("Will need a platform admin's approval.");
  const prodId = await form.submit();
  await request.expectStatus(prod, "Waiting for approval");
  await expect(request.decision).toContainText("Production requests always need a platform admin's approval.");
  await expect(request.decision).toContainText("Waiting for a platform admin.");

  await form.open("database");
  await form.fill({ environment: "staging", name: big, size: "large" });
  await expect(summary).toContainText("Will need a platform admin's approval.");
  const bigId = await form.submit();
  await request.expectStatus(big, "Waiting for approval");
  await expect(request.decision).toContainText("a large database is beyond self-service");

  const admin = await demoUserPage("Avery Admin");
  const adminRequest = new RequestPage(admin);
  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Approvals" })).toBeVisible();
  const queued = (name: string) => requestRow(admin, name);
  await expect(queued(prod)).toContainText("Waiting for approval");
  await expect(queued(big)).toContainText("Waiting for approval");
  await expect(queued(dev)).toHaveCount(0);
  await queued(prod).getByRole("link", { name: prod }).click();
  await adminRequest.expectStatus(prod, "Waiting for approval");
  await expect(admin.getByRole("table", { name: "payments's current usage" })).toBeVisible();
  await adminRequest.decide("Approve", "Capacity checked with the DBA team.");
  await expect(adminRequest.decision).toContainText("Approved by admin@example.com");

  await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals", exact: true }).click();
  await expect(queued(prod)).toHaveCount(0);
  await queued(big).getByRole("link", { name: big }).click();
  const reject = await adminRequest.openDecision("Reject");
  const reason = reject.getByLabel("Reason", { exact: true });
  // An empty reason never leaves the browser; a too-short one is refused by the server under the field.
  await reject.getByRole("button", { name: "Reject request" }).click();
  await expect(reject).toBeVisible();
  expect(await reason.evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true);
  await reason.fill("no");
  await reject.getByRole("button", { name: "Reject request" }).click();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription("Say why the request is rejected (the requester will read it)");
  await reason.fill("Large is for production only; medium fits staging.");
  await reject.getByRole("button", { name: "Reject request" }).click();
  await expect(reject).toHaveCount(0);
  await adminRequest.expectStatus(big, "Rejected");

  await request.goto(bigId);
  await request.expectStatus(big, "Rejected");
  await expect(request.decision).toContainText("Rejected by admin@example.com");
  await expect(request.decision).toContainText("Large is for production only; medium fits staging.");
  await expect(page.getByRole("button", { name: "Cancel request" })).toHaveCount(0);

  await request.goto(prodId);
  await expect(request.decision).toContainText("Approved by admin@example.com");
  await expect(request.decision).toContainText("Capacity checked with the DBA team.");
  await request.expectStatus(prod, "Ready", { timeout: PROVISIONING_TIMEOUT });
  await saveScreenshot("request-approved");
  await request.goto(devId);
  await request.expectStatus(dev, "Ready", { timeout: PROVISIONING_TIMEOUT });

  const mine = new MyRequests(page);
  await mine.open();
  for (const name of [dev, prod, big]) await expect(mine.row(name)).toBeVisible();
  await mine.open("Rejected");
  await expect(mine.row(big)).toContainText("Rejected");
  await expect(mine.row(prod)).toHaveCount(0);
  await mine.open("Ready");
  await expect(mine.row(prod)).toContainText("Ready");
  await expect(mine.row(dev)).toContainText("Ready");
  await expect(mine.row(big)).toHaveCount(0);
  await mine.open("Waiting for approval");
  await expect(mine.row(prod)).toHaveCount(0);
  await expect(mine.row(big)).toHaveCount(0);
  await saveScreenshot("my-requests-filtered");
});

test("a form with bad values shows each error under its field and creates nothing", async ({ page, signIn }) => {
  const form = new RequestForm(page);
  await signIn.asDemoUser("Dana Developer");
  await form.open("database");
  await form.fill({ environment: "dev", name: "Bad_Name", sizeGb: "500" });
  // Leaving the field first: the error that appears when it loses focus pushes the button down, under a pointer that was already on its way.
  await page.keyboard.press("Tab");
  await page.getByRole("button", { name: "Submit request" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "Please fix the highlighted fields." })).toBeVisible();
  await expect(page).toHaveURL("/requests/new/database");
  const name = page.getByLabel("Name", { exact: true });
  const storage = page.getByLabel("Storage (GB)");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/starting with a letter and not ending with a dash/);
  await expect(name).toHaveValue("Bad_Name");
  await expect(storage).toHaveAttribute("aria-invalid", "true");
  await expect(storage).toHaveAccessibleDescription(/at most 100/);
  await expect(storage).toHaveValue("500");
  await expect(page.getByLabel("Engine")).toHaveAttribute("aria-invalid", "false");

  // With a valid name the storage alone still stops it, so a request by that name would be this form's doing.
  const fixed = uniqueName("bad-form");
  await name.fill(fixed);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(name).toHaveAttribute("aria-invalid", "false");
  await expect(storage).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL("/requests/new/database");

  const mine = new MyRequests(page);
  await mine.open();
  await expect(mine.row(fixed)).toHaveCount(0);
  await expect(mine.row("Bad_Name")).toHaveCount(0);
});

/** Tabs forward until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, maxPresses = 40) {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

test("a namespace can be requested with the keyboard alone", async ({ page, signIn }) => {
  const name = uniqueName("kbd-ns");
  await signIn.asDemoUser("Dana Developer");
  await page.goto("/requests/new/namespace");

  await tabTo(page, page.getByLabel("Team"));
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Environment")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("CPU request (cores)")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("CPU limit (cores)")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("1");
  await tabTo(page, page.getByRole("button", { name: "Submit request" }));
  await expect(page.getByRole("complementary", { name: "Summary" })).toContainText(`Kubernetes namespace "payments-${name}"`);
  await expect(page.getByRole("complementary", { name: "Summary" })).toContainText("Will be auto-approved.");
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  const request = new RequestPage(page);
  await expect(request.heading).toContainText(name);
  const parameters = page.getByRole("region", { name: "Parameters" });
  await expect(definition(parameters, "cpuLimit")).toHaveText("1");
  await expect(request.decision).toContainText("Auto-approved");
});
