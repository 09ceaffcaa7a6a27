import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // "server-only" throws outside a React Server Components bundle; tests run the server code directly.
      { find: /^server-only$/, replacement: path.join(root, "db/test/empty-module.ts") },
      { find: /^@\//, replacement: root + "/" },
    ],
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["e2e/**", "node_modules/**", ".data/**", ".next/**"],
    environment: "node",
    // next-auth imports "next/server" without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
    globalSetup: ["db/test/global-setup.ts"],
    env: {
      RUNWAY_LOG_SILENT: "1",
      // Test databases set DATABASE_URL, and lib/config.ts then requires a secret, as in production.
      AUTH_SECRET: "vitest-only-secret-0123456789abcdef0123456789",
      // Provisioning stores credentials encrypted under this key (32 bytes, hex).
      RUNWAY_SECRET_KEY: "7e57000000000000000000000000000000000000000000000000000000007e57",
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "7e57aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa7e57",
    },
    // initdb of the embedded server (global setup, db/embedded.test.ts) takes seconds on a slow disk.
    hookTimeout: 60_000,
    // Database tests wait on a real server; a busy 2-core machine can make one slow, not wrong.
    testTimeout: 30_000,
  },
});
