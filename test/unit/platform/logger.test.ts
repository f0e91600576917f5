import { describe, expect, it } from "vitest";
import { createLogger, redact } from "../../../src/platform/logger";

const patientData = {
  name: "José Pérez",
  givenName: "José",
  familyName: "Pérez",
  email: "jose.perez@example.com",
  phone: "+16175550123",
  body: "Hi José, your appointment is tomorrow",
  dateOfBirth: "1980-03-07",
  url: "https://rapport.test/patients?q=Perez",
  query: "q=Perez",
  headers: { cookie: "rapport_session=secret" },
  message: "Jose Perez not found",
};

/** Any of these reaching a log line means patient data leaked. */
const secrets = ["José", "Pérez", "Perez", "jose", "example.com", "6175550123", "1980-03-07", "appointment", "secret"];

function capture() {
  const lines: string[] = [];
  const log = createLogger((line) => lines.push(line));
  return { lines, log };
}

describe("redact", () => {
  it("keeps allow-listed fields and drops patient fields", () => {
    const out = redact({ ...patientData, requestId: "01j0000000abcdefghjkmnpqrs", route: "/patients/:id", status: 200, method: "GET" });
    expect(out).toEqual({ requestId: "01j0000000abcdefghjkmnpqrs", route: "/patients/:id", status: 200, method: "GET" });
  });

  it.each([
    ["number", { durationMs: 12.5 }, { durationMs: 12.5 }],
    ["boolean", { count: true }, { count: true }],
    ["null", { clinicId: null }, { clinicId: null }],
    ["Error becomes its name", { error: new TypeError("patient José Pérez missing") }, { error: "TypeError" }],
    ["object is dropped", { reason: { name: "José" } }, {}],
    ["array is dropped", { reason: ["José"] }, {}],
    ["undefined is dropped", { code: undefined }, {}],
    ["function is dropped", { code: () => "x" }, {}],
    ["bigint is dropped", { count: 10n }, {}],
  ])("%s", (_label, input, expected) => {
    expect(redact(input as Record<string, unknown>)).toEqual(expected);
  });

  it("clips long strings to 120 characters", () => {
    const out = redact({ reason: "x".repeat(500), code: "short" });
    expect(out.reason).toBe("x".repeat(120));
    expect(out.code).toBe("short");
  });

  it("does not read inherited keys", () => {
    const fields = Object.create({ requestId: "inherited" }) as Record<string, unknown>;
    fields.status = 500;
    expect(redact(fields)).toEqual({ status: 500 });
  });
});

describe("createLogger", () => {
  it.each(["info", "warn", "error"] as const)("%s writes exactly one JSON line with level and event", (level) => {
    const { lines, log } = capture();
    log[level]("request.done", { requestId: "r1", route: "/patients", status: 200 });
    expect(lines).toHaveLength(1);
    const line = lines[0] as string;
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({ level, event: "request.done", requestId: "r1", route: "/patients", status: 200 });
  });

  it("never writes patient fields, whatever the caller passes", () => {
    const { lines, log } = capture();
    log.error("patient.update_failed", {
      ...patientData,
      requestId: "r2",
      route: "/patients/:id",
      status: 500,
      patientId: "clinic-demo-pt-p000001",
      error: new Error("could not update José Pérez <jose.perez@example.com>"),
    });
    expect(lines).toHaveLength(1);
    const line = lines[0] as string;
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(["error", "event", "level", "patientId", "requestId", "route", "status"]);
    expect(parsed.error).toBe("Error");
    for (const s of secrets) expect(line.toLowerCase()).not.toContain(s.toLowerCase());
  });

  it("cannot have level or event overwritten by fields", () => {
    const { lines, log } = capture();
    log.info("ok", { level: "error", event: "José Pérez" });
    expect(JSON.parse(lines[0] as string)).toEqual({ level: "info", event: "ok" });
  });

  it("writes a line with no fields", () => {
    const { lines, log } = capture();
    log.warn("cron.unknown");
    expect(lines).toEqual([JSON.stringify({ level: "warn", event: "cron.unknown" })]);
  });
});
