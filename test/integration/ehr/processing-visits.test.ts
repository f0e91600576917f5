import { env } from "cloudflare:test";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ehrLinks } from "../../../src/ehr/tables";
import { appointmentChanges, appointments, domainEvents, patients } from "../../../src/platform/schema";
import { bookAppointment } from "../../../src/scheduling/service";
import { staffActorFor } from "../../helpers/deps";
import { db } from "../../helpers/factories";
import { bundle, DAY, ehrClinic, fhirAppointment, fhirPatient, fhirPractitioner, HOUR } from "./processing-setup";

const iso = (at: number) => new Date(at).toISOString().replace(".000Z", "Z");

/** Patient p1 and practitioner d1 known to the clinic, and a helper to send versions of Appointment a1. */
async function withPeople() {
  // The journey runs on the real clock, so these visits are placed around now.
  const now = Math.floor(Date.now() / HOUR) * HOUR;
  const t = await ehrClinic(now);
  await t.ingest(bundle("batch", [fhirPatient("p1"), fhirPractitioner("d1")]));
  const patient = await db().select().from(patients).where(eq(patients.clinicId, t.clinic.id)).get();
  if (!patient) throw new Error("patient not ingested");
  const visit = (version: number, start: number, over: Record<string, unknown> = {}) =>
    fhirAppointment("a1", "Patient/p1", "Practitioner/d1", {
      meta: { versionId: String(version) },
      start: iso(start),
      end: iso(start + 45 * 60_000),
      ...over,
    });
  const events = async () =>
    (
      await db()
        .select()
        .from(domainEvents)
        .where(and(eq(domainEvents.clinicId, t.clinic.id), eq(domainEvents.patientId, patient.id)))
        .orderBy(asc(domainEvents.occurredAt))
        .all()
    )
      .map((e) => ({ type: e.type, actorType: e.actorType, payload: JSON.parse(e.payload) }))
      .filter((e) => e.type.startsWith("appointment."));
  const theVisit = () => db().select().from(appointments).where(eq(appointments.clinicId, t.clinic.id)).all();
  const journey = () => env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName(patient.id)).snapshot();
  return { ...t, now, patient, visit, events, theVisit, journey };
}

