import { createExecutionContext, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { dischargeEpisode, startEpisode } from "../../../src/episodes/service";
import type { StoredEvent } from "../../../src/events/publish";
import { handleWebhookBatch } from "../../../src/integrations/outbound/consumer";
import { sendOutboundWebhooks } from "../../../src/integrations/outbound/subscriber";
import type { OutboundEventType } from "../../../src/integrations/tables";
import { recordQuestionnaire } from "../../../src/outcomes/service";
import { newId } from "../../../src/platform/ids";
import { bookAppointment, changeStatus } from "../../../src/scheduling/service";
import { recordAnswer } from "../../../src/surveys/service";
import { staffActorFor } from "../../helpers/deps";
import { makeClinic, makePatient } from "../../helpers/factories";
import { makeIntegration } from "../../helpers/integrations";
import { batchOf, CRM_URL, deliveriesOf, fakeReceiver, outboundDeps } from "./outbound-fakes";

const TZ = "America/New_York";
const CLINIC_EVENTS: OutboundEventType[] = ["appointment.confirmed", "appointment.cancelled", "episode.discharged", "survey.answered"];
const subscribed = (types: OutboundEventType[]) => JSON.stringify(types);

async function patientCare(
  deps: ReturnType<typeof outboundDeps>["deps"],
  clinic: Awaited<ReturnType<typeof makeClinic>>,
  patientId: string,
) {
  const desk = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const episode = await startEpisode(deps, desk, patientId, {
    bodyRegion: "knee",
    diagnosis: "Patellofemoral pain",
    icd10Code: null,
    referralSourceId: null,
    referringPhysician: null,
    startDate: new Date(deps.clock.now()).toISOString().slice(0, 10),
    visitsPrescribed: 8,
    frequencyPerWeek: 2,
    durationWeeks: 4,
    goals: "Run again",
  });
  if (!episode.ok) throw new Error(episode.error);
  const booked = await bookAppointment(deps, desk, TZ, {
    patientId,
    therapistId: clinic.staff.therapist.id,
    episodeId: episode.value,
    date: new Date(deps.clock.now() + 5 * 86_400_000).toISOString().slice(0, 10),
    time: "10:00",
    durationMinutes: 45,
    type: "follow_up",
    allowOutsideAvailability: true,
  });
  if (!booked.ok) throw new Error("booking failed");
  return { desk, episodeId: episode.value, appointmentId: booked.value.id };
}

describe("outbound webhook deliveries", () => {
  it("each clinic event makes one delivery per subscribed, receiving integration of the patient's clinic, with ids only", async () => {
    const { deps, sent } = outboundDeps();
    const clinic = await makeClinic();
    const elsewhere = await makeClinic();
    const crm = await makeIntegration(clinic.id, { kind: "crm", deliveryUrl: CRM_URL, subscribedEvents: subscribed(CLINIC_EVENTS) });
    const confirmations = await makeIntegration(clinic.id, {
      deliveryUrl: CRM_URL,
      subscribedEvents: subscribed(["appointment.confirmed"]),
    });
    const disabled = await makeIntegration(clinic.id, {
      deliveryUrl: CRM_URL,
      subscribedEvents: subscribed(CLINIC_EVENTS),
      disabledAt: Date.now(),
    });
    const noUrl = await makeIntegration(clinic.id, { subscribedEvents: subscribed(CLINIC_EVENTS) });
    const otherClinic = await makeIntegration(elsewhere.id, { deliveryUrl: CRM_URL, subscribedEvents: subscribed(CLINIC_EVENTS) });
    const patient = await makePatient(clinic.id, { givenName: "Zelda", familyName: "Quixote", phone: "+16175550199" });

    const care = await patientCare(deps, clinic, patient.id);
    expect((await changeStatus(deps, care.desk, care.appointmentId, "confirmed")).ok).toBe(true);
    expect((await changeStatus(deps, care.desk, care.appointmentId, "cancelled", "Zelda has the flu")).ok).toBe(true);
    expect((await recordQuestionnaire(deps, care.desk, patient.id, "nprs", { "nprs-pain": 3 }, "staff")).ok).toBe(true);
    expect((await dischargeEpisode(deps, care.desk, care.episodeId, "goals_met")).ok).toBe(true);
    const survey = {
      patientId: patient.id,
      episodeId: care.episodeId,
      score: 4,
      comment: "Zelda waited an hour",
      channel: "staff" as const,
    };
    expect((await recordAnswer(deps, care.desk, survey)).ok).toBe(true);

    const toCrm = await deliveriesOf(crm.id);
    expect(toCrm.map((d) => d.eventType).sort()).toEqual([...CLINIC_EVENTS].sort());
    expect((await deliveriesOf(confirmations.id)).map((d) => d.eventType)).toEqual(["appointment.confirmed"]);
    for (const none of [disabled, noUrl, otherClinic]) expect(await deliveriesOf(none.id)).toEqual([]);
    expect(sent.sort()).toEqual([...toCrm, ...(await deliveriesOf(confirmations.id))].map((d) => d.id).sort());

    for (const d of toCrm) {
      expect(d).toMatchObject({ clinicId: clinic.id, patientId: patient.id, status: "pending", attempts: 0 });
      const body = JSON.parse(d.payload);
      expect(body).toMatchObject({ type: d.eventType, data: { clinic_id: clinic.id, patient_id: patient.id } });
      expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
      for (const secret of ["Zelda", "Quixote", "flu", "5550199", "hour"]) expect(d.payload).not.toContain(secret);
    }
    const byType = Object.fromEntries(toCrm.map((d) => [d.eventType, JSON.parse(d.payload).data]));
    expect(byType["appointment.confirmed"]).toMatchObject({ appointment_id: care.appointmentId, episode_id: care.episodeId });
    expect(byType["appointment.cancelled"]).toMatchObject({ appointment_id: care.appointmentId, previous_status: "confirmed" });
    expect(byType["episode.discharged"]).toMatchObject({ episode_id: care.episodeId, reason: "goals_met", visits_prescribed: 8 });
    expect(byType["survey.answered"]).toEqual({
      clinic_id: clinic.id,
      patient_id: patient.id,
      episode_id: care.episodeId,
      score: 4,
      category: "detractor",
    });
  });

  it("the same source event twice makes one delivery and one send", async () => {
    const { deps, sent, clock } = outboundDeps();
    const clinic = await makeClinic();
    const crm = await makeIntegration(clinic.id, { kind: "crm", deliveryUrl: CRM_URL, subscribedEvents: subscribed(CLINIC_EVENTS) });
    const patient = await makePatient(clinic.id);
    const event: StoredEvent = {
      id: newId(),
      clinicId: clinic.id,
      patientId: patient.id,
      type: "episode.discharged",
      payload: { episodeId: "ep-1", reason: "plan_completed", visitsAttended: 8, visitsPrescribed: 8 },
      occurredAt: clock.now(),
      actorType: "staff",
      actorId: clinic.staff.therapist.id,
    };
    await sendOutboundWebhooks(deps, [event]);
    await sendOutboundWebhooks(deps, [event]); // the cron's redelivery after a later subscriber failed
    const rows = await deliveriesOf(crm.id);
    expect(rows).toHaveLength(1);
    // Untried, it is enqueued again (an enqueue may have been lost); the consumer sends it once.
    expect(sent).toEqual([rows[0]?.id, rows[0]?.id]);
    const receiver = fakeReceiver();
    for (const id of sent) {
      const batch = batchOf(id);
      await handleWebhookBatch(batch, deps, receiver.send);
      expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(1);
    }
    expect(receiver.calls).toHaveLength(1);
    // Once tried, the same event again enqueues nothing more.
    await sendOutboundWebhooks(deps, [event]);
    expect(sent).toHaveLength(2);
    expect(await deliveriesOf(crm.id)).toHaveLength(1);
  });

  it("a change an EHR made is not echoed back to that EHR, but other integrations hear of it", async () => {
    const { deps } = outboundDeps();
    const clinic = await makeClinic();
    const ehr = await makeIntegration(clinic.id, { deliveryUrl: CRM_URL, subscribedEvents: subscribed(CLINIC_EVENTS) });
    const crm = await makeIntegration(clinic.id, { kind: "crm", deliveryUrl: CRM_URL, subscribedEvents: subscribed(CLINIC_EVENTS) });
    const patient = await makePatient(clinic.id);
    await sendOutboundWebhooks(deps, [
      {
        id: newId(),
        clinicId: clinic.id,
        patientId: patient.id,
        type: "appointment.cancelled",
        payload: { appointmentId: "appt-1", startsAt: deps.clock.now(), endsAt: deps.clock.now() + 2_700_000, from: "booked" },
        occurredAt: deps.clock.now(),
        actorType: "integration",
        actorId: ehr.id,
      },
    ]);
    expect(await deliveriesOf(ehr.id)).toEqual([]);
    expect((await deliveriesOf(crm.id)).map((d) => d.eventType)).toEqual(["appointment.cancelled"]);
  });
});
