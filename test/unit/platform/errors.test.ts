import { describe, expect, it } from "vitest";
import { AppError, type ErrorCode, err, ok, statusOf } from "../../../src/platform/errors";

describe("statusOf", () => {
  const expected: Record<ErrorCode, number> = {
    validation: 422,
    not_found: 404,
    unauthenticated: 401,
    forbidden: 403,
    csrf: 403,
    conflict: 409,
    rate_limited: 429,
    payload_too_large: 413,
  };

  it.each(Object.entries(expected) as [ErrorCode, number][])("%s -> %d", (code, status) => {
    expect(statusOf(code)).toBe(status);
  });

  it("gives every code a 4xx status", () => {
    for (const code of Object.keys(expected) as ErrorCode[]) {
      expect(statusOf(code)).toBeGreaterThanOrEqual(400);
      expect(statusOf(code)).toBeLessThan(500);
    }
  });
});

describe("AppError and Result", () => {
  it("carries code, message and details", () => {
    const e = new AppError("validation", "Check the form", { phone: "Enter a valid phone number" });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("AppError");
    expect(e.code).toBe("validation");
    expect(e.message).toBe("Check the form");
    expect(e.details).toEqual({ phone: "Enter a valid phone number" });
  });

  it("ok and err build the two result shapes", () => {
    expect(ok(5)).toEqual({ ok: true, value: 5 });
    const e = new AppError("not_found", "No such patient");
    expect(err(e)).toEqual({ ok: false, error: e });
  });
});
