"use client";

import { databaseSizes, engineVersions, postgresExtensions } from "@/lib/requests/templates/database";
import { useRequestForm } from "./form-context";
import { NumberInput, SelectInput } from "./inputs";
import { ServiceField } from "./service-field";

/** The database golden path's fields, under `prefix` (e.g. "parameters" or "parameters.databases.0"). */
export function DatabaseFields({ prefix, showExtensions = true, showService = true }: { prefix: string; showExtensions?: boolean; showService?: boolean }) {
  const { valueOf, errorFor, live, environment } = useRequestForm();
  const engine = (live(`${prefix}.engine`) ?? valueOf(`${prefix}.engine`, "postgres")) as keyof typeof engineVersions;
  const versions: readonly string[] = engineVersions[engine] ?? engineVersions.postgres;
  const production = environment === "production";
  const checked = valueOf(`${prefix}.extensions`, "").split(",");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <SelectInput label="Engine" name={`${prefix}.engine`} fallback="postgres" options={[{ value: "postgres", label: "PostgreSQL" }, { value: "mysql", label: "MySQL (MariaDB)" }]} />
      <SelectInput
        label="Version"
        name={`${prefix}.version`}
        key={engine}
        fallback={versions.at(-1) ?? ""}
        options={versions.map((v) => ({ value: v, label: `${engine === "mysql" ? "MariaDB" : "PostgreSQL"} ${v}` }))}
      />
      <SelectInput
        label="Size"
        name={`${prefix}.size`}
        fallback="small"
        options={Object.entries(databaseSizes).map(([k, v]) => ({ value: k, label: `${k} — ${v.connections} connections, up to ${v.maxGb} GB` }))}
      />
      <NumberInput label="Storage (GB)" name={`${prefix}.sizeGb`} fallback="5" min={1} max={100} hint="1–100 GB, within the size's quota" />
      {showService && <ServiceField prefix={prefix} what="database" />}
      <div className="flex items-center gap-2 sm:col-span-2">
        {/* A disabled checkbox is not submitted; production is forced on by the server anyway. */}
        <input type="hidden" name={`${prefix}.backups`} value="false" />
        <input
          id={`${prefix}-backups`}
          type="checkbox"
          name={`${prefix}.backups`}
          defaultChecked={production || valueOf(`${prefix}.backups`, "false,on").split(",").includes("on")}
          disabled={production}
          aria-describedby={production ? `${prefix}-backups-hint` : undefined}
        />
        <label htmlFor={`${prefix}-backups`} className="text-sm font-medium">
          Daily backups
        </label>
        {production && (
          <span id={`${prefix}-backups-hint`} className="text-xs text-slate-500">
            Always on in production.
          </span>
        )}
      </div>
      {showExtensions && engine === "postgres" && (
        <fieldset className="sm:col-span-2" aria-describedby={errorFor(`${prefix}.extensions`) ? `${prefix}-ext-error` : undefined}>
          <legend className="text-sm font-medium">Extensions (PostgreSQL only)</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {postgresExtensions.map((ext) => (
              <label key={ext} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" name={`${prefix}.extensions`} value={ext} defaultChecked={checked.includes(ext)} /> {ext}
              </label>
            ))}
          </div>
          {errorFor(`${prefix}.extensions`) && (
            <p id={`${prefix}-ext-error`} className="mt-1 text-sm text-red-700">
              {errorFor(`${prefix}.extensions`)}
            </p>
          )}
        </fieldset>
      )}
    </div>
  );
}
