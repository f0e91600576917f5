import { describe, expect, it } from "vitest";
import { appointmentStatusMap, mapAppointment, visitTypeOf } from "../../../../src/ehr/fhir/appointment";
import { mapEncounter } from "../../../../src/ehr/fhir/encounter";
import encounterLines from "../../../fixtures/synthea/Encounter.000.ndjson?raw";

const appointment = (over: Record<string, unknown> = {}) => ({
  resourceType: "Appointment",
  status: "booked",
  start: "2026-12-03T15:00:00Z",
  end: "2026-12-03T15:45:00Z",
  participant: [
    { actor: { reference: "Patient/p1" } },
    { actor: { reference: "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893" } },
  ],
  ...over,
});

describe("mapAppointment", () => {
  it("maps every FHIR status to ours", () => {
    expect(appointmentStatusMap).toEqual({
      proposed: "booked",
      pending: "booked",
      booked: "booked",
      arrived: "arrived",
      "checked-in": "arrived",
      fulfilled: "attended",
      cancelled: "cancelled",
      noshow: "no_show",
      "entered-in-error": "cancelled",
    });
    for (const [fhir, ours] of Object.entries(appointmentStatusMap)) {
      const m = mapAppointment(appointment({ status: fhir }));
      expect(m.kind === "mapped" && m.value.status).toBe(ours);
    }
  });

  it("keeps the participants' references, conditional ones included", () => {
    const m = mapAppointment(appointment());
    expect(m.kind === "mapped" && m.value.participants).toEqual([
      "Patient/p1",
      "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893",
    ]);
  });

  it.each([
    [{ status: "waitlist" }, { kind: "skipped", note: "waitlist entry, not a visit" }],
    [{ status: "maybe" }, { kind: "invalid", reason: 'status "maybe" is not an Appointment status' }],
    [{ start: undefined }, { kind: "invalid", reason: "start is required for a visit that is not cancelled" }],
    [{ start: "2026-12-03" }, { kind: "invalid", reason: "start must be a date and time" }],
  ])("%o -> %o", (over, expected) => {
    expect(mapAppointment(appointment(over))).toEqual(expected);
  });

  it("a cancellation may come without a time", () => {
    const m = mapAppointment(
      appointment({ status: "cancelled", start: undefined, end: undefined, cancelationReason: { text: "Weather" } }),
    );
    expect(m).toMatchObject({ kind: "mapped", value: { status: "cancelled", start: null, cancelReason: "Weather" } });
  });

  it.each([
    [[{ coding: [{ code: "evaluation" }] }], "evaluation"],
    [[{ text: "PT re-evaluation" }], "re_evaluation"],
    [[{ text: "Initial visit" }], "evaluation"],
    [[{ coding: [{ display: "Discharge visit" }] }], "discharge"],
    [[{ coding: [{ code: "FOLLOWUP" }] }], "follow_up"],
    [[], "follow_up"],
  ])("visit type of %o is %s", (concepts, type) => {
    expect(visitTypeOf(...concepts)).toBe(type);
  });
});

describe("mapEncounter", () => {
  it("maps every Synthea encounter to an attended visit with its patient and practitioner", () => {
    const all = encounterLines
      .trim()
      .split("\n")
      .map((l) => mapEncounter(JSON.parse(l)));
    expect(all).toHaveLength(1215);
    expect(all.every((m) => m.kind === "mapped" && m.value.status === "attended" && m.value.subject?.startsWith("Patient/"))).toBe(true);
    expect(all.every((m) => m.kind === "mapped" && m.value.practitioners[0]?.startsWith("Practitioner?identifier="))).toBe(true);
  });

  it.each([
    ["finished", { kind: "mapped" }],
    ["in-progress", { kind: "mapped", value: { status: "arrived" } }],
    ["planned", { kind: "mapped", value: { status: "booked" } }],
    ["cancelled", { kind: "skipped", note: "cancelled encounter: no visit to record" }],
    ["entered-in-error", { kind: "skipped", note: "entered-in-error encounter: no visit to record" }],
    ["nonsense", { kind: "invalid", reason: 'status "nonsense" is not an Encounter status' }],
  ])("status %s", (status, expected) => {
    expect(mapEncounter({ resourceType: "Encounter", status, period: { start: "2026-11-30T10:00:00Z" } })).toMatchObject(expected);
  });

  it("needs a start time", () => {
    expect(mapEncounter({ resourceType: "Encounter", status: "finished" })).toEqual({
      kind: "invalid",
      reason: "period.start (a date and time) is required",
    });
  });
});
