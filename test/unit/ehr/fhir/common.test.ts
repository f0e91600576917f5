import { describe, expect, it } from "vitest";
import { isHistory, referencedType, referenceOf, toInstant } from "../../../../src/ehr/fhir/common";
import { summarise } from "../../../../src/ehr/tally";

describe("dates and references", () => {
  it.each([
    ["2026-11-30T10:00:00Z", Date.parse("2026-11-30T10:00:00Z")],
    ["2026-11-30T10:00:00.123+02:00", Date.parse("2026-11-30T08:00:00.123Z")],
    // No zone: read in the clinic's (New York, EST in November).
    ["2026-11-30T10:00", Date.parse("2026-11-30T15:00:00Z")],
    // A date alone: noon in the clinic's zone, so it stays that day.
    ["2026-11-30", Date.parse("2026-11-30T17:00:00Z")],
    ["2026-02-30", null],
    ["soon", null],
  ])("%s -> %s", (value, expected) => {
    expect(toInstant(value, "America/New_York")).toBe(expected);
  });

  it("history is anything more than 30 days old", () => {
    const now = Date.parse("2026-11-30T00:00:00Z");
    expect(isHistory(now - 31 * 86_400_000, now)).toBe(true);
    expect(isHistory(now - 29 * 86_400_000, now)).toBe(false);
  });

  it("reads references, logical ones included, and the type they name", () => {
    expect(referenceOf({ reference: "#contained" })).toBeNull();
    expect(referenceOf({ identifier: { system: "urn:mrn", value: "7" } })).toBe("?identifier=urn:mrn|7");
    expect(referencedType("https://ehr.example/fhir/Patient/1/_history/2")).toBe("Patient");
    expect(referencedType("Practitioner?identifier=x|1")).toBe("Practitioner");
    expect(referencedType("urn:uuid:1")).toBeNull();
  });
});

describe("summarise", () => {
  const r = (resourceType: string, outcome: Parameters<typeof summarise>[0][number]["outcome"]) => ({
    resourceType,
    label: `${resourceType}/x`,
    outcome,
  });
  const local = { localType: "patients", localId: "1" };
  it("failed when anything failed, with the reasons", () => {
    expect(summarise([r("Patient", { result: "applied", local }), r("Appointment", { result: "failed", reason: "no time" })])).toEqual({
      status: "failed",
      reason: "1 of 2 failed: Appointment/x: no time",
      counts: {
        Patient: { applied: 1, unchanged: 0, skipped: 0, failed: 0 },
        Appointment: { applied: 0, unchanged: 0, skipped: 0, failed: 1 },
      },
    });
  });
  it("processed when something was applied or unchanged; skipped (with why) when everything was skipped", () => {
    expect(summarise([r("Patient", { result: "unchanged", local }), r("Claim", { result: "skipped", note: "n" })]).status).toBe(
      "processed",
    );
    expect(
      summarise([r("Claim", { result: "skipped", note: "not used" }), r("Goal", { result: "skipped", note: "not used" })]),
    ).toMatchObject({
      status: "skipped",
      reason: "Claim, Goal: not used",
    });
    expect(summarise([]).reason).toBe("nothing to take in (no entries)");
  });
  it("keeps a long list of failures short", () => {
    const many = Array.from({ length: 200 }, () => r("Patient", { result: "failed", reason: "birthDate is required" }));
    const { reason } = summarise(many);
    expect(reason?.length).toBeLessThanOrEqual(1000);
    expect(reason).toMatch(/; and \d+ more$/);
  });
});
