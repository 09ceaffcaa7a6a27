"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { inputClass } from "@/components/ui/field";

export type TypeaheadOption = {
  /** What the field carries. */
  value: string;
  /** What the list, the input once chosen, and a chip show. */
  label: string;
  /** Said after the label in the list only: a reference, a display name. */
  detail?: string;
};

export type TypeaheadSource<T> = {
  /** Answers `{items}` to GET with `q` and `limit` added to its query string. */
  url: string;
  toOption: (item: T) => TypeaheadOption;
  limit?: number;
};

export type TypeaheadProps<T> = {
  label: string;
  source: TypeaheadSource<T>;
  /** Offered as soon as the field has focus, and above the server's matches while their label matches: "Whole organisation", one's own teams. */
  fixed?: TypeaheadOption[];
  /** In a form: the field that carries the choice (repeated when `multiple`). */
  name?: string;
  /** Several choices, shown as removable chips. */
  multiple?: boolean;
  /** One choice: the one in force. When it changes from outside (a filter in the URL), the field follows it. */
  value?: TypeaheadOption | null;
  defaultValues?: TypeaheadOption[];
  /** Called with each choice, e.g. to put it in the URL. */
  onSelect?: (option: TypeaheadOption) => void;
  hint?: string;
  /** The server's verdict on the field, tied to the input for screen readers. */
  error?: string;
  /** Called once the chosen options changed: hidden inputs raise no change event for the surrounding form. */
  onChange?: () => void;
  className?: string;
};

async function fetchOptions<T>(source: TypeaheadSource<T>, q: string, signal: AbortSignal): Promise<TypeaheadOption[]> {
  const params = new URLSearchParams({ q, limit: String(source.limit ?? 10) });
  const res = await fetch(`${source.url}${source.url.includes("?") ? "&" : "?"}${params}`, { signal });
  if (!res.ok) throw new Error(`suggestions answered ${res.status}`);
  return ((await res.json()) as { items: T[] }).items.map(source.toOption);
}

/**
 * A typeahead (ARIA combobox) over a server search: it asks for the best few
 * matches as the person types, so it works the same with fifty teams or fifty
 * thousand, and no list of everything reaches the browser.
 */
export function Typeahead<T>({ label, source, fixed = [], name, multiple = false, value = null, defaultValues = [], onSelect, hint, error, onChange, className }: TypeaheadProps<T>) {
  const id = useId();
  const [chosen, setChosen] = useState<TypeaheadOption | null>(value);
  const [chips, setChips] = useState<TypeaheadOption[]>(defaultValues);
  // What the person typed; until they type (and once they choose or leave), the field shows the choice and the list offers everything fixed.
  const [text, setText] = useState("");
  const [typed, setTyped] = useState(false);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  // A choice made elsewhere (a link, the back button) replaces the one shown.
  const [followed, setFollowed] = useState(value?.value);
  if (!multiple && value?.value !== followed) {
    setFollowed(value?.value);
    setChosen(value);
    setTyped(false);
  }
  const shown = typed ? text : multiple ? "" : (chosen?.label ?? "");

  useEffect(() => {
    const t = setTimeout(() => setQuery(typed ? text.trim() : ""), 150);
    return () => clearTimeout(t);
  }, [text, typed]);

  // Only a new choice is announced, not the first render nor a new callback.
  const announced = useRef(chips);
  useEffect(() => {
    if (announced.current === chips) return;
    announced.current = chips;
    onChange?.();
  }, [chips, onChange]);

  const { data = [], isFetching, isError } = useQuery({
    queryKey: ["typeahead", source.url, source.limit ?? 10, query],
    queryFn: ({ signal }) => fetchOptions(source, query, signal),
    enabled: open && query.length > 0,
    staleTime: 30_000,
  });
  const needle = query.toLowerCase();
  const offered = fixed.filter((o) => o.label.toLowerCase().includes(needle));
  const options = [...offered, ...(query ? data.filter((o) => !offered.some((f) => f.value === o.value)) : [])];
  const current = Math.min(active, options.length - 1);

  /** Back to what is in force: typing without choosing changes nothing. */
  const settle = () => {
    setOpen(false);
    setTyped(false);
  };

  const choose = (o: TypeaheadOption) => {
    settle();
    if (multiple) setChips((c) => (c.some((x) => x.value === o.value) ? c : [...c, o]));
    else setChosen(o);
    onSelect?.(o);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) setActive(0);
      else setActive(Math.min(current + 1, options.length - 1));
      setOpen(true);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (e.key === "Enter" && open && options[current]) {
      e.preventDefault();
      choose(options[current]);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      settle();
    }
  };

  const listId = `${id}-list`;
  const expanded = open && (options.length > 0 || query.length > 0);
  return (
    <div className={`relative flex min-w-0 flex-col gap-1 ${className ?? ""}`}>
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
        aria-activedescendant={expanded && options[current] ? `${id}-opt-${current}` : undefined}
        aria-invalid={Boolean(error)}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
        autoComplete="off"
        spellCheck={false}
        value={shown}
        onChange={(e) => {
          setText(e.target.value);
          setTyped(true);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(e) => {
          e.target.select();
          setOpen(true);
        }}
        onBlur={settle}
        onKeyDown={onKeyDown}
        className={inputClass}
      />
      {name && !multiple && <input type="hidden" name={name} value={chosen?.value ?? ""} />}
      {multiple && chips.length > 0 && (
        <ul aria-label={`Chosen: ${label}`} className="flex flex-wrap gap-1">
          {chips.map((c) => (
            <li key={c.value} className="flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-2.5 pr-1 text-sm text-brand-900">
              {c.label}
              {name && <input type="hidden" name={name} value={c.value} />}
              <button type="button" aria-label={`Remove ${c.label}`} onClick={() => setChips((all) => all.filter((x) => x.value !== c.value))} className="rounded-full px-1.5 hover:bg-brand-100">
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
        // Pressing in the list keeps the focus in the field: a choice is made on click, and the list stays open until then.
        <ul id={listId} role="listbox" aria-label={label} onMouseDown={(e) => e.preventDefault()} className="absolute top-full z-20 mt-1 max-h-72 w-full min-w-56 overflow-auto rounded-md border border-slate-200 bg-white py-1 shadow-lg">
          {options.map((o, i) => (
            <li
              key={o.value}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === current}
              onClick={() => choose(o)}
              className={`cursor-pointer px-3 py-1.5 text-sm ${i === current ? "bg-brand-50 text-brand-900" : ""}`}
            >
              <span className="font-medium">{o.label}</span>
              {o.detail && <span className="text-xs text-slate-500"> {o.detail}</span>}
            </li>
          ))}
          {query.length > 0 && !data.length && (isError || isFetching || !options.length) && (
            <li role="presentation" className="px-3 py-1.5 text-sm text-slate-500">
              {isError ? "Suggestions are unavailable right now." : isFetching ? "Searching…" : "No match."}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
