/**
 * The contract between the job worker and a provisioning backend.
 *
 * Every step a backend takes must be an "ensure": it checks what exists and
 * creates or corrects only what is missing, so a retry after a crash at any
 * point (even SIGKILL between two statements) ends with exactly one resource.
 */

export type ProvisionedRequest = {
  id: string;
  kind: "database" | "namespace" | "environment";
  team: string;
  environment: "dev" | "staging" | "production";
  name: string;
  parameters: Record<string, unknown>;
  requestedBy: string;
  /** Email of the admin who approved, or null when policy auto-approved. */
  approvedBy: string | null;
};

export type BackendContext = {
  request: ProvisionedRequest;
  /** The job being run: an external automation calls back with it. */
  jobId: number;
  /** Set when the job applies a day-2 change: provision() then runs with the changed parameters. */
  changeId?: string;
  /** Records a visible step on the request's timeline ("Created role rw_payments_orders"). */
  step(message: string, details?: Record<string, unknown>): Promise<void>;
  /** What earlier attempts saved: outputs survive a crash and let a retry resume. */
  outputs: Record<string, unknown>;
  /** Merges non-secret outputs (host, port, database, user, manifest paths, commit) into the request. */
  saveOutputs(outputs: Record<string, unknown>): Promise<void>;
  /** Secrets are stored encrypted (AES-256-GCM) and shown only to the owning team. */
  loadSecret(key: string): Promise<string | null>;
  /**
   * Stores a secret unless one is already stored under that key, and returns
   * the stored one: if two runs of a job ever race, both use the same password.
   */
  saveSecret(key: string, value: string): Promise<string>;
  /**
   * The `backstage.io/source-location` annotation of each named catalog
   * Component that has one, read when the job runs: where Argo CD fetches a
   * service of an environment from.
   */
  sourceLocations(components: string[]): Promise<Map<string, string>>;
  /** Aborted when the worker shuts down; long steps should stop at the next safe point. */
  signal: AbortSignal;
};

export type BackendHealth = { ok: boolean; detail: string };

export type Backend = {
  id: "postgres" | "mysql" | "gitops" | "webhook" | "environment";
  title: string;
  /** False when its settings are missing; the Backends page says which. */
  configured(): boolean;
  /** Which setting(s) it reads, for the Backends page and error messages. */
  settings: string[];
  health(): Promise<BackendHealth>;
  provision(ctx: BackendContext): Promise<void>;
  decommission(ctx: BackendContext): Promise<void>;
};

/** A failure that retrying cannot fix (bad configuration, refused by the server's policy): fail at once. */
export class PermanentBackendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentBackendError";
  }
}

/** Thrown by a backend that handed the work to an external automation: the job waits for its signed callback. */
export class AwaitingCallback extends Error {
  constructor(readonly timeoutMs: number, message: string) {
    super(message);
    this.name = "AwaitingCallback";
  }
}
