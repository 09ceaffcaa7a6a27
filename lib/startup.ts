import { config, ConfigError } from "./config";

try {
  config();
} catch (e) {
  // One line naming the setting, then stop: never serve with a broken configuration.
  console.error(e instanceof ConfigError ? e.message : String(e));
  process.exit(1);
}
