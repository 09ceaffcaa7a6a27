"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";
import { catalogKeys } from "@/lib/catalog/query-keys";
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
  /** On the catalog page: choosing an entity opens the view filtered by it. */
  navigate?: { param: FilterKey; state: ViewState };
  hint?: string;
  /** The server's verdict on the field, tied to the input for screen readers. */
  error?: string;
  /** Called once the chosen entities changed: hidden inputs raise no change event for the surrounding form. */
  onChange?: () => void;
};

async function fetchSuggestions(q: string, kinds: string, signal: AbortSignal): Promise<Suggestion[]> {
  const res = await fetch(`/api/v1/catalog/suggest?${new URLSearchParams({ q, kind: kinds, limit: "8" })}`, { signal });
  if (!res.ok) throw new Error(`suggestions answered ${res.status}`);
  return ((await res.json()) as { items: Suggestion[] }).items;
}

/**
 * A typeahead over the catalog (ARIA combobox). It asks the server for the
 * best few matches as the person types, so it works the same with fifty
 * groups or fifty thousand: no list of everything reaches the browser.
 */
export function EntityPicker({ label, kinds, name, submit = "ref", multiple = false, defaultValue = "", defaultValues = [], navigate, hint, error, onChange }: Props) {
  const id = useId();
  const router = useRouter();
  const [text, setText] = useState(defaultValue);
  const [query, setQuery] = useState("");
  const [value, setValue] = useState(defaultValue);
  const [chosen, setChosen] = useState<string[]>(defaultValues);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const t = setTimeout(() => setQuery(text.trim()), 150);
    return () => clearTimeout(t);
  }, [text]);

  // Only a new choice is announced, not the first render nor a new callback.
  const announced = useRef(chosen);
  useEffect(() => {
    if (announced.current === chosen) return;
    announced.current = chosen;
    onChange?.();
  }, [chosen, onChange]);

  const { data = [], isFetching, isError } = useQuery({
    queryKey: catalogKeys.suggest(kinds, query),
    queryFn: ({ signal }) => fetchSuggestions(query, kinds, signal),
    enabled: open && query.length > 0,
    staleTime: 30_000,
  });

  const choose = (s: Suggestion) => {
    const v = submit === "name" ? s.name : s.ref;
    setOpen(false);
    if (multiple) {
      setChosen((c) => (c.includes(v) ? c : [...c, v]));
      setText("");
      return;
    }
    setText(s.name);
    setValue(v);
    if (navigate) router.push(catalogHref(navigate.state, { [navigate.param]: s.ref }));
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, data.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter" && open && data[active]) {
      e.preventDefault();
      choose(data[active]);
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  const expanded = open && query.length > 0;
  return (
    <div className="relative flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && data[active] ? `${id}-opt-${active}` : undefined}
        aria-invalid={Boolean(error)}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!multiple) setValue("");
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className={inputClass}
      />
      {name && !multiple && <input type="hidden" name={name} value={value} />}
      {multiple && chosen.length > 0 && (
        <ul aria-label={`Chosen: ${label}`} className="flex flex-wrap gap-1">
          {chosen.map((c) => (
            <li key={c} className="flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-2.5 pr-1 text-sm text-brand-900">
              {c}
              {name && <input type="hidden" name={name} value={c} />}
              <button type="button" aria-label={`Remove ${c}`} onClick={() => setChosen((all) => all.filter((x) => x !== c))} className="rounded-full px-1.5 hover:bg-brand-100">
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
      {expanded && (
        <ul id={listId} role="listbox" aria-label={label} className="absolute top-full z-20 mt-1 max-h-72 w-full min-w-56 overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {data.map((s, i) => (
            <li
              key={s.ref}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(s)}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === active ? "bg-brand-50 text-brand-900" : ""}`}
            >
              <span className="font-medium">{s.title ?? s.name}</span> <span className="text-xs text-slate-500">{s.ref}</span>
            </li>
          ))}
          {!data.length && (
            <li role="presentation" className="px-3 py-1.5 text-sm text-slate-500">
              {isError ? "Suggestions are unavailable right now." : isFetching ? "Searching…" : "No match."}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
