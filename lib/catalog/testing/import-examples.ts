import fs from "node:fs";
import path from "node:path";
import type { Actor } from "@/lib/auth/actor";
import { importCatalog } from "../import";
import { EXAMPLES_DIR, exampleFiles } from "./fixtures";

/** Every example entity file, pasted as one import (Location targets are not followed then). */
export function importExamples(admin: Actor) {
  const files = exampleFiles().map((name) => ({ name, text: fs.readFileSync(path.join(EXAMPLES_DIR, name), "utf8") }));
  return importCatalog(admin, { files, dryRun: false });
}
