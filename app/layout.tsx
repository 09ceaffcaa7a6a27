import type { Metadata, Viewport } from "next";
import { DemoBanner } from "@/components/shell/demo-banner";
import { isDemoMode } from "@/lib/config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Runway", template: "%s · Runway" },
  description: "Self-service infrastructure, approvals, catalog and DORA metrics for your engineering organisation.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {isDemoMode() && <DemoBanner />}
        {children}
      </body>
    </html>
  );
}
