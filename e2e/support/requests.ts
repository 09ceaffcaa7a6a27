import crypto from "node:crypto";
import { expect, type Locator, type Page } from "@playwright/test";

/** Provisioning runs in the portal's worker; a few seconds here, more on a busy machine. */
export const PROVISIONING_TIMEOUT = 60_000;

/** A request name no other test uses: every test shares one portal, and names are unique per team among live requests. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(2).toString("hex")}`;
}

/** A request's row in a request table (My requests, Approvals), found by its name's link. */
export function requestRow(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** The value beside a term in a definition list (parameters, outputs, credentials). */
export function definition(scope: Locator, term: string): Locator {
  return scope.locator("dt").filter({ hasText: new RegExp(`^${term}$`) }).locator("xpath=following-sibling::dd[1]");
}

type FormValues = { team?: string; environment?: "dev" | "staging" | "production"; name: string; size?: "small" | "medium" | "large"; sizeGb?: string };

/** The golden-path form at /requests/new/<kind>. */
export class RequestForm {
  constructor(private readonly page: Page) {}

  async open(kind: "database" | "namespace" | "environment") {
    await this.page.goto(`/requests/new/${kind}`);
    await expect(this.page.getByRole("button", { name: "Submit request" })).toBeVisible();
  }

  async fill(values: FormValues) {
    if (values.team) await this.page.getByLabel("Team").selectOption(values.team);
    if (values.environment) await this.page.getByLabel("Environment").selectOption(values.environment);
    await this.page.getByLabel("Name", { exact: true }).fill(values.name);
    if (values.size) await this.page.getByLabel("Size").selectOption(values.size);
    if (values.sizeGb) await this.page.getByLabel("Storage (GB)").fill(values.sizeGb);
  }

  /** Submits and waits for the request page; returns the request id. */
  async submit(): Promise<string> {
    await this.page.getByRole("button", { name: "Submit request" }).click();
    await expect(this.page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }
}

/** /requests/<id>: heading with the status badge, decision, outputs, credentials and the live timeline. */
export class RequestPage {
  readonly heading: Locator;
  readonly decision: Locator;
  readonly outputs: Locator;
  readonly credentials: Locator;
  readonly timeline: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.decision = page.getByRole("region", { name: "Decision" });
    this.outputs = page.getByRole("region", { name: "What was created" });
    this.credentials = page.getByRole("region", { name: "Credentials" });
    // Its heading reads "Timeline updating live…" while the request is being worked on.
    this.timeline = page.getByRole("region", { name: /^Timeline/ });
  }

  async goto(id: string) {
    await this.page.goto(`/requests/${id}`);
  }

  async expectStatus(name: string, status: string, options?: { timeout?: number }) {
    await expect(this.heading).toHaveText(`${name} ${status}`, options);
  }

  /** Approve or reject through the dialog, as an admin. */
  async decide(verdict: "Approve" | "Reject", reason: string) {
    const dialog = await this.openDecision(verdict);
    await dialog.getByLabel(verdict === "Approve" ? "Reason (optional)" : "Reason", { exact: true }).fill(reason);
    await dialog.getByRole("button", { name: `${verdict} request` }).click();
    await expect(dialog).toHaveCount(0);
  }

  async openDecision(verdict: "Approve" | "Reject"): Promise<Locator> {
    await this.page.getByRole("button", { name: verdict, exact: true }).click();
    const dialog = this.page.getByRole("dialog", { name: `${verdict} this request?` });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}

/** /requests with its status filters. */
export class MyRequests {
  constructor(private readonly page: Page) {}

  async open(filter = "All") {
    await this.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My requests", exact: true }).click();
    await expect(this.page).toHaveURL("/requests");
    const link = this.page.getByRole("navigation", { name: "Filter by status" }).getByRole("link", { name: filter, exact: true });
    await link.click();
    await expect(link).toHaveAttribute("aria-current", "page");
  }

  row(name: string): Locator {
    return requestRow(this.page, name);
  }
}
