export type ErrorCode =
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "internal";

export const statusFor: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

/**
 * An error whose message may be shown to the person who caused it. Anything
 * else thrown is an `internal` error and its message stays in the logs.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusFor[this.code];
  }
}

export const unauthorized = (message = "Sign in first, or send a valid API token as 'Authorization: Bearer <token>'.") =>
  new AppError("unauthorized", message);
export const forbidden = (message: string) => new AppError("forbidden", message);
export const notFound = (message: string) => new AppError("not_found", message);
export const conflict = (message: string, fields?: Record<string, string>) => new AppError("conflict", message, fields);
export const validationFailed = (message: string, fields?: Record<string, string>) =>
  new AppError("validation_failed", message, fields);
