import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordStageChangeWebhooks } from "../../../src/integrations/outbound/journey-stage";
import { writeProjection } from "../../../src/journey/effects";
import type { PatientJourney } from "../../../src/journey/journey-object";
import { journeyProjections } from "../../../src/platform/schema";
import { bookAppointment, changeStatus } from "../../../src/scheduling/service";
import { staffActorFor } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { env } from "../../helpers/http";
import { makeIntegration } from "../../helpers/integrations";
import { deliveriesOf, outboundDeps } from "./outbound-fakes";

const HOUR = 3_600_000;

/**
 * The PatientJourney builds its own deps, so its webhooks go on the real queue, whose consumer really
 * sends: to the discard port on this machine, where nothing listens. The assertions are on what was recorded.
 */
const NOWHERE = "http://127.0.0.1:9/rapport-test";

async function setup() {
  const t = outboundDeps(Date.parse("2026-11-30T15:00:00Z"));
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const crm = await makeIntegration(clinic.id, {
    kind: "crm",
    deliveryUrl: NOWHERE,
    subscribedEvents: '["patient.at_risk","patient.lapsed"]',
  });
  const lapsedOnly = await makeIntegration(clinic.id, { kind: "crm", deliveryUrl: NOWHERE, subscribedEvents: '["patient.lapsed"]' });
  const stub = env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName(patient.id));
  await runInDurableObject(stub, (instance: PatientJourney) => {
    instance.clockOverride = t.clock;
  });
  const actor = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const booked = await bookAppointment(t.deps, actor, "America/New_York", {
    patientId: patient.id,
    therapistId: clinic.staff.therapist.id,
    episodeId: null,
    date: "2026-12-01",
    time: "10:00",
    durationMinutes: 45,
    type: "follow_up",
    allowOutsideAvailability: true,
  });
  if (!booked.ok) throw new Error("booking failed");
  return { ...t, clinic, patient, crm, lapsedOnly, stub, actor, visit: booked.value };
}

describe("journey stage webhooks", () => {
  it("a no-show with no next visit puts the patient at risk: one patient.at_risk per subscribed integration, keyed by the transition", async () => {
    const t = await setup();
    t.clock.set(t.visit.startsAt + HOUR);
    expect((await changeStatus(t.deps, t.actor, t.visit.id, "no_show")).ok).toBe(true);
    const state = (await t.stub.snapshot()).state;
    expect(state?.stage).toBe("at_risk");

    const rows = await deliveriesOf(t.crm.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      eventType: "patient.at_risk",
      sourceEventId: `journey:${t.patient.id}:at_risk:${state?.since}`,
      clinicId: t.clinic.id,
      patientId: t.patient.id,
    });
    expect(JSON.parse(rows[0]?.payload ?? "{}")).toEqual({
      type: "patient.at_risk",
      timestamp: new Date(state?.since ?? 0).toISOString(),
      data: {
        clinic_id: t.clinic.id,
        patient_id: t.patient.id,
        stage: "at_risk",
        episode_id: null,
        reason: "missed_visit",
        risk_band: null,
        visits_attended: 0,
      },
    });
    expect(await deliveriesOf(t.lapsedOnly.id)).toEqual([]);
  });

  it("a replayed projection write, or a retry after a write that failed, sends nothing twice", async () => {
    const t = await setup();
    t.clock.set(t.visit.startsAt + HOUR);
    await changeStatus(t.deps, t.actor, t.visit.id, "no_show");
    const state = (await t.stub.snapshot()).state;
    if (!state) throw new Error("no journey state");
    const scope = { clinicId: t.clinic.id, patientId: t.patient.id, state, version: 1_000, nextTouchAt: null, lastContactAt: null };

    // The same effect again: the projection already shows this stay at risk.
    await writeProjection(t.deps, scope);
    expect(t.sent).toEqual([]);
    // Recorded, then the projection write failed: the retry finds the delivery and adds none.
    await db().update(journeyProjections).set({ stage: "scheduled" }).where(eq(journeyProjections.patientId, t.patient.id));
    await recordStageChangeWebhooks(t.deps, scope);

    const rows = await deliveriesOf(t.crm.id);
    expect(rows).toHaveLength(1);
    // The retry may enqueue the same delivery again if no consumer has
    // tried it yet (its first enqueue may be what failed); the consumer's claim sends it once either way.
    expect(t.sent.length).toBeLessThanOrEqual(1);
    for (const id of t.sent) expect(id).toBe(rows[0]?.id);
  });

  it("the lapse check with still no visit makes the patient lapsed: patient.lapsed to both integrations", async () => {
    const t = await setup();
    t.clock.set(t.visit.startsAt + HOUR);
    await changeStatus(t.deps, t.actor, t.visit.id, "no_show");
    const lapse = (await t.stub.snapshot()).timers.find((timer) => timer.key === "lapse");
    if (!lapse) throw new Error("no lapse timer");
    t.clock.set(lapse.at);
    await runDurableObjectAlarm(t.stub);
    const state = (await t.stub.snapshot()).state;
    expect(state?.stage).toBe("lapsed");

    expect((await deliveriesOf(t.crm.id)).map((d) => d.eventType).sort()).toEqual(["patient.at_risk", "patient.lapsed"]);
    const lapsed = await deliveriesOf(t.lapsedOnly.id);
    expect(lapsed).toMatchObject([{ eventType: "patient.lapsed", sourceEventId: `journey:${t.patient.id}:lapsed:${state?.since}` }]);
    expect(JSON.parse(lapsed[0]?.payload ?? "{}").data).toMatchObject({
      stage: "lapsed",
      reason: "no_visit_booked",
      patient_id: t.patient.id,
    });
  });
});
