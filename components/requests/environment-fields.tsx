"use client";

import { useState } from "react";
import { EntityPicker } from "@/components/catalog/entity-picker";
import { MAX_ENVIRONMENT_DATABASES } from "@/lib/requests/templates/environment";
import { DatabaseFields } from "./database-fields";
import { useRequestForm } from "./form-context";
import { NumberInput, TextInput } from "./inputs";
import { NamespaceFields } from "./namespace-fields";

export function EnvironmentFields({ initialDatabases }: { initialDatabases: number }) {
  const { environment, errorFor, valueOf, changed } = useRequestForm();
  // The services submitted last time (the form answers with them comma-joined); the schema numbers its errors by position.
  const services = valueOf("parameters.services", "").split(",").filter(Boolean);
  const servicesError =
    errorFor("parameters.services") ??
    services.flatMap((service, i) => {
      const error = errorFor(`parameters.services.${i}`);
      return error ? [`${service}: ${error}`] : [];
    })[0];
  // Keys stay with each database block (so typed values stay put); names follow its position, as the schema numbers them.
  const [slots, setSlots] = useState<number[]>(() => Array.from({ length: initialDatabases }, (_, i) => i));
  const nextSlot = () => (slots.length ? Math.max(...slots) + 1 : 0);
  return (
    <div className="flex flex-col gap-6">
      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Namespace</legend>
        <NamespaceFields prefix="parameters.namespace" showService={false} />
      </fieldset>
      <fieldset className="rounded-md border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold">Databases</legend>
        {slots.length === 0 && <p className="text-sm text-slate-600">No databases. Add one if the services need it.</p>}
        <ol className="flex flex-col gap-4">
          {slots.map((slot, i) => (
            <li key={slot} className="rounded-md bg-slate-50 p-3">
              <div className="mb-3 flex items-end gap-3">
                <div className="flex-1">
                  <TextInput label={`Database ${i + 1} name`} name={`parameters.databases.${i}.name`} fallback={i === 0 ? "main" : `db${i + 1}`} />
                </div>
                <button type="button" onClick={() => setSlots(slots.filter((s) => s !== slot))} className="rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-white">
                  Remove database {i + 1}
                </button>
              </div>
              <DatabaseFields prefix={`parameters.databases.${i}`} showExtensions={false} showService={false} />
            </li>
          ))}
        </ol>
        {slots.length < MAX_ENVIRONMENT_DATABASES && (
          <button type="button" onClick={() => setSlots([...slots, nextSlot()])} className="mt-3 rounded-md border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50">
            Add a database
          </button>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <EntityPicker
          label="Services to deploy"
          kinds="Component"
          name="parameters.services"
          submit="name"
          multiple
          defaultValues={services}
          hint="Type to search the catalog's components; choose each with Enter or a click."
          error={servicesError}
          onChange={changed}
        />
        {environment !== "production" ? (
          <NumberInput label="Time to live (hours)" name="parameters.ttlHours" fallback="24" min={1} max={168} hint="1–168 hours; torn down automatically afterwards" />
        ) : (
          <p className="self-end text-sm text-slate-600">Production environments do not expire.</p>
        )}
      </div>
    </div>
  );
}
