import { describe, expect, it } from "vitest";
import { canManageClinic, cookieIsSecure, normaliseEmail, type SessionTimes, sessionIsLive } from "../../../src/auth/model";
import { staffRoles } from "../../../src/clinics/tables";
import { HOUR, MINUTE } from "../../../src/platform/clock";

describe("sessionIsLive", () => {
  const created = Date.UTC(2026, 10, 27, 9, 0, 0);
  const session = (over: Partial<SessionTimes> = {}): SessionTimes => ({
    createdAt: created,
    lastSeenAt: created,
    expiresAt: created + 12 * HOUR,
    revokedAt: null,
    ...over,
  });
  const idle = 30;

  it.each([
    ["just created", session(), created, true],
    ["idle one millisecond short of the timeout", session(), created + idle * MINUTE - 1, true],
    ["idle exactly the timeout", session(), created + idle * MINUTE, false],
    ["idle past the timeout", session(), created + idle * MINUTE + 1, false],
    ["recently seen, long after creation", session({ lastSeenAt: created + 11 * HOUR }), created + 11 * HOUR + 29 * MINUTE, true],
    [
      "active but one millisecond before absolute expiry",
      session({ lastSeenAt: created + 12 * HOUR - MINUTE }),
      created + 12 * HOUR - 1,
      true,
    ],
    ["active but at absolute expiry", session({ lastSeenAt: created + 12 * HOUR - MINUTE }), created + 12 * HOUR, false],
    ["active but past absolute expiry", session({ lastSeenAt: created + 12 * HOUR }), created + 12 * HOUR + 1, false],
    ["revoked a moment ago", session({ revokedAt: created + 1 }), created + 2, false],
    ["revoked at time zero", session({ revokedAt: 0 }), created, false],
  ])("%s -> %s", (_label, s, now, live) => {
    expect(sessionIsLive(s, now, idle)).toBe(live);
  });

  it("uses the idle minutes it is given", () => {
    const s = session();
    expect(sessionIsLive(s, created + 10 * MINUTE, 5)).toBe(false);
    expect(sessionIsLive(s, created + 10 * MINUTE, 15)).toBe(true);
  });
});

describe("cookieIsSecure", () => {
  it.each([
    ["http://localhost:8787/login", false],
    ["http://localhost/", false],
    ["http://127.0.0.1:8787/", false],
    ["http://[::1]:8787/", false],
    ["https://localhost:8787/", true],
    ["https://127.0.0.1/", true],
    ["https://rapport.example.com/", true],
    ["https://anything.test/patients?q=x", true],
    ["http://example.com/", true],
    ["http://localhost.example.com/", true],
    ["http://127.0.0.2/", true],
    ["http://192.168.1.10:8787/", true],
  ])("%s -> %s", (url, secure) => {
    expect(cookieIsSecure(new URL(url))).toBe(secure);
  });
});

describe("canManageClinic", () => {
  const expected: Record<(typeof staffRoles)[number], boolean> = {
    owner: true,
    admin: true,
    therapist: false,
    front_desk: false,
    billing: false,
  };

  it.each(staffRoles.map((role) => [role, expected[role]] as const))("%s -> %s", (role, can) => {
    expect(canManageClinic(role)).toBe(can);
  });

  it("covers every role", () => {
    expect(Object.keys(expected).sort()).toEqual([...staffRoles].sort());
  });
});

describe("normaliseEmail", () => {
  it.each([
    ["owner@demo-clinic.test", "owner@demo-clinic.test"],
    ["Owner@Demo-Clinic.TEST", "owner@demo-clinic.test"],
    ["  frontdesk@demo-clinic.test\n", "frontdesk@demo-clinic.test"],
    ["\tTHERAPIST@DEMO-CLINIC.TEST ", "therapist@demo-clinic.test"],
  ])("%j -> %j", (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it("makes differently typed addresses of one person equal", () => {
    expect(normaliseEmail(" Owner@Second-Clinic.test")).toBe(normaliseEmail("owner@second-clinic.TEST "));
  });
});
