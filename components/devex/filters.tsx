"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { inputClass } from "@/components/ui/field";
import { TeamPicker, teamOption } from "@/components/ui/team-picker";
import type { TypeaheadOption } from "@/components/ui/typeahead";
import { devexHref } from "@/lib/metrics/devex/schemas";

const label = "text-sm font-medium text-slate-800";
const DAY = 86_400_000;
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

type Props = {
  /**
   * null: developers, who see the organisation only. `search`: admins, who may
   * choose any team, search them; the options are offered before typing.
   */
  teams: { options: TypeaheadOption[]; search: boolean } | null;
  team: string;
  rounds: { id: string; title: string }[];
  round: string;
  range: { from: string; to: string };
};

/**
 * Team, round and window. Applying puts them in the URL, so a view can be
 * shared; the window's end is shown as its last day, while the URL's `to` is
 * the first day after it, as in the API.
 */
export function DevexFilters({ teams, team, rounds, round, range }: Props) {
  const router = useRouter();
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = (key: string) => String(form.get(key) ?? "") || undefined;
    const until = value("until");
    // Another team's rounds differ: a new team starts from its latest round.
    const sameTeam = (value("team") ?? "") === team;
    router.push(devexHref({ team: value("team"), round: sameTeam ? value("round") : undefined, from: value("from"), to: until && shift(until, 1) }));
  };
  return (
    <form onSubmit={onSubmit} aria-label="Filters" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      {teams?.search && <TeamPicker label="Team" name="team" fixed={teams.options} value={teams.options.find((o) => o.value === team) ?? teamOption(team)} className="w-64" />}
      {teams && !teams.search && (
        <div className="flex flex-col gap-1">
          <label htmlFor="devex-team" className={label}>Team</label>
          <select id="devex-team" name="team" defaultValue={team} className={inputClass}>
            {teams.options.map((t) => (
              <option key={t.value} value={t.value}>{t.label}</option>
            ))}
          </select>
        </div>
      )}
      <div className="flex flex-col gap-1">
        <label htmlFor="devex-round" className={label}>Round</label>
        <select id="devex-round" name="round" defaultValue={round} className={inputClass}>
          {rounds.length === 0 && <option value="">No round in this window</option>}
          {rounds.map((r) => (
            <option key={r.id} value={r.id}>{r.title}</option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="devex-from" className={label}>From</label>
        <input id="devex-from" type="date" name="from" required defaultValue={range.from.slice(0, 10)} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="devex-until" className={label}>Until</label>
        <input id="devex-until" type="date" name="until" required defaultValue={shift(range.to.slice(0, 10), -1)} className={inputClass} />
      </div>
      <button type="submit" className="rounded-md bg-slate-800 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-900">
        Apply
      </button>
      <Link href="/metrics/devex" className="px-2 py-2 text-sm text-brand-700 underline">
        Reset
      </Link>
    </form>
  );
}
