import { describe, expect, it } from "vitest";
import type { StoredEvent } from "../../../src/events/publish";
import { fromDomainEvent, fromStageChange, payloadOf, type StageFacts, stageSourceId } from "../../../src/integrations/outbound/events";

const AT = Date.parse("2026-12-01T15:30:00Z");

function stored(type: StoredEvent["type"], payload: StoredEvent["payload"], over: Partial<StoredEvent> = {}): StoredEvent {
  return { id: "evt1", clinicId: "clinic1", patientId: "pat1", type, payload, occurredAt: AT, actorType: "staff", actorId: "u1", ...over };
}

const visit = {
  appointmentId: "appt1",
  therapistId: "ther1",
  episodeId: "ep1",
  startsAt: Date.parse("2026-12-03T15:00:00Z"),
  endsAt: Date.parse("2026-12-03T15:45:00Z"),
  appointmentType: "follow_up",
};

describe("domain event -> outbound webhook", () => {
  it.each([
    [
      "appointment.confirmed",
      visit,
      "appointment.confirmed",
      {
        appointment_id: "appt1",
        episode_id: "ep1",
        therapist_id: "ther1",
        appointment_type: "follow_up",
        starts_at: "2026-12-03T15:00:00.000Z",
        ends_at: "2026-12-03T15:45:00.000Z",
      },
    ],
    [
      "appointment.cancelled",
      { ...visit, from: "confirmed" },
      "appointment.cancelled",
      {
        appointment_id: "appt1",
        episode_id: "ep1",
        therapist_id: "ther1",
        appointment_type: "follow_up",
        starts_at: "2026-12-03T15:00:00.000Z",
        ends_at: "2026-12-03T15:45:00.000Z",
        previous_status: "confirmed",
      },
    ],
    [
      "episode.discharged",
      { episodeId: "ep1", reason: "goals_met", visitsAttended: 10, visitsPrescribed: 12 },
      "episode.discharged",
      { episode_id: "ep1", reason: "goals_met", visits_attended: 10, visits_prescribed: 12 },
    ],
    [
      "survey.answered",
      { answerId: "ans1", episodeId: "ep1", score: 9, category: "promoter", channel: "sms", changed: false },
      "survey.answered",
      { episode_id: "ep1", score: 9, category: "promoter" },
    ],
  ] as const)("%s becomes %s with ids and facts", (type, payload, outType, data) => {
    const out = fromDomainEvent(stored(type, payload));
    expect(out).toEqual({
      type: outType,
      sourceEventId: "evt1",
      clinicId: "clinic1",
      patientId: "pat1",
      occurredAt: AT,
      data,
      originIntegrationId: null,
    });
  });

  it.each(["appointment.booked", "appointment.no_show", "patient.updated", "message.received", "checkin.recorded"] as const)(
    "%s is not sent",
    (type) => {
      expect(fromDomainEvent(stored(type, { appointmentId: "appt1" }))).toBeNull();
    },
  );

  it("an event without a patient or without its id sends nothing", () => {
    expect(fromDomainEvent(stored("appointment.confirmed", visit, { patientId: null }))).toBeNull();
    expect(fromDomainEvent(stored("appointment.confirmed", { ...visit, appointmentId: 7 }))).toBeNull();
    expect(fromDomainEvent(stored("episode.discharged", { reason: "goals_met" }))).toBeNull();
    expect(fromDomainEvent(stored("survey.answered", { score: 9, category: "promoter" }))).toBeNull();
    // An outcome questionnaire is clinical follow-up, not the satisfaction survey: integrations are not told.
    expect(fromDomainEvent(stored("questionnaire.completed", { instrumentId: "odi", score: 20, responseId: "qr1" }))).toBeNull();
  });

  it("free text in a payload never reaches the webhook, and a wrongly typed fact reads as null", () => {
    const out = fromDomainEvent(
      stored("appointment.cancelled", { ...visit, startsAt: "soon", cancelReason: "Ana Example feels unwell", note: "call 617-555-0111" }),
    );
    const body = payloadOf(out ?? (null as never));
    expect(body).not.toContain("Ana");
    expect(body).not.toContain("617");
    expect(JSON.parse(body).data.starts_at).toBeNull();
  });

  it("a change an integration made names it as the origin, so it is not echoed back to it", () => {
    expect(
      fromDomainEvent(stored("appointment.cancelled", visit, { actorType: "integration", actorId: "int1" }))?.originIntegrationId,
    ).toBe("int1");
    expect(
      fromDomainEvent(stored("appointment.cancelled", visit, { actorType: "patient", actorId: "pat1" }))?.originIntegrationId,
    ).toBeNull();
  });
});

describe("journey stage -> outbound webhook", () => {
  const facts = (over: Partial<StageFacts>): StageFacts => ({
    stage: "active",
    since: AT,
    episodeId: "ep1",
    atRiskCause: null,
    riskBand: null,
    visitsAttended: 3,
    visitsPrescribed: 12,
    ...over,
  });

  it("entering at_risk is patient.at_risk, keyed by the transition", () => {
    expect(fromStageChange("clinic1", "pat1", facts({ stage: "at_risk", atRiskCause: "missed_visit" }))).toEqual({
      type: "patient.at_risk",
      sourceEventId: `journey:pat1:at_risk:${AT}`,
      clinicId: "clinic1",
      patientId: "pat1",
      occurredAt: AT,
      data: { stage: "at_risk", episode_id: "ep1", reason: "missed_visit", risk_band: null, visits_attended: 3 },
      originIntegrationId: null,
    });
  });

  it("entering lapsed is patient.lapsed", () => {
    const out = fromStageChange("clinic1", "pat1", facts({ stage: "lapsed" }));
    expect(out?.type).toBe("patient.lapsed");
    expect(out?.data).toEqual({ stage: "lapsed", episode_id: "ep1", reason: "no_visit_booked", visits_attended: 3, visits_prescribed: 12 });
  });

  it.each(["new", "referred", "scheduled", "active", "discharged", "alumni", "lost"])("%s sends nothing", (stage) => {
    expect(fromStageChange("clinic1", "pat1", facts({ stage }))).toBeNull();
  });

  it("the same stay in a stage has one key; entering it again later has another", () => {
    expect(stageSourceId("pat1", "at_risk", AT)).toBe(stageSourceId("pat1", "at_risk", AT));
    expect(stageSourceId("pat1", "at_risk", AT)).not.toBe(stageSourceId("pat1", "at_risk", AT + 1));
  });
});

describe("payload", () => {
  it("is type, the time it happened and the data, led by the clinic and patient ids", () => {
    const out = fromDomainEvent(
      stored("episode.discharged", { episodeId: "ep1", reason: "moved", visitsAttended: 2, visitsPrescribed: 8 }),
    );
    expect(payloadOf(out ?? (null as never))).toBe(
      '{"type":"episode.discharged","timestamp":"2026-12-01T15:30:00.000Z","data":{"clinic_id":"clinic1","patient_id":"pat1",' +
        '"episode_id":"ep1","reason":"moved","visits_attended":2,"visits_prescribed":8}}',
    );
  });
});
