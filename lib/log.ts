type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** One JSON line per event, so that log shippers need no parser. Never pass secrets in `fields`. */
export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const threshold = order[(process.env.RUNWAY_LOG_LEVEL as Level) ?? "info"] ?? order.info;
  if (order[level] < threshold || process.env.RUNWAY_LOG_SILENT === "1") return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}
