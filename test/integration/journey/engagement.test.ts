import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { PatientJourney } from "../../../src/journey/journey-object";
import { handleInboundSms } from "../../../src/messaging/inbound";
import { twilioSignature } from "../../../src/messaging/twilio-signature";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import { appointments, clinics, consents, inboundReceipts, journeyProjections, messages } from "../../../src/platform/schema";
import { bookAppointment } from "../../../src/scheduling/service";
import { staffActorFor } from "../../helpers/deps";
import { db, makeClinic, makePatient, uniqueNumber } from "../../helpers/factories";
import { env, fetchApp, signIn } from "../../helpers/http";

const HOUR = 3_600_000;
const TZ = "America/New_York";
const CLINIC_NUMBER = "+14135550177";

async function setup(now: number) {
  const clinic = await makeClinic();
  await db().update(clinics).set({ smsNumber: uniqueNumber() }).where(eq(clinics.id, clinic.id));
  const smsNumber = (await db().select().from(clinics).where(eq(clinics.id, clinic.id)).get())?.smsNumber ?? CLINIC_NUMBER;
  const patient = await makePatient(clinic.id, { phone: `+1617555${String(Math.floor(Math.random() * 9000) + 1000)}` });
  const clock = fixedClock(now);
  const deps = makeDeps(env, { clock });
  const stub = env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName(patient.id));
  await runInDurableObject(stub, (instance: PatientJourney) => {
    instance.clockOverride = clock;
  });
  const actor = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const book = async (date: string, time: string) => {
    const r = await bookAppointment(deps, actor, TZ, {
      patientId: patient.id,
      therapistId: clinic.staff.therapist.id,
      episodeId: null,
      date,
      time,
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    if (!r.ok) throw new Error(`booking failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const fireAlarmAt = async (at: number) => {
    clock.set(at);
    await runDurableObjectAlarm(stub);
  };
  const patientMessages = () => db().select().from(messages).where(eq(messages.patientId, patient.id)).all();
  return { clinic, smsNumber, patient, clock, deps, stub, book, fireAlarmAt, patientMessages };
}

describe("journey reminders", () => {
  it("a booking sets reminders 48 h and 2 h before, and the projection shows the patient scheduled", async () => {
    const t = await setup(Date.parse("2026-11-30T15:00:00Z"));
    const visit = await t.book("2026-12-03", "10:00");
    const snap = await t.stub.snapshot();
    expect(snap.state?.stage).toBe("scheduled");
    expect(snap.timers.map((x) => x.at)).toEqual([visit.startsAt - 48 * HOUR, visit.startsAt - 2 * HOUR]);
    const projection = await db().select().from(journeyProjections).where(eq(journeyProjections.patientId, t.patient.id)).get();
    expect(projection).toMatchObject({ stage: "scheduled", clinicId: t.clinic.id, nextTouchAt: visit.startsAt - 48 * HOUR });
  });

  it("reminders keep their exact lead time across the fall-back DST change", async () => {
    const t = await setup(Date.parse("2026-10-28T14:00:00Z"));
    const visit = await t.book("2026-11-02", "10:00"); // EST, the day after clocks go back
    expect(new Date(visit.startsAt).toISOString()).toBe("2026-11-02T15:00:00.000Z");
    const snap = await t.stub.snapshot();
    expect(snap.timers.map((x) => new Date(x.at).toISOString())).toEqual(["2026-10-31T15:00:00.000Z", "2026-11-02T13:00:00.000Z"]);
  });

  it("the alarm fires the due reminder as a queued SMS for that visit, and only once", async () => {
    const t = await setup(Date.parse("2026-11-30T15:00:00Z"));
    const visit = await t.book("2026-12-03", "10:00");
    await t.fireAlarmAt(visit.startsAt - 48 * HOUR);
    await t.fireAlarmAt(visit.startsAt - 48 * HOUR + 1000);
    const reminders = (await t.patientMessages()).filter((m) => m.purpose === "visit_reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ status: "queued", channel: "sms", appointmentId: visit.id, category: "reminder" });
    expect(reminders[0]?.body).toContain("Thu, Dec 3 at 10:00 AM");
    expect((await t.stub.snapshot()).timers.map((x) => x.at)).toEqual([visit.startsAt - 2 * HOUR]);
  });

  it("a reminder due in quiet hours waits until 08:00", async () => {
    const t = await setup(Date.parse("2026-11-30T15:00:00Z"));
    const visit = await t.book("2026-12-03", "09:00"); // the 2-hour reminder falls at 07:00
    await t.fireAlarmAt(visit.startsAt - 2 * HOUR);
    const reminder = (await t.patientMessages()).find((m) => m.dedupeKey?.startsWith(`reminder:${visit.id}:2:`));
    expect(reminder).toMatchObject({ status: "scheduled", sendAt: Date.parse("2026-12-03T13:00:00Z") });
  });

  it("a duplicate event id is ignored", async () => {
    const t = await setup(Date.parse("2026-11-30T15:00:00Z"));
    const visit = await t.book("2026-12-03", "10:00");
    const event = {
      type: "appointment.confirmed" as const,
      eventId: "dup-1",
      occurredAt: t.clock.now(),
      appointmentId: visit.id,
      startsAt: visit.startsAt,
      endsAt: visit.endsAt,
    };
    expect((await t.stub.dispatch({ clinicId: t.clinic.id, patientId: t.patient.id, event })).outcome).toBe("applied");
    expect(await t.stub.dispatch({ clinicId: t.clinic.id, patientId: t.patient.id, event })).toEqual({
      outcome: "duplicate",
      reason: "event already applied",
    });
    expect(await t.stub.dispatch({ clinicId: "other", patientId: t.patient.id, event: { ...event, eventId: "dup-2" } })).toMatchObject({
      outcome: "rejected",
    });
  });

  it("an event for an unknown patient changes nothing", async () => {
    const stub = env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName("no-such-patient"));
    const clinic = await makeClinic();
    const result = await stub.dispatch({
      clinicId: clinic.id,
      patientId: "no-such-patient",
      event: { type: "referral.received", eventId: "x", occurredAt: 1 },
    });
    expect(result).toEqual({ outcome: "rejected", reason: "unknown patient" });
    expect((await stub.snapshot()).state).toBeNull();
  });
});

describe("two-way SMS", () => {
  it("C confirms the next visit; STOP revokes consent, cancels pending SMS, confirms once, and suppresses the next reminder", async () => {
    const t = await setup(Date.parse("2026-11-30T15:00:00Z"));
    const visit = await t.book("2026-12-03", "09:00");
    const text = (body: string, sid: string) =>
      handleInboundSms(t.deps, { messageSid: sid, from: t.patient.phone ?? "", to: t.smsNumber ?? "", body });

    expect(await text("C", "SM00000000000000000000000000000001")).toMatchObject({
      status: "handled",
      intent: "confirm",
      action: "visit_confirmed",
    });
    expect((await db().select().from(appointments).where(eq(appointments.id, visit.id)).get())?.status).toBe("confirmed");
    expect(await text("C", "SM00000000000000000000000000000001")).toEqual({ status: "duplicate" });

    // Two reminders are pending when the patient opts out: one queued, one deferred by quiet hours.
    await t.fireAlarmAt(visit.startsAt - 48 * HOUR);
    await t.fireAlarmAt(visit.startsAt - 2 * HOUR);
    expect(
      (await t.patientMessages())
        .map((m) => m.status)
        .filter((s) => s === "queued" || s === "scheduled")
        .sort(),
    ).toEqual(["queued", "scheduled"]);
    expect(await text("stop texting me", "SM00000000000000000000000000000002")).toMatchObject({ intent: "opt_out", action: "opted_out" });
    const after = await t.patientMessages();
    expect(after.filter((m) => m.purpose === "visit_reminder" && (m.status === "scheduled" || m.status === "queued"))).toHaveLength(0);
    expect(after.filter((m) => m.status === "cancelled")).toHaveLength(2);
    expect(after.filter((m) => m.purpose === "stop_confirmation")).toHaveLength(1);
    const consent = await db()
      .select()
      .from(consents)
      .where(and(eq(consents.patientId, t.patient.id), eq(consents.source, "sms_keyword")))
      .all();
    expect(consent.map((c) => c.status)).toEqual(["revoked"]);
    expect(await text("STOP", "SM00000000000000000000000000000003")).toMatchObject({ action: "already_opted_out" });
    expect((await t.patientMessages()).filter((m) => m.purpose === "stop_confirmation")).toHaveLength(1);

    // The next reminder is suppressed, with the reason kept.
    const next = await t.book("2026-12-10", "10:00");
    await t.fireAlarmAt(next.startsAt - 48 * HOUR);
    const suppressed = (await t.patientMessages()).find((m) => m.appointmentId === next.id);
    expect(suppressed).toMatchObject({ status: "suppressed", suppressedReason: "no consent for this channel" });

    // Staff see it on the patient page timeline, with the reason.
    const desk = await signIn(t.clinic.staff.front_desk.email);
    const page = await (await desk.get(`/patients/${t.patient.id}`)).text();
    expect(page).toContain("Text: visit reminder — suppressed (no consent for this channel)");
    expect(page).toMatch(/Text: opt-out confirmation — (queued|sent)/);
    expect(page).toContain("Consent to SMS revoked");

    expect(await text("START", "SM00000000000000000000000000000004")).toMatchObject({ action: "opted_in" });
  });

  it("X cancels the next visit, freeing the slot; pain words open a task; HELP answers with the clinic's phone", async () => {
    const t = await setup(Date.parse("2026-11-30T15:00:00Z"));
    const visit = await t.book("2026-12-03", "10:00");
    const text = (body: string, sid: string) =>
      handleInboundSms(t.deps, { messageSid: sid, from: t.patient.phone ?? "", to: t.smsNumber ?? "", body });
    expect(await text("X", "SM10000000000000000000000000000001")).toMatchObject({ action: "visit_cancelled" });
    expect((await db().select().from(appointments).where(eq(appointments.id, visit.id)).get())?.status).toBe("cancelled");
    expect(await text("my knee hurts a lot today", "SM10000000000000000000000000000002")).toMatchObject({
      intent: "pain",
      action: "pain_task",
    });
    expect(await text("HELP", "SM10000000000000000000000000000003")).toMatchObject({ action: "help" });
    expect((await t.patientMessages()).some((m) => m.purpose === "help" && m.status === "queued")).toBe(true);
  });
});

describe("POST /webhooks/sms/twilio", () => {
  const url = "http://localhost:8787/webhooks/sms/twilio";
  const post = async (params: Record<string, string>, signature?: string, body?: string) =>
    fetchApp("/webhooks/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}) },
      body: body ?? new URLSearchParams(params).toString(),
    });

  it("accepts a correctly signed message and refuses a bad or missing signature, storing nothing", async () => {
    const t = await setup(Date.now());
    const params = {
      MessageSid: "SM20000000000000000000000000000001",
      From: t.patient.phone ?? "",
      To: t.smsNumber ?? "",
      Body: "What time do you open?",
    };
    const good = await twilioSignature("test-twilio-auth-token", url, params);
    expect((await post(params)).status).toBe(403);
    // The patient's phone is random per run, so the forged signature must differ from `good` whatever it starts with.
    const forged = `${good.startsWith("A") ? "B" : "A"}${good.slice(1)}`;
    expect((await post(params, forged)).status).toBe(403);
    expect(await t.patientMessages()).toHaveLength(0);
    const ok = await post(params, good);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("<Response>");
    expect((await post(params, good)).status).toBe(200); // a retry by Twilio: no new work
    expect((await t.patientMessages()).filter((m) => m.direction === "inbound")).toHaveLength(1);
  });

  it("a text to an unknown number, or from an unknown phone, is answered and stores nothing", async () => {
    const t = await setup(Date.now());
    for (const [from, to, sid] of [
      [t.patient.phone ?? "", "+19995550100", "SM30000000000000000000000000000001"],
      ["+19995550111", t.smsNumber ?? "", "SM30000000000000000000000000000002"],
    ] as const) {
      const params = { MessageSid: sid, From: from, To: to, Body: "hello" };
      const res = await post(params, await twilioSignature("test-twilio-auth-token", url, params));
      expect(res.status).toBe(200);
    }
    expect(await t.patientMessages()).toHaveLength(0);
    const receipts = await db().select().from(inboundReceipts).all();
    expect(receipts.some((r) => r.key.includes("SM3000000000000000000000000000000"))).toBe(false);
  });

  it("an empty message body is answered and stores nothing", async () => {
    const t = await setup(Date.now());
    const params = { MessageSid: "SM40000000000000000000000000000001", From: t.patient.phone ?? "", To: t.smsNumber ?? "", Body: "   " };
    expect((await post(params, await twilioSignature("test-twilio-auth-token", url, params))).status).toBe(200);
    expect(await t.patientMessages()).toHaveLength(0);
  });

  it("refuses malformed, oversized and incomplete requests with a clear status", async () => {
    expect((await post({}, "sig", "a".repeat(10_000))).status).toBe(413);
    const partial = { MessageSid: "SM2", From: "+16175550111" };
    expect((await post(partial, await twilioSignature("test-twilio-auth-token", url, partial))).status).toBe(400);
    const wrongType = await fetchApp("/webhooks/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(wrongType.status).toBe(400);
  });
});
