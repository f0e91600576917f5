/** Expected failures, as data. Routes turn them into an inline form error, a page or problem+json. */
export type ErrorCode =
  | "validation"
  | "not_found"
  | "unauthenticated"
  | "forbidden"
  | "csrf"
  | "conflict"
  | "rate_limited"
  | "payload_too_large";

const statuses: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429> = {
  validation: 422,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
};

export function statusOf(code: ErrorCode) {
  return statuses[code];
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };
export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
