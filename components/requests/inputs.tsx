"use client";

import { Field, inputClass } from "@/components/ui/field";
import { useRequestForm } from "./form-context";

type NumberInputProps = { label: string; name: string; fallback: string; hint?: string; step?: string; min?: number; max?: number };

export function NumberInput({ label, name, fallback, hint, step = "1", min, max }: NumberInputProps) {
  const { errorFor, valueOf } = useRequestForm();
  return (
    <Field label={label} name={name} error={errorFor(name)} hint={hint}>
      {(p) => <input {...p} type="number" inputMode="decimal" step={step} min={min} max={max} defaultValue={valueOf(name, fallback)} className={inputClass} />}
    </Field>
  );
}

type SelectInputProps = { label: string; name: string; fallback: string; options: { value: string; label: string }[]; hint?: string };

export function SelectInput({ label, name, fallback, options, hint }: SelectInputProps) {
  const { errorFor, valueOf } = useRequestForm();
  return (
    <Field label={label} name={name} error={errorFor(name)} hint={hint}>
      {(p) => (
        <select {...p} defaultValue={valueOf(name, fallback)} className={inputClass}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function TextInput({ label, name, fallback, hint }: { label: string; name: string; fallback: string; hint?: string }) {
  const { errorFor, valueOf } = useRequestForm();
  return (
    <Field label={label} name={name} error={errorFor(name)} hint={hint}>
      {(p) => <input {...p} type="text" autoComplete="off" spellCheck={false} defaultValue={valueOf(name, fallback)} className={inputClass} />}
    </Field>
  );
}
