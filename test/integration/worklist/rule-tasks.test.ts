import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localDateIn } from "../../../src/clinics/model";
import { addAuthorization, dischargeEpisode, startEpisode } from "../../../src/episodes/service";
import { deliver, type StoredEvent } from "../../../src/events/publish";
import worker from "../../../src/index";
import { domainEvents, tasks } from "../../../src/platform/schema";
import { addDays } from "../../../src/platform/time";
import { bookAppointment, changeStatus } from "../../../src/scheduling/service";
import { onAttendedVisits } from "../../../src/worklist/rule-jobs";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { env } from "../../helpers/http";
import { recordingQueue } from "../../helpers/integrations";

const TZ = "America/New_York";

const episodeInput = {
  bodyRegion: "knee" as const,
  diagnosis: "Patellofemoral pain",
  icd10Code: null,
  referralSourceId: null,
  referringPhysician: null,
  startDate: "2026-11-01",
  visitsPrescribed: 24,
  frequencyPerWeek: 2,
  durationWeeks: 12,
  goals: "",
};

async function setup() {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const { deps, clock } = testDeps();
  const actor = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const started = await startEpisode(deps, actor, patient.id, episodeInput);
  if (!started.ok) throw new Error(started.error);
  const episodeId = started.value;
  /**
   * Books the n-th visit (one a day from 2 November, so every one has already happened by the
   * test's clock, 30 November) and marks it attended.
   */
  const attend = async (n: number) => {
    const booked = await bookAppointment(deps, actor, TZ, {
      patientId: patient.id,
      therapistId: clinic.staff.therapist.id,
      episodeId,
      date: addDays("2026-11-02", n - 1),
      time: "10:00",
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    if (!booked.ok) throw new Error(booked.error.code);
    clock.advance(1000);
    const done = await changeStatus(deps, actor, booked.value.id, "attended");
    if (!done.ok) throw new Error(done.error);
    clock.advance(1000);
    return booked.value.id;
  };
  const tasksOf = (type: "progress_note_due" | "authorization_expiring") =>
    db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.clinicId, clinic.id), eq(tasks.type, type)))
      .all();
  return { clinic, patient, deps, clock, actor, episodeId, attend, tasksOf };
}

/** The stored "attended" event of an appointment, as the subscriber received it. */
async function attendedEvent(appointmentId: string): Promise<StoredEvent> {
  const rows = await db().select().from(domainEvents).where(eq(domainEvents.type, "appointment.attended")).all();
  const row = rows.find((r) => JSON.parse(r.payload).appointmentId === appointmentId);
  if (!row) throw new Error("no attended event");
  return {
    id: row.id,
    clinicId: row.clinicId,
    patientId: row.patientId,
    type: row.type as StoredEvent["type"],
    payload: JSON.parse(row.payload),
    occurredAt: row.occurredAt,
    actorType: row.actorType as StoredEvent["actorType"],
    actorId: row.actorId,
  };
}

