import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { can, type Permission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { fieldErrors, formDataToObject } from "@/lib/validation";

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: string; code: string; fields?: Record<string, string>; values?: Record<string, string> };

function formValues(input: FormData | unknown): Record<string, string> | undefined {
  if (!(input instanceof FormData)) return undefined;
  const values: Record<string, string> = {};
  // Repeated names (checkbox groups) come back comma-joined, so the form can re-check them.
  for (const [k, v] of input.entries()) if (typeof v === "string" && !k.startsWith("$")) values[k] = k in values ? `${values[k]},${v}` : v;
  return values;
}

/**
 * The one wrapper for server actions: who is asking (from the session), may
 * they (the permission matrix), is the input valid (the form's own schema).
 * Returns a result that `useActionState` forms render; it never throws to the client.
 */
export function action<S extends z.ZodType, T>(
  name: string,
  schema: S,
  permission: Permission,
  fn: (actor: Actor, input: z.infer<S>) => Promise<T>,
  parse: (input: FormData | unknown) => unknown = (i) => (i instanceof FormData ? formDataToObject(i) : i),
) {
  return async (_prev: ActionResult<T> | null, input: FormData | unknown): Promise<ActionResult<T>> => {
    const started = performance.now();
    const actor = await currentActor();
    let result: ActionResult<T>;
    if (!actor) {
      result = { ok: false, code: "unauthorized", error: "Your session has ended. Sign in again." };
    } else if (!can(actor.role, permission)) {
      result = { ok: false, code: "forbidden", error: `Your role (${actor.role}) does not allow this.` };
    } else {
      const parsed = schema.safeParse(parse(input));
      if (!parsed.success) {
        result = { ok: false, code: "validation_failed", error: "Please fix the highlighted fields.", fields: fieldErrors(parsed.error), values: formValues(input) };
      } else {
        try {
          result = { ok: true, data: await fn(actor, parsed.data) };
        } catch (error) {
          // redirect() and notFound() inside an action are control flow, not failures.
          unstable_rethrow(error);
          if (error instanceof AppError) {
            result = { ok: false, code: error.code, error: error.message, fields: error.fields, values: formValues(input) };
          } else {
            log("error", "unhandled error in action", { action: name, error: error instanceof Error ? error.stack : String(error) });
            result = { ok: false, code: "internal", error: "Something went wrong on our side; it has been logged." };
          }
        }
      }
    }
    log("info", "action", { action: name, actor: actor?.email, ok: result.ok, code: result.ok ? undefined : result.code, ms: Math.round(performance.now() - started) });
    return result;
  };
}
