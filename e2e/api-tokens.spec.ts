import crypto from "node:crypto";
import { expect, test } from "./support/fixtures";

test("a token made in the browser works on the API until it is revoked", async ({ page, request, signIn, saveScreenshot }) => {
  const name = `ci-deploys-${crypto.randomBytes(3).toString("hex")}`;
  await signIn.asDemoUser("Dana Developer");
  await page.goto("/settings/tokens");

  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByRole("status")).toContainText("it will not be shown again");
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^rwy_/);
  await saveScreenshot("tokens");

  const auth = { Authorization: `Bearer ${token}` };
  const me = await request.get("/api/v1/me", { headers: auth });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: "developer@example.com", role: "developer" });

  await page.reload();
  await expect(page.getByLabel("Your new token")).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 10));

  // The dialog works from the keyboard: open with Enter, Escape backs out, Tab reaches the confirm button.
  const revoke = row.getByRole("button", { name: "Revoke" });
  await revoke.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Revoke “${name}”?` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(revoke).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Revoke token" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText("Revoked");

  const after = await request.get("/api/v1/me", { headers: auth });
  expect(after.status()).toBe(401);
  expect(await after.json()).toMatchObject({ error: { code: "unauthorized" } });
});
