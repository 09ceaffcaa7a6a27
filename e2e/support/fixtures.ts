import path from "node:path";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import type { IssuerAccount } from "./servers";

/** The portal's sign-in page, in either mode. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  /** Demo mode: one click on a seeded person. */
  async asDemoUser(name: string) {
    if (!new URL(this.page.url(), "http://x").pathname.startsWith("/signin")) await this.page.goto("/signin");
    await this.page.getByRole("button", { name: `Sign in as ${name}` }).click();
    await expect(this.page.getByRole("button", { name: `User menu for ${name}` })).toBeVisible();
  }

  /** OIDC mode: through the issuer's own login form, as a person would. */
  async withSso(account: IssuerAccount) {
    await this.page.getByRole("button", { name: "Sign in with SSO" }).click();
    await this.page.getByRole("textbox", { name: "Enter any login" }).fill(account.login);
    await this.page.getByPlaceholder("and password").fill("any password");
    await this.page.getByRole("button", { name: "Sign-in" }).click();
    await expect(this.page.getByRole("button", { name: `User menu for ${account.name}` })).toBeVisible();
  }
}

type Fixtures = {
  signIn: SignInPage;
  /** A second person in their own browser window, signed in by demo name, for stories where two people take turns. */
  demoUserPage: (name: string) => Promise<Page>;
  /** Saves a full-page screenshot under test-results/screenshots/ for a person to look at. */
  saveScreenshot: (name: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  signIn: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
  demoUserPage: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (name) => {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      const page = await context.newPage();
      await new SignInPage(page).asDemoUser(name);
      return page;
    });
    for (const context of contexts) await context.close();
  },
  saveScreenshot: async ({ page }, use, testInfo) => {
    await use(async (name) => {
      await page.screenshot({ path: path.join(testInfo.project.outputDir, "screenshots", `${name}.png`), fullPage: true });
    });
  },
});

export { expect };
