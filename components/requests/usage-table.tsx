import { DataTable, Td, Th } from "@/components/ui/data-table";
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
    <DataTable
      caption={caption}
      captionVisible
      variant="summary"
      head={
        <>
          <Th>Resource</Th>
          <Th>In use</Th>
          <Th>Quota</Th>
        </>
      }
    >
      {rows.map(([label, used, max]) => (
        <tr key={label} className={used > max ? "text-red-800" : undefined}>
          <Th scope="row" className="font-normal">{label}</Th>
          <Td>{used}</Td>
          <Td>{max}</Td>
        </tr>
      ))}
    </DataTable>
  );
}
