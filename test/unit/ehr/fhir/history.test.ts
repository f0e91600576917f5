// Why EHR history is stored without journey events: the journey reads every event as news, so a visit from
// years ago would start outreach today. These are the machine's own answers; the Synthea ingestion test
// (test/integration/ehr/processing-synthea.test.ts) shows the history rule keeps all of this from happening.
import { describe, expect, it } from "vitest";
import { defaultBusinessHours } from "../../../../src/clinics/model";
import { isHistory } from "../../../../src/ehr/fhir/common";
import { journeyEventSchema } from "../../../../src/journey/events";
import { initialState, type MachineContext, transition } from "../../../../src/journey/machine";
import { defaultCarePolicy, defaultJourneyPolicy } from "../../../../src/journey/policy";

const NOW = Date.parse("2026-11-30T15:00:00Z");
const YEARS_AGO = Date.parse("2019-06-29T10:00:00Z");
const ctx: MachineContext = {
  now: NOW,
  policy: defaultJourneyPolicy,
  care: defaultCarePolicy,
  timeZone: "America/New_York",
  businessHours: defaultBusinessHours,
};
const visit = (type: string, id: string) =>
  journeyEventSchema.parse({
    type,
    eventId: `${type}-${id}`,
    occurredAt: NOW,
    appointmentId: id,
    startsAt: YEARS_AGO,
    endsAt: YEARS_AGO + 45 * 60_000,
  });

describe("what the journey would do with past visits", () => {
  it("an attended visit from years ago makes the patient lapse at once, and lapsing sends a reactivation message", () => {
    const attended = transition(initialState(NOW), visit("appointment.attended", "a1"), ctx);
    if (attended.outcome !== "applied") throw new Error("not applied");
    expect(attended.state.stage).toBe("active");
    expect(attended.effects).toContainEqual({ kind: "set_timer", key: "lapse", at: NOW });
    const lapsed = transition(
      attended.state,
      journeyEventSchema.parse({ type: "timer.fired", eventId: "t1", occurredAt: NOW, key: "lapse" }),
      ctx,
    );
    if (lapsed.outcome !== "applied") throw new Error("not applied");
    expect(lapsed.state.stage).toBe("lapsed");
    expect(lapsed.effects).toContainEqual(expect.objectContaining({ kind: "create_task", type: "call_to_schedule" }));
    const reactivation = transition(
      lapsed.state,
      journeyEventSchema.parse({ type: "timer.fired", eventId: "t2", occurredAt: NOW, key: "reactivation:0" }),
      ctx,
    );
    expect(reactivation.outcome === "applied" && reactivation.effects).toContainEqual(
      expect.objectContaining({ kind: "send_message", purpose: "reactivation" }),
    );
  });

  it("a cancelled visit from years ago sends missed-visit outreach at once", () => {
    const booked = transition(initialState(NOW), visit("appointment.booked", "a2"), ctx);
    if (booked.outcome !== "applied") throw new Error("not applied");
    const cancelled = transition(booked.state, visit("appointment.cancelled", "a2"), ctx);
    expect(cancelled.outcome === "applied" && cancelled.effects).toContainEqual(
      expect.objectContaining({ kind: "send_message", purpose: "missed_visit_outreach" }),
    );
  });

  it("so those visits count as history, and history emits no events", () => {
    expect(isHistory(YEARS_AGO, NOW)).toBe(true);
  });
});
