import type { BackendContext, ProvisionedRequest } from "../types";

/** A namespace request as the worker hands it over; tests override what they exercise. */
export function provisionedRequest(overrides: Partial<ProvisionedRequest> = {}): ProvisionedRequest {
  return {
    id: "0b7c2a9e-5f1d-4c3b-9a8e-2d6f4e1a7c90",
    kind: "namespace",
    team: "payments",
    environment: "dev",
    name: "orders",
    parameters: {},
    requestedBy: "developer@example.com",
    approvedBy: "admin@example.com",
    ...overrides,
  };
}

/**
 * A context that keeps outputs and steps in memory, shared across attempts
 * like the worker's; `catalog` holds the source-location annotations the
 * catalog would give, by component name.
 */
export function fakeContext(request: ProvisionedRequest, outputs: Record<string, unknown> = {}, catalog: Record<string, string> = {}) {
  const steps: string[] = [];
  const ctx: BackendContext = {
    request,
    jobId: 0,
    outputs,
    step: async (message) => {
      steps.push(message);
    },
    saveOutputs: async (more) => {
      Object.assign(outputs, more);
    },
    loadSecret: async () => null,
    saveSecret: async (_key, value) => value,
    sourceLocations: async (names) => new Map(names.filter((n) => n in catalog).map((n) => [n, catalog[n]])),
    signal: new AbortController().signal,
  };
  return { ctx, steps, outputs };
}
