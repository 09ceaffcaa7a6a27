import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { actorFromRequest } from "@/lib/auth/session";
import type { Actor } from "@/lib/auth/actor";
import { AppError, unauthorized, validationFailed } from "@/lib/errors";
import { log } from "@/lib/log";
import { observeHttpRequest } from "@/lib/observability/metrics";
import { requestIdOf } from "@/lib/observability/request-id";
import { routePattern } from "@/lib/observability/route-pattern";
import { fieldErrors } from "@/lib/validation";

type Ctx<P> = { params: Promise<P> };
type Handler<P> = (args: { request: Request; actor: Actor; params: P }) => Promise<Response | unknown>;

export function errorResponse(error: AppError): NextResponse {
  const body: { error: { code: string; message: string; fields?: Record<string, string> } } = {
    error: { code: error.code, message: error.message },
  };
  // API.md: `fields` belongs to validation errors only.
  if (error.fields && error.code === "validation_failed") body.error.fields = error.fields;
  return NextResponse.json(body, { status: error.status });
}

/**
 * Every /api/v1 handler goes through here: it resolves who is asking (bearer
 * token or session), turns domain errors into API.md's error shape, and logs
 * one line per call. A handler that returns a plain value answers 200 JSON.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (request: Request, ctx: Ctx<P>): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    let actor: Actor | null = null;
    let response: Response;
    try {
      actor = await actorFromRequest(request);
      if (!actor) throw unauthorized();
      const result = await handler({ request, actor, params: await ctx.params });
      response = result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      response = toErrorResponse(error, requestId);
    }
    // The id a user can quote from the response; it is on every log line of this call.
    response.headers.set("x-request-id", requestId);
    const path = new URL(request.url).pathname;
    const ms = performance.now() - started;
    observeHttpRequest(routePattern(path, await ctx.params), request.method, response.status, ms / 1000);
    log("info", "api", { requestId, method: request.method, path, status: response.status, actor: actor?.email, ms: Math.round(ms) });
    return response;
  };
}

export function toErrorResponse(error: unknown, requestId?: string): NextResponse {
  if (error instanceof AppError) return errorResponse(error);
  log("error", "unhandled error in API route", { requestId, error: error instanceof Error ? error.stack : String(error) });
  return errorResponse(new AppError("internal", "Something went wrong on our side; it has been logged."));
}

/** Reads and validates a JSON body with the same schema the form uses. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw validationFailed("The request body must be valid JSON.");
  }
  return validate(schema, body);
}

/** For actions whose body is optional (approve): an empty body is `{}`; path values win over the body's. */
export async function readJsonOrEmpty<S extends z.ZodType>(request: Request, schema: S, fromPath: Record<string, string>): Promise<z.infer<S>> {
  const text = await request.text();
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw validationFailed("The request body must be valid JSON.");
    }
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw validationFailed("The request body must be a JSON object.");
  return validate(schema, { ...body, ...fromPath });
}

function validate<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationFailed("Some fields are not valid.", fieldErrors(parsed.error));
  return parsed.data;
}
