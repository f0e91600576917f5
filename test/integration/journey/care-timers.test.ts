import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { dischargeEpisode, startEpisode } from "../../../src/episodes/service";
import { commitWithEvents, type DomainEvent } from "../../../src/events/publish";
import type { PatientJourney } from "../../../src/journey/journey-object";
import { clinicalWordIn } from "../../../src/messaging/template-service";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import { newId } from "../../../src/platform/ids";
import { clinics, consents, messages } from "../../../src/platform/schema";
import { bookAppointment } from "../../../src/scheduling/service";
import { staffActorFor } from "../../helpers/deps";
import { db, makeClinic, makePatient, uniqueNumber } from "../../helpers/factories";
import { env } from "../../helpers/http";

/** The machine's own key: the stored one ends with the patient (":p:<id>"). */
const machineKey = (key: string | null) => key?.replace(/:p:[0-9a-z]+$/, "") ?? null;

const TZ = "America/New_York";
/** 10:00 in New York (UTC-5) on a day of December 2026. */
const at10 = (date: string) => Date.parse(`${date}T15:00:00Z`);
const START = at10("2026-11-30"); // a Monday

async function setup(opts: { settings?: unknown; language?: "en" | "es" } = {}) {
  const clinic = await makeClinic();
  await db()
    .update(clinics)
    .set({ smsNumber: uniqueNumber(), ...(opts.settings ? { settings: JSON.stringify(opts.settings) } : {}) })
    .where(eq(clinics.id, clinic.id));
  const patient = await makePatient(clinic.id, {
    phone: `+1617555${String(Math.floor(Math.random() * 9000) + 1000)}`,
    preferredLanguage: opts.language ?? "en",
  });
  const clock = fixedClock(START);
  const deps = makeDeps(env, { clock });
  const stub = env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName(patient.id));
  await runInDurableObject(stub, (instance: PatientJourney) => {
    instance.clockOverride = clock;
  });
  const actor = staffActorFor(clinic.id, clinic.staff.therapist.id);
  const book = async (date: string, time: string) => {
    const r = await bookAppointment(deps, actor, TZ, {
      patientId: patient.id,
      therapistId: clinic.staff.therapist.id,
      episodeId: null,
      date,
      time,
      durationMinutes: 45,
      type: "evaluation",
      allowOutsideAvailability: true,
    });
    if (!r.ok) throw new Error(`booking failed: ${JSON.stringify(r.error)}`);
    return r.value;
  };
  const start = async () => {
    const r = await startEpisode(deps, actor, patient.id, {
      bodyRegion: "knee",
      diagnosis: "Patellofemoral pain",
      icd10Code: null,
      referralSourceId: null,
      referringPhysician: null,
      startDate: "2026-11-30",
      visitsPrescribed: 12,
      frequencyPerWeek: 2,
      durationWeeks: 6,
      goals: "Stairs without pain",
    });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  /** What the HEP and outcome services publish, as they publish it. */
  const publish = (at: number, type: DomainEvent["type"], payload: DomainEvent["payload"]) => {
    clock.set(at);
    return commitWithEvents(deps, actor, [], [{ type, patientId: patient.id, payload }]);
  };
  const fireAlarmAt = async (at: number) => {
    clock.set(at);
    await runDurableObjectAlarm(stub);
  };
  const care = async () =>
    (await db().select().from(messages).where(eq(messages.patientId, patient.id)).all())
      .filter((m) => m.category === "automated")
      .sort((a, b) => a.createdAt - b.createdAt);
  return { clinic, patient, clock, deps, stub, actor, book, start, publish, fireAlarmAt, care };
}

