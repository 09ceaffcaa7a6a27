import { SurveyPrompt } from "@/components/devex/survey-prompt";
import { Providers } from "@/components/providers";
import { AppHeader } from "@/components/shell/app-header";
import { requireActor } from "@/lib/auth/session";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <Providers>
      <AppHeader actor={actor} />
      <SurveyPrompt actor={actor} />
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-8">
        {children}
      </main>
    </Providers>
  );
}
