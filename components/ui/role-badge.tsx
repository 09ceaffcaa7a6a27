const styles: Record<string, string> = {
  admin: "bg-purple-100 text-purple-900",
  manager: "bg-emerald-100 text-emerald-900",
  developer: "bg-sky-100 text-sky-900",
};

const labels: Record<string, string> = { admin: "Platform admin", manager: "Manager", developer: "Developer" };

export function RoleBadge({ role }: { role: string }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ${styles[role] ?? "bg-slate-100"}`}>{labels[role] ?? role}</span>;
}
