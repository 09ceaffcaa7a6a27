import { expect, test } from "./support/fixtures";

test("demo mode says so, and anyone can sign in as the seeded platform admin", async ({ page, signIn, saveScreenshot }) => {
  await page.goto("/signin");
  await expect(page.getByRole("region", { name: "Demo mode" })).toBeVisible();
  await saveScreenshot("signin-demo");

  await signIn.asDemoUser("Avery Admin");
  await expect(page.getByRole("heading", { name: "Welcome, Avery" })).toBeVisible();
  await expect(page.getByRole("main").getByText("Platform admin", { exact: true })).toBeVisible();
  await saveScreenshot("home-desktop");

  await page.getByRole("button", { name: "User menu for Avery Admin" }).click();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL("/admin/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
});
