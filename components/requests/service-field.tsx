"use client";

import { EntityPicker } from "@/components/catalog/entity-picker";
import { useRequestForm } from "./form-context";

// The field is optional, and a single-choice typeahead keeps its choice until another is made: this one takes it back.
const NONE = [{ value: "", label: "No service" }];

/** The catalog Component a database or namespace is for: the component's catalog page then lists it. */
export function ServiceField({ prefix, what }: { prefix: string; what: string }) {
  const { valueOf, errorFor } = useRequestForm();
  const name = `${prefix}.service`;
  return (
    <EntityPicker
      label="Service (optional)"
      kinds="Component"
      name={name}
      submit="name"
      defaultValue={valueOf(name, "") || undefined}
      fixed={NONE}
      hint={`The catalog component this ${what} is for; its catalog page will list the ${what}. It cannot be changed once provisioned.`}
      error={errorFor(name)}
    />
  );
}
