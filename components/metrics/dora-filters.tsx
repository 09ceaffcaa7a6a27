"use client";

import { useId, useState } from "react";
import type { DoraDashboard } from "@/lib/metrics/dashboard";
import { ORG_SCOPE } from "@/lib/metrics/schemas";
import type { DoraFilters } from "@/lib/metrics/filters";
import { inputClass } from "@/components/ui/field";
import { TeamPicker, teamOption } from "@/components/ui/team-picker";
import { Typeahead, type TypeaheadOption } from "@/components/ui/typeahead";
import type { DoraServiceSuggestion } from "@/lib/metrics/service-search";

const PRESETS = [30, 90, 180, 365];
const DEFAULT_DAYS = 90;
const ENVIRONMENTS = ["production", "staging", "dev"];
const DAY = 86_400_000;
const ALL_SERVICES: TypeaheadOption = { value: "", label: "All services" };
const WHOLE_ORGANISATION: TypeaheadOption = { value: ORG_SCOPE, label: "Whole organisation" };
const serviceOption = (s: DoraServiceSuggestion): TypeaheadOption => ({ value: s.name, label: s.name, detail: s.team ?? "unowned" });

const dateOf = (iso: string) => iso.slice(0, 10);
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** "Last N days" when the window is the N whole days up to today, else custom. */
function presetOf(window: { from: string; to: string }): string {
  const tomorrow = shift(new Date().toISOString().slice(0, 10), 1);
  const days = Math.round((Date.parse(window.to) - Date.parse(window.from)) / DAY);
  return dateOf(window.to) === tomorrow && window.to.endsWith("T00:00:00.000Z") && PRESETS.includes(days) ? String(days) : "custom";
}

type Props = { filters: DoraFilters; window: { from: string; to: string }; choices: DoraDashboard["choices"]; onChange: (next: DoraFilters) => void };

/** Team, service, environment and window; every change goes into the URL, so a view can be shared. */
export function DoraFiltersForm({ filters, window, choices, onChange }: Props) {
  const id = useId();
  const [customChosen, setCustomChosen] = useState(false);
  const preset = customChosen ? "custom" : presetOf(window);
  const set = (patch: DoraFilters) => onChange({ ...filters, ...patch });
  const team = filters.team ?? "";
  // Offered before typing: the default view, the organisation, one's own teams; with the organisation in reach every other team is searched.
  const teamChoices = [
    { value: "", label: choices.defaultScope },
    ...(choices.wholeOrganisation && choices.defaultScope !== WHOLE_ORGANISATION.label ? [WHOLE_ORGANISATION] : []),
    ...choices.myTeams.map((t) => ({ ...teamOption(t), detail: "your team" })),
  ];
  const teamValue = teamChoices.find((o) => o.value === team) ?? (team === ORG_SCOPE ? WHOLE_ORGANISATION : teamOption(team));
  const environments = filters.environment && !ENVIRONMENTS.includes(filters.environment) ? [...ENVIRONMENTS, filters.environment] : ENVIRONMENTS;
  const field = "flex min-w-0 flex-col gap-1 text-sm font-medium text-slate-800";
  return (
    <form role="search" aria-label="Filters" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" onSubmit={(e) => e.preventDefault()}>
      {choices.wholeOrganisation ? (
        <TeamPicker label="Team" fixed={teamChoices} value={teamValue} onSelect={(o) => set({ team: o.value || undefined, service: undefined })} />
      ) : (
        <label className={field} htmlFor={`${id}-team`}>
          Team
          <select id={`${id}-team`} className={inputClass} value={team} onChange={(e) => set({ team: e.target.value || undefined, service: undefined })}>
            {teamChoices.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <Typeahead
        label="Service"
        source={{ url: `/api/v1/metrics/dora/services${filters.team ? `?${new URLSearchParams({ team: filters.team })}` : ""}`, toOption: serviceOption }}
        fixed={[ALL_SERVICES]}
        value={filters.service ? { value: filters.service, label: filters.service } : ALL_SERVICES}
        onSelect={(o) => set({ service: o.value || undefined })}
      />
      <label className={field} htmlFor={`${id}-environment`}>
        Environment
        <select id={`${id}-environment`} className={inputClass} value={filters.environment ?? "production"} onChange={(e) => set({ environment: e.target.value === "production" ? undefined : e.target.value })}>
          {environments.map((env) => (
            <option key={env} value={env}>
              {env}
            </option>
          ))}
        </select>
      </label>
      <label className={field} htmlFor={`${id}-window`}>
        Window
        <select
          id={`${id}-window`}
          className={inputClass}
          value={preset}
          onChange={(e) => {
            const days = Number(e.target.value);
            setCustomChosen(!days);
            if (!days) return;
            const to = shift(new Date().toISOString().slice(0, 10), 1);
            set(days === DEFAULT_DAYS ? { from: undefined, to: undefined } : { from: shift(to, -days), to });
          }}
        >
          {PRESETS.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </select>
      </label>
      {preset === "custom" && (
        <>
          <label className={field} htmlFor={`${id}-from`}>
            From
            <input
              id={`${id}-from`}
              type="date"
              className={inputClass}
              value={dateOf(window.from)}
              max={shift(dateOf(window.to), -1)}
              onChange={(e) => e.target.value && set({ from: e.target.value, to: dateOf(window.to) })}
            />
          </label>
          <label className={field} htmlFor={`${id}-through`}>
            Through (included)
            <input
              id={`${id}-through`}
              type="date"
              className={inputClass}
              value={shift(dateOf(window.to), -1)}
              min={dateOf(window.from)}
              onChange={(e) => e.target.value && set({ from: dateOf(window.from), to: shift(e.target.value, 1) })}
            />
          </label>
        </>
      )}
    </form>
  );
}
