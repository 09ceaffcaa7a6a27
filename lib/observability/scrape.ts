import "server-only";
import { refreshDatabaseGauges } from "./database-gauges";
import { metrics } from "./metrics";

/**
 * The Prometheus text of this process. `database`: also the queue and approval
 * gauges, read by a query now (web replicas; a worker's own endpoint leaves them out).
 */
export async function scrapeMetrics(options: { database: boolean }): Promise<{ contentType: string; text: string }> {
  const m = metrics();
  const parts = [await m.registry.metrics()];
  if (options.database) {
    await refreshDatabaseGauges(m);
    parts.push(await m.databaseRegistry.metrics());
  }
  return { contentType: m.registry.contentType, text: parts.join("\n") };
}
