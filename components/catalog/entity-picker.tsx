"use client";

import { useRouter } from "next/navigation";
import { Typeahead, type TypeaheadOption } from "@/components/ui/typeahead";
import { catalogHref, type FilterKey, type ViewState } from "@/lib/catalog/url-state";

type Suggestion = { ref: string; kind: string; namespace: string; name: string; title: string | null };

type Props = {
  label: string;
  /** Comma-separated kinds to offer, e.g. "Group,User". */
  kinds: string;
  /** In a form: the field that carries the choice (repeated when `multiple`). */
  name?: string;
  /** What the field carries: the entity reference (default), or the bare name (a service of an environment request). */
  submit?: "ref" | "name";
  /** Several entities, shown as removable chips. */
  multiple?: boolean;
  defaultValue?: string;
  defaultValues?: string[];
  /** Offered above the catalog's matches, e.g. a choice of none for an optional field. */
  fixed?: TypeaheadOption[];
  /** On the catalog page: choosing an entity opens the view filtered by it. */
  navigate?: { param: FilterKey; state: ViewState };
  hint?: string;
  /** The server's verdict on the field, tied to the input for screen readers. */
  error?: string;
  /** Called once the chosen entities changed: hidden inputs raise no change event for the surrounding form. */
  onChange?: () => void;
};

const given = (v: string): TypeaheadOption => ({ value: v, label: v });

/** A typeahead over the catalog (GET /api/v1/catalog/suggest). */
export function EntityPicker({ label, kinds, name, submit = "ref", multiple = false, defaultValue, defaultValues = [], fixed, navigate, hint, error, onChange }: Props) {
  const router = useRouter();
  const toOption = (s: Suggestion): TypeaheadOption => ({
    value: submit === "name" ? s.name : s.ref,
    label: submit === "name" ? s.name : (s.title ?? s.name),
    detail: s.ref,
  });
  return (
    <Typeahead
      label={label}
      source={{ url: `/api/v1/catalog/suggest?${new URLSearchParams({ kind: kinds })}`, toOption, limit: 8 }}
      fixed={fixed}
      name={name}
      multiple={multiple}
      value={defaultValue ? given(defaultValue) : null}
      defaultValues={defaultValues.map(given)}
      onSelect={navigate ? (o) => router.push(catalogHref(navigate.state, { [navigate.param]: o.value })) : undefined}
      hint={hint}
      error={error}
      onChange={onChange}
    />
  );
}
