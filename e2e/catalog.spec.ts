import crypto from "node:crypto";
import { exampleRepository } from "../lib/catalog/testing/fixtures";
import { expect, SignInPage, test } from "./support/fixtures";

test("an admin imports Backstage's example catalog; a developer finds petstore, follows its API and the API's owner", async ({ browser, page, signIn, saveScreenshot }) => {
  const repo = exampleRepository();
  try {
    await signIn.asDemoUser("Avery Admin");
    await page.getByRole("link", { name: "Catalog", exact: true }).click();
    await page.getByRole("link", { name: "Locations" }).click();
    await page.getByRole("textbox", { name: "Location" }).fill(`git+file://${repo.dir}#index.yaml`);
    await page.getByRole("button", { name: "Register" }).click();
    await expect(page.getByRole("status")).toContainText("80 entities added, 1 refused");
    const location = page.getByRole("listitem", { name: `git+file://${repo.dir}#index.yaml` });
    await location.getByText(/errors?, \d+ warnings? in the last read/).click();
    await expect(location.getByRole("list", { name: /Problems of/ })).toContainText('"invalid component" is not a valid name');
    await saveScreenshot("catalog-locations");

    const context = await browser.newContext();
    const dev = await context.newPage();
    try {
      await new SignInPage(dev).asDemoUser("Dana Developer");
      await dev.getByRole("link", { name: "Catalog", exact: true }).click();
      await dev.getByRole("searchbox", { name: "Search the catalog" }).fill("petstore");
      await dev.keyboard.press("Enter");
      await expect(dev).toHaveURL(/\/catalog\?q=petstore/);
      const rows = dev.getByRole("table", { name: "Catalog entities" }).getByRole("row");
      // An exact name match comes first: the petstore component and API, before petstore31 and the webhook.
      await expect(rows.nth(1).getByRole("link").first()).toHaveText("petstore");
      await expect(rows.nth(2).getByRole("link").first()).toHaveText("petstore");
      await dev.screenshot({ path: test.info().outputPath("catalog-search.png"), fullPage: true });
      // Once a kind is chosen the other kinds keep their counts: what choosing one of them instead would give.
      const kinds = dev.getByRole("region", { name: "Filter by kind" });
      await kinds.getByRole("link", { name: /^Component\s*\d/ }).click();
      await expect(dev).toHaveURL(/kind=Component/);
      await expect(kinds.getByRole("link", { name: /^Component\s*\d/ })).toHaveAttribute("aria-current", "true");
      await expect(kinds.getByRole("link", { name: /^API\s*\d/ })).toBeVisible();

      await rows.filter({ hasText: "Component" }).getByRole("link", { name: "petstore", exact: true }).click();
      await expect(dev.getByRole("heading", { level: 1 })).toContainText("petstore");
      // Its owner "sre" is not in the example catalog: the relation is kept and shown as missing.
      await expect(dev.getByRole("region", { name: "About" })).toContainText("sre not in catalog");
      await expect(dev.getByRole("region", { name: "Scorecard" })).toBeVisible();
      await dev.screenshot({ path: test.info().outputPath("catalog-component.png"), fullPage: true });

      await dev.getByRole("region", { name: "APIs" }).getByRole("link", { name: "petstore", exact: true }).click();
      await expect(dev.getByRole("heading", { level: 1 })).toContainText("petstore");
      await expect(dev.getByRole("table", { name: "Operations" })).toContainText("/pets/{petId}");
      await expect(dev.getByRole("region", { name: "Relations" }).getByRole("region", { name: "Provided by" })).toContainText("petstore");
      await dev.screenshot({ path: test.info().outputPath("catalog-api.png"), fullPage: true });

      await dev.getByRole("region", { name: "About" }).getByRole("link", { name: "team-c" }).click();
      await expect(dev.getByRole("heading", { level: 1 })).toContainText("team-c");
      await expect(dev.getByRole("region", { name: "Owns" })).toContainText("petstore");
      await expect(dev.getByRole("region", { name: "Team scorecard" })).toContainText("Average score");
      await dev.screenshot({ path: test.info().outputPath("catalog-group.png"), fullPage: true });
    } finally {
      await context.close();
    }
  } finally {
    repo.remove();
  }
});

test("pasted YAML is previewed before it is imported, and one bad document does not block the others", async ({ browser, page, signIn, saveScreenshot }) => {
  const name = `checkout-${crypto.randomBytes(3).toString("hex")}`;
  const yaml = [
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  description: Takes the money\nspec:\n  type: service\n  lifecycle: production\n  owner: payments\n`,
    "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: not valid\nspec:\n  type: service\n  lifecycle: production\n  owner: payments\n",
  ].join("---\n");
  await signIn.asDemoUser("Avery Admin");
  await page.goto("/catalog/import");
  await page.getByLabel("Catalog YAML").fill(yaml);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("status")).toHaveText("Will add 1, will change 0, unchanged 0, refused 1");
  await expect(page.getByRole("list", { name: "To add" })).toContainText(`component:default/${name}`);
  await expect(page.getByRole("list", { name: "Refused" })).toContainText('pasted YAML, document 2, metadata.name: "not valid" is not a valid name');
  await saveScreenshot("catalog-import-preview");

  await page.getByRole("button", { name: "Import 1 entity" }).click();
  await expect(page.getByRole("status")).toContainText("Added 1");
  await page.getByRole("list", { name: "Added" }).getByRole("link", { name: `component:default/${name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  // Dana is in payments, so the new component is among what her teams own.
  const context = await browser.newContext();
  try {
    const dev = await context.newPage();
    await new SignInPage(dev).asDemoUser("Dana Developer");
    await dev.goto("/catalog");
    await dev.getByRole("checkbox", { name: "Owned by my teams" }).check();
    await expect(dev).toHaveURL(/mine=1/);
    await expect(dev.getByRole("table", { name: "Catalog entities" })).toContainText(name);
    await expect(dev.getByRole("list", { name: "Active filters" })).toContainText("Owned by my teams");
  } finally {
    await context.close();
  }
});

test("a 12 MiB import through the API is read whole, not cut off on the way", async ({ page, request, signIn }) => {
  await signIn.asDemoUser("Avery Admin");
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill(`big-import-${crypto.randomBytes(3).toString("hex")}`);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("Your new token").inputValue();
  // Twelve documents just under the 1 MiB per-document limit: past the 10 MB at which Next cuts bodies by default.
  const filler = "x".repeat(1_000_000);
  const yaml = Array.from({ length: 12 }, (_, i) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: big-import-${i}\n  description: ${filler}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: payments\n`).join("---\n");

  const res = await request.post("/api/v1/catalog/import?dryRun=true", { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/yaml" }, data: yaml });

  expect(res.status(), (await res.text()).slice(0, 500)).toBe(200);
  expect(await res.json()).toMatchObject({ dryRun: true, added: 12, refused: 0 });
});
