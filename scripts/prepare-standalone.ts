import fs from "node:fs";
import path from "node:path";

/**
 * `next build` (output "standalone") leaves in .next/standalone a server with
 * only the files it needs, but without the static assets and public/, which it
 * expects a CDN to serve. Runway serves them itself: they are copied beside the
 * server, the layout Next's documentation gives for `node .next/standalone/server.js`.
 */
export function prepareStandalone(root = process.cwd()): void {
  const standalone = path.join(root, ".next", "standalone");
  if (!fs.existsSync(path.join(standalone, "server.js"))) {
    console.error("No standalone server in .next/standalone: run `npm run build` first.");
    process.exit(1);
  }
  fs.cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
  if (fs.existsSync(path.join(root, "public"))) fs.cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) prepareStandalone();
