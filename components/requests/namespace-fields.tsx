"use client";

import { NumberInput, TextInput } from "./inputs";
import { ServiceField } from "./service-field";

/** The namespace golden path's fields, under `prefix` (e.g. "parameters" or "parameters.namespace"). */
export function NamespaceFields({ prefix, showService = true }: { prefix: string; showService?: boolean }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <NumberInput label="CPU request (cores)" name={`${prefix}.cpuRequest`} fallback="0.5" step="0.1" min={0.1} max={32} />
      <NumberInput label="CPU limit (cores)" name={`${prefix}.cpuLimit`} fallback="2" step="0.1" min={0.1} max={32} hint="Self-service up to 4 cores" />
      <NumberInput label="Memory request (GiB)" name={`${prefix}.memoryRequestGi`} fallback="1" step="0.25" min={0.25} max={128} />
      <NumberInput label="Memory limit (GiB)" name={`${prefix}.memoryLimitGi`} fallback="4" step="0.25" min={0.25} max={128} hint="Self-service up to 8 GiB" />
      <NumberInput label="Maximum pods" name={`${prefix}.maxPods`} fallback="20" min={1} max={200} hint="Self-service up to 50" />
      <TextInput
        label="Allow ingress from namespaces"
        name={`${prefix}.ingressFrom`}
        fallback=""
        hint="Comma-separated, e.g. ingress-nginx, payments-api. Everything else is denied by default."
      />
      {showService && <ServiceField prefix={prefix} what="namespace" />}
    </div>
  );
}
