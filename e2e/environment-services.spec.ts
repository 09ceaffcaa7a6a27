import crypto from "node:crypto";
import { expect, test } from "./support/fixtures";
import { PROVISIONING_TIMEOUT, RequestForm, RequestPage, uniqueName } from "./support/requests";

// The platform team's own environment: other specs request for payments and search, so quotas never meet.
const ADMIN = "Avery Admin";

test("an environment's services are picked from the catalog by keyboard, refused when no name fits, and deployed from their source location", async ({
  page,
  signIn,
  saveScreenshot,
}) => {
  test.slow(); // Provisioning and decommissioning are real and run in the portal's worker.
  const suffix = crypto.randomBytes(3).toString("hex");
  const service = `cart-${suffix}`;
  const misnamed = `Cart_Legacy_${suffix}`;
  const component = (name: string, annotations: string) =>
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n${annotations}spec:\n  type: service\n  lifecycle: production\n  owner: platform\n`;
  await signIn.asDemoUser(ADMIN);
  await page.goto("/catalog/import");
  await page
    .getByLabel("Catalog YAML")
    .fill([component(service, `  annotations:\n    backstage.io/source-location: url:https://github.com/acme/${service}/tree/main/deploy/\n`), component(misnamed, "")].join("---\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await page.getByRole("button", { name: "Import 2 entities" }).click();
  await expect(page.getByRole("status")).toContainText("Added 2");

  const name = uniqueName("preview");
  const form = new RequestForm(page);
  await form.open("environment");
  await form.fill({ environment: "dev", name });
  const picker = page.getByRole("combobox", { name: "Services to deploy" });
  const chosen = page.getByRole("list", { name: "Chosen: Services to deploy" });

  // Type, and take the best match with Enter: no mouse.
  await picker.fill(`cart-${suffix.slice(0, 4)}`);
  await expect(page.getByRole("option", { name: new RegExp(service) })).toHaveAttribute("aria-selected", "true");
  await picker.press("Enter");
  await expect(chosen.getByRole("listitem")).toHaveText([`${service}×`]);
  await expect(page.getByText(`Deploys: ${service}`)).toBeVisible();

  // A catalog name that cannot name a Kubernetes object is refused by the server, on the field.
  await picker.fill(misnamed.slice(0, 15));
  await expect(page.getByRole("option", { name: new RegExp(misnamed) })).toHaveAttribute("aria-selected", "true");
  await picker.press("Enter");
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Please fix the highlighted fields." })).toBeVisible();
  await expect(picker).toHaveAttribute("aria-invalid", "true");
  await expect(picker).toHaveAccessibleDescription(new RegExp(`${misnamed}: each service must be a catalog component name`));
  await saveScreenshot("environment-services-refused");

  await chosen.getByRole("button", { name: `Remove ${misnamed}` }).press("Enter");
  await expect(chosen.getByRole("listitem")).toHaveText([`${service}×`]);
  await form.submit();

  const request = new RequestPage(page);
  await request.expectStatus(name, "Ready", { timeout: PROVISIONING_TIMEOUT });
  await expect(request.timeline).toContainText(`Argo CD deploys ${service} from https://github.com/acme/${service} (deploy at main)`);
  await saveScreenshot("environment-services-ready");

  await page.getByRole("button", { name: "Decommission" }).click();
  await page.getByRole("dialog", { name: `Decommission ${name}?` }).getByRole("button", { name: "Decommission" }).click();
  await request.expectStatus(name, "Decommissioned", { timeout: PROVISIONING_TIMEOUT });
});
