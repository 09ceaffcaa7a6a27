/** "3 h", "2 d": compact ages for queues and timelines. */
export function age(from: Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

export function utc(d: Date): string {
  return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}
