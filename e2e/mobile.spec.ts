import { expect, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 } });

const pageWidth = (page: import("@playwright/test").Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("on a 390 px phone the header and every nav link are usable without sideways scrolling", async ({ page, signIn, saveScreenshot }) => {
  await signIn.asDemoUser("Avery Admin");
  await expect(page.getByRole("heading", { name: "Welcome, Avery" })).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
  await saveScreenshot("home-390");

  const nav = page.getByRole("navigation", { name: "Main" });
  // Metrics opens its first dashboard, DORA.
  for (const [label, path] of [
    ["Metrics", "/metrics/dora"],
    ["Catalog", "/catalog"],
    ["Approvals", "/approvals"],
    ["My requests", "/requests"],
    ["Request", "/requests/new"],
    ["Home", "/"],
  ] as const) {
    await nav.getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(path);
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
    expect(await pageWidth(page), label).toBeLessThanOrEqual(390);
  }

  await page.getByRole("button", { name: "User menu for Avery Admin" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  await page.keyboard.press("Escape");

  await page.goto("/settings/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
});
