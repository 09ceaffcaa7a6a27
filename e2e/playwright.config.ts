import { defineConfig } from "@playwright/test";
import { DEMO_PORTAL_URL, OIDC_PORTAL_URL } from "./support/servers";

// Playwright cannot download its own browsers here; Debian's Chromium is used instead.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  outputDir: "../test-results",
  globalSetup: "./support/global-setup.ts",
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  // A server-rendered dashboard can take seconds to arrive on a loaded 2-core machine (it made the DORA demo test miss 5 s).
  expect: { timeout: 10_000 },
  use: {
    launchOptions: { executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium", args: chromiumArgs },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "oidc", testMatch: "oidc-*.spec.ts", use: { baseURL: OIDC_PORTAL_URL } },
    { name: "demo", testIgnore: "oidc-*.spec.ts", use: { baseURL: DEMO_PORTAL_URL } },
  ],
});
