"use client";

/** A checkbox in a GET form that applies itself at once; without JavaScript the form's button does. */
export function AutoSubmitCheckbox({ name, label, defaultChecked }: { name: string; label: string; defaultChecked: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} value="1" defaultChecked={defaultChecked} onChange={(e) => e.currentTarget.form?.requestSubmit()} className="h-4 w-4" />
      {label}
    </label>
  );
}
