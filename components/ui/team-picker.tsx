"use client";

import type { TeamSuggestion } from "@/lib/auth/teams";
import { Typeahead, type TypeaheadOption, type TypeaheadProps, type TypeaheadSource } from "./typeahead";

const teams: TypeaheadSource<TeamSuggestion> = {
  url: "/api/v1/teams",
  toOption: (t) => ({ value: t.name, label: t.name, detail: `${t.displayName === t.name ? "" : `${t.displayName} · `}${t.members} ${t.members === 1 ? "member" : "members"}` }),
};

/** A typeahead over Runway's teams (GET /api/v1/teams), which the server limits to those the person may choose. */
export function TeamPicker(props: Omit<TypeaheadProps<TeamSuggestion>, "source">) {
  return <Typeahead source={teams} {...props} />;
}

/** A team named in the URL or a form, before any search. */
export const teamOption = (name: string): TypeaheadOption => ({ value: name, label: name });
