import { MetricsTabs } from "@/components/metrics/metrics-tabs";

export default function MetricsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-6">
      <MetricsTabs />
      {children}
    </div>
  );
}