// Each attended visit also wakes the patient's journey, so these walks take a few seconds.
describe("progress note due after every 10th attended visit", { timeout: 30_000 }, () => {
  it("the 10th attended visit makes exactly one task, even when the subscriber runs again", async () => {
    const { attend, tasksOf, deps, patient } = await setup();
    for (let n = 1; n <= 9; n++) await attend(n);
    expect(await tasksOf("progress_note_due")).toHaveLength(0);

    const tenth = await attend(10);
    const afterTenth = await tasksOf("progress_note_due");
    expect(afterTenth).toHaveLength(1);
    expect(afterTenth[0]).toMatchObject({
      patientId: patient.id,
      status: "open",
      title: "Progress note due (visit 10)",
      dueDate: "2026-11-30",
      createdBy: "rule",
    });

    // A retry delivers the same event again, twice: still one task.
    const event = await attendedEvent(tenth);
    await deliver(deps, [event]);
    await onAttendedVisits(deps, [event, event]);
    expect(await tasksOf("progress_note_due")).toHaveLength(1);

    // The 11th visit does not make another.
    await attend(11);
    expect(await tasksOf("progress_note_due")).toHaveLength(1);
  });

  it("a cancelled or no-show visit does not count towards the 10th", async () => {
    const { attend, tasksOf, deps, actor, clinic, patient, episodeId } = await setup();
    for (let n = 1; n <= 9; n++) await attend(n);
    const missed = await bookAppointment(deps, actor, TZ, {
      patientId: patient.id,
      therapistId: clinic.staff.therapist.id,
      episodeId,
      date: "2026-11-20",
      time: "10:00",
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    if (!missed.ok) throw new Error("booking failed");
    expect((await changeStatus(deps, actor, missed.value.id, "no_show")).ok).toBe(true);
    expect(await tasksOf("progress_note_due")).toHaveLength(0);
  });
});

describe("authorization running low after an attended visit", { timeout: 30_000 }, () => {
  it("an authorization of 3 visits whose 1st is attended makes a '2 visits left' task, once", async () => {
    const { attend, tasksOf, deps, actor, episodeId, patient } = await setup();
    const added = await addAuthorization(deps, actor, episodeId, {
      payer: "Blue Shield",
      visitsAuthorized: 3,
      startDate: "2026-11-01",
      endDate: "2027-03-31",
    });
    expect(added.ok).toBe(true);
    const first = await attend(1);
    const made = await tasksOf("authorization_expiring");
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ patientId: patient.id, status: "open", title: "Blue Shield authorization: 2 visits left" });

    await onAttendedVisits(deps, [await attendedEvent(first)]);
    await attend(2);
    expect(await tasksOf("authorization_expiring")).toHaveLength(1);
  });

  it("an authorization with 3 visits left after the visit makes no task", async () => {
    const { attend, tasksOf, deps, actor, episodeId } = await setup();
    await addAuthorization(deps, actor, episodeId, { payer: "Aetna", visitsAuthorized: 4, startDate: "2026-11-01", endDate: "2027-03-31" });
    await attend(1);
    expect(await tasksOf("authorization_expiring")).toHaveLength(0);
  });
});

describe("daily job: authorizations ending within ten days", { timeout: 30_000 }, () => {
  // The daily job also enqueues every clinic's training and analytics rollup: recorded here, so that they
  // never train or roll other test files' clinics (test files share one database).
  const { queue: training } = recordingQueue<unknown>();
  const { queue: rollup } = recordingQueue<unknown>();
  const runCron = async () => {
    const ctx = createExecutionContext();
    const cronEnv = { ...env, RISK_TRAINING: training, ANALYTICS_ROLLUP: rollup };
    await worker.scheduled(createScheduledController({ cron: "0 10 * * *", scheduledTime: Date.now() }), cronEnv, ctx);
    await waitOnExecutionContext(ctx);
  };

  it("one task for an authorization ending in 10 days; none for 11 days, a past end or a discharged episode; twice is still one", async () => {
    const clinic = await makeClinic();
    const { deps } = testDeps(Date.now());
    const actor = staffActorFor(clinic.id, clinic.staff.admin.id);
    // The worker runs on the real clock, so dates are relative to the clinic's real today.
    const today = localDateIn(Date.now(), TZ);
    const episodeFor = async (familyName: string) => {
      const patient = await makePatient(clinic.id, { familyName });
      const started = await startEpisode(deps, actor, patient.id, { ...episodeInput, startDate: addDays(today, -30) });
      if (!started.ok) throw new Error(started.error);
      return { patient, episodeId: started.value };
    };
    const authorize = (episodeId: string, payer: string, endDate: string) =>
      addAuthorization(deps, actor, episodeId, { payer, visitsAuthorized: 12, startDate: addDays(today, -30), endDate });

    const inTen = await episodeFor("Ten");
    await authorize(inTen.episodeId, "Ten Payer", addDays(today, 10));
    const inEleven = await episodeFor("Eleven");
    await authorize(inEleven.episodeId, "Eleven Payer", addDays(today, 11));
    const ended = await episodeFor("Ended");
    await authorize(ended.episodeId, "Ended Payer", addDays(today, -1));
    const discharged = await episodeFor("Discharged");
    await authorize(discharged.episodeId, "Discharged Payer", addDays(today, 5));
    expect((await dischargeEpisode(deps, actor, discharged.episodeId, "goals_met")).ok).toBe(true);

    // Other rules (the journey) may make other tasks for these patients: only this job's count here.
    const clinicTasks = () =>
      db()
        .select()
        .from(tasks)
        .where(and(eq(tasks.clinicId, clinic.id), eq(tasks.type, "authorization_expiring")))
        .all();
    await runCron();
    const first = await clinicTasks();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      patientId: inTen.patient.id,
      type: "authorization_expiring",
      title: `Ten Payer authorization ends ${addDays(today, 10)}`,
      dueDate: today,
      status: "open",
    });

    await runCron();
    expect(await clinicTasks()).toHaveLength(1);
  });
});