describe("EHR visits go through the same events as the front desk's", () => {
  it("a booking emits appointment.booked, and the journey schedules reminders as for a staff booking", async () => {
    const t = await withPeople();
    const start = t.now + 3 * DAY;
    const row = await t.ingest(t.visit(1, start));
    expect(row.counts.Appointment).toMatchObject({ applied: 1 });
    const [visit] = await t.theVisit();
    expect(visit).toMatchObject({
      status: "booked",
      startsAt: start,
      endsAt: start + 45 * 60_000,
      type: "follow_up",
      patientId: t.patient.id,
    });
    expect(await t.events()).toEqual([
      {
        type: "appointment.booked",
        actorType: "integration",
        payload: {
          appointmentId: visit?.id,
          therapistId: visit?.therapistId,
          episodeId: null,
          startsAt: start,
          endsAt: start + 45 * 60_000,
          appointmentType: "follow_up",
        },
      },
    ]);
    const snap = await t.journey();
    expect(snap.state?.stage).toBe("scheduled");
    expect(snap.timers.map((x) => x.key)).toEqual(
      expect.arrayContaining([`reminder:${visit?.id}:48:${start}`, `reminder:${visit?.id}:2:${start}`]),
    );
    const changes = await db()
      .select()
      .from(appointmentChanges)
      .where(eq(appointmentChanges.appointmentId, visit?.id ?? ""))
      .all();
    expect(changes).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: "booked", actorType: "integration", actorId: t.integration.id }),
    ]);
  });

  it("a new time is a reschedule, a cancellation is a cancellation; an older version changes nothing", async () => {
    const t = await withPeople();
    const start = t.now + 3 * DAY;
    await t.ingest(t.visit(1, start));
    await t.ingest(t.visit(2, start + DAY));
    await t.ingest(t.visit(3, start + DAY, { status: "cancelled", cancelationReason: { text: "Patient request" } }));
    const late = await t.ingest(t.visit(2, start + DAY));
    expect(late.counts.Appointment).toMatchObject({ unchanged: 1 });
    const [visit] = await t.theVisit();
    expect(visit).toMatchObject({ status: "cancelled", startsAt: start + DAY, cancelReason: "Patient request" });
    const events = await t.events();
    expect(events.map((e) => e.type)).toEqual(["appointment.booked", "appointment.rescheduled", "appointment.cancelled"]);
    expect(events[1]?.payload).toMatchObject({ startsAt: start + DAY, previousStartsAt: start });
    expect(events[2]?.payload).toMatchObject({ from: "booked" });
    expect((await t.journey()).state?.upcoming).toEqual({});
  });

  it.each([
    ["entered-in-error", { status: "entered-in-error" }],
    ["cancelled with reason oth-err (an SIU S17 delete)", { status: "cancelled", cancelationReason: { coding: [{ code: "oth-err" }] } }],
  ])("a booking made in error (%s) is cancelled without telling anyone: no cancellation event, no outreach", async (_name, change) => {
    const t = await withPeople();
    const start = t.now + 3 * DAY;
    await t.ingest(t.visit(1, start));
    const result = await t.ingest(t.visit(2, start, change));
    expect(result.status).toBe("processed");
    expect((await t.theVisit())[0]?.status).toBe("cancelled");
    expect((await t.events()).map((e) => e.type)).toEqual(["appointment.booked"]);
  });

  it("the EHR's schedule is not refused for a clash or outside hours: it is recorded as outside availability", async () => {
    const t = await withPeople();
    const start = t.now + 5 * DAY;
    await t.ingest(t.visit(1, start));
    const [first] = await t.theVisit();
    // The front desk cannot book over it, but the EHR can (it is the schedule's system of record).
    const date = new Date(start).toISOString().slice(0, 10);
    const staff = await bookAppointment(t.deps, staffActorFor(t.clinic.id, t.clinic.staff.front_desk.id), "UTC", {
      patientId: t.patient.id,
      therapistId: first?.therapistId ?? "",
      episodeId: null,
      date,
      time: new Date(start).toISOString().slice(11, 16),
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    expect(staff).toMatchObject({ ok: false, error: { code: "conflict" } });
    const other = fhirAppointment("a2", "Patient/p1", "Practitioner/d1", {
      start: iso(start + 15 * 60_000),
      end: iso(start + 60 * 60_000),
    });
    expect((await t.ingest(other)).counts.Appointment).toMatchObject({ applied: 1 });
    const visits = await t.theVisit();
    expect(visits).toHaveLength(2);
    expect(visits.every((v) => v.outsideAvailability)).toBe(true);
  });

  it("a visit the patient confirmed here stays confirmed when the EHR says booked again", async () => {
    const t = await withPeople();
    const start = t.now + 3 * DAY;
    await t.ingest(t.visit(1, start));
    const [visit] = await t.theVisit();
    await db()
      .update(appointments)
      .set({ status: "confirmed" })
      .where(eq(appointments.id, visit?.id ?? ""));
    const again = await t.ingest(t.visit(2, start));
    expect(again.counts.Appointment).toMatchObject({ unchanged: 1 });
    expect((await t.theVisit())[0]?.status).toBe("confirmed");
  });

  it("an Encounter that fulfils the Appointment marks that visit attended; one on its own is a visit of its own", async () => {
    const t = await withPeople();
    const start = t.now - 2 * HOUR;
    await t.ingest(t.visit(1, start));
    const row = await t.ingest({
      resourceType: "Encounter",
      id: "e1",
      status: "finished",
      subject: { reference: "Patient/p1" },
      appointment: [{ reference: "Appointment/a1" }],
      period: { start: iso(start + 5 * 60_000), end: iso(start + 50 * 60_000) },
    });
    expect(row.counts.Encounter).toMatchObject({ applied: 1 });
    const [visit] = await t.theVisit();
    // The booked time stays: the encounter says how the visit went, not when it was booked.
    expect(visit).toMatchObject({ status: "attended", startsAt: start });
    expect((await t.events()).map((e) => e.type)).toEqual(["appointment.booked", "appointment.attended"]);
    const link = await db()
      .select()
      .from(ehrLinks)
      .where(and(eq(ehrLinks.integrationId, t.integration.id), eq(ehrLinks.resourceType, "Encounter")))
      .get();
    expect(link?.localId).toBe(visit?.id);
    expect((await t.journey()).state?.stage).toBe("active");

    const walkIn = await t.ingest({
      resourceType: "Encounter",
      id: "e2",
      status: "in-progress",
      subject: { reference: "Patient/p1" },
      participant: [{ individual: { reference: "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893" } }],
      period: { start: iso(t.now - 10 * 60_000) },
    });
    expect(walkIn.counts.Encounter).toMatchObject({ applied: 1 });
    const visits = await t.theVisit();
    expect(visits.map((v) => v.status).sort()).toEqual(["arrived", "attended"]);
    const cancelled = await t.ingest({ resourceType: "Encounter", id: "e3", status: "cancelled", subject: { reference: "Patient/p1" } });
    expect(cancelled).toMatchObject({ status: "skipped", reason: "Encounter: cancelled encounter: no visit to record" });
  });
});
