import { resolveDatabaseUrl } from "../db/connection";
import { migrateDatabase } from "../db/migrate";
import { parseDatabaseConfig } from "../lib/config";

try {
  parseDatabaseConfig(process.env);
  await migrateDatabase(resolveDatabaseUrl());
  console.log("migrations applied");
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
