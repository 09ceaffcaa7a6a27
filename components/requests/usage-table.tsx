import type { Quota, Usage } from "@/lib/requests/quota";

export function UsageTable({ usage, quota, caption }: { usage: Usage; quota: Quota; caption: string }) {
  const rows = [
    ["Live databases", usage.databases, quota.maxDatabases],
    ["Live namespaces", usage.namespaces, quota.maxNamespaces],
    ["Namespace CPU (cores)", usage.namespaceCpuMillis / 1000, quota.maxNamespaceCpuMillis / 1000],
    ["Namespace memory (GiB)", +(usage.namespaceMemoryMib / 1024).toFixed(2), +(quota.maxNamespaceMemoryMib / 1024).toFixed(2)],
    ["Live environments", usage.environments, quota.maxEnvironments],
  ] as const;
  return (
    <table className="w-full text-left text-sm">
      <caption className="mb-2 text-left font-semibold">{caption}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="py-1 pr-4">Resource</th>
          <th scope="col" className="py-1 pr-4">In use</th>
          <th scope="col" className="py-1">Quota</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, used, max]) => (
          <tr key={label} className={used > max ? "text-red-800" : undefined}>
            <th scope="row" className="py-1 pr-4 font-normal">{label}</th>
            <td className="py-1 pr-4">{used}</td>
            <td className="py-1">{max}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