describe("journey care timers, end to end", () => {
  it("a HEP nudge after a gap in logging and the weekly check-in request land as messages, once each", async () => {
    const t = await setup();
    await t.book("2026-12-01", "10:00");
    const episodeId = await t.start();
    await t.fireAlarmAt(START); // the intake questionnaire (and the visit's first reminder)

    await t.publish(at10("2026-12-01") + 3_600_000, "hep.program_changed", { change: "added", episodeId, items: 3, intervalDays: 1 });
    await t.publish(Date.parse("2026-12-02T23:00:00Z"), "hep.logged", { date: "2026-12-02", exerciseId: "session" });
    const timers = (await t.stub.snapshot()).timers;
    expect(timers.find((x) => x.key === "hep-nudge")?.at).toBe(at10("2026-12-05"));
    expect(timers.find((x) => x.key === "check-in")?.at).toBe(at10("2026-12-07"));

    await t.fireAlarmAt(at10("2026-12-05"));
    await t.fireAlarmAt(at10("2026-12-07"));
    await t.fireAlarmAt(at10("2026-12-07") + 60_000); // nothing new is due: no second message

    const sent = await t.care();
    expect(sent.map((m) => [m.purpose, machineKey(m.dedupeKey), m.status, m.sendAt])).toEqual([
      ["questionnaire_request", `questionnaire:${episodeId}:intake`, "queued", START],
      ["hep_nudge", `hep-nudge:${episodeId}:2026-12-02`, "queued", at10("2026-12-05")],
      ["pain_check_in", `check-in:${episodeId}:2026-11-30`, "queued", at10("2026-12-07")],
    ]);
    for (const m of sent) {
      expect(m.channel).toBe("sms");
      expect(m.body).toMatch(/\/p\/[A-Za-z0-9_-]{22}/); // the patient's own portal link
      expect(clinicalWordIn(m.body)).toBeNull();
    }
    expect(sent[1]?.body).toContain("home exercises");
    expect(sent[2]?.body).toContain("How are you feeling this week?");
    // The next week is armed, counted from this request.
    expect((await t.stub.snapshot()).timers.find((x) => x.key === "check-in")?.at).toBe(at10("2026-12-14"));
  });

  it("a check-in recorded by the patient resets the week", async () => {
    const t = await setup();
    await t.book("2026-12-01", "10:00");
    await t.start();
    await t.publish(Date.parse("2026-12-04T20:00:00Z"), "checkin.recorded", { score: 4, baseline: null });
    expect((await t.stub.snapshot()).timers.find((x) => x.key === "check-in")?.at).toBe(at10("2026-12-11"));
    await t.fireAlarmAt(at10("2026-12-07"));
    expect((await t.care()).map((m) => m.purpose)).toEqual(["questionnaire_request"]);
  });

  it("quiet hours defer a care message; the weekly cap suppresses one, with the reason kept", async () => {
    const t = await setup({ settings: { messaging: { quietHours: { from: "11:00", to: "20:00" }, automatedPerWeek: 1 } } });
    await t.book("2026-12-01", "10:00");
    const episodeId = await t.start();
    await t.fireAlarmAt(START);
    await t.publish(START + 60_000, "hep.program_changed", { change: "added", episodeId, items: 1, intervalDays: 1 });
    await t.fireAlarmAt(at10("2026-12-03"));
    const rows = await t.care();
    expect(rows.map((m) => [m.purpose, m.status, m.sendAt, m.suppressedReason])).toEqual([
      ["questionnaire_request", "scheduled", Date.parse("2026-11-30T16:00:00Z"), null],
      ["hep_nudge", "suppressed", at10("2026-12-03"), "weekly cap of 1 reached"],
    ]);
  });

  it("without consent the request is stored as suppressed; after discharge only the outcome questionnaire comes (in Spanish)", async () => {
    const t = await setup({ language: "es" });
    await t.book("2026-12-01", "10:00");
    const episodeId = await t.start();
    await t.fireAlarmAt(START);
    await db()
      .insert(consents)
      .values({
        id: newId(),
        clinicId: t.clinic.id,
        patientId: t.patient.id,
        channel: "sms",
        status: "revoked",
        source: "staff",
        recordedAt: START + 1000,
      });
    await t.fireAlarmAt(at10("2026-12-07"));
    const checkIn = (await t.care()).find((m) => m.purpose === "pain_check_in");
    expect(checkIn).toMatchObject({ status: "suppressed", suppressedReason: "no consent for this channel" });

    await db()
      .insert(consents)
      .values({
        id: newId(),
        clinicId: t.clinic.id,
        patientId: t.patient.id,
        channel: "sms",
        status: "granted",
        source: "staff",
        recordedAt: at10("2026-12-07") + 1000,
      });
    t.clock.set(at10("2026-12-20"));
    expect((await dischargeEpisode(t.deps, t.actor, episodeId, "goals_met")).ok).toBe(true);
    await t.fireAlarmAt(at10("2026-12-20"));
    await t.fireAlarmAt(at10("2026-12-28"));
    const after = (await t.care()).filter((m) => m.createdAt >= at10("2026-12-20"));
    expect(after.map((m) => [m.purpose, machineKey(m.dedupeKey), m.status])).toEqual([
      ["questionnaire_request", `questionnaire:${episodeId}:discharge`, "queued"],
      ["discharge_survey", `survey:${episodeId}`, "queued"],
    ]);
    expect(after[0]?.body).toContain("cuestionario");
    const keys = (await t.stub.snapshot()).timers.map((x) => x.key);
    expect(keys).not.toContain("check-in");
    expect(keys).not.toContain("questionnaire");
  });
});
