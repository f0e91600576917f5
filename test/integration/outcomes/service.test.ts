import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { startEpisode } from "../../../src/episodes/service";
import { score } from "../../../src/outcomes/scoring";
import { recordCheckIn, recordQuestionnaire } from "../../../src/outcomes/service";
import type { Actor } from "../../../src/platform/audit";
import { auditEvents, domainEvents, questionnaireResponses, tasks } from "../../../src/platform/schema";
import { testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";

async function setup() {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const { deps, clock } = testDeps(Date.parse("2026-11-30T14:00:00Z"));
  const actor: Actor = {
    clinicId: clinic.id,
    actorType: "patient",
    actorId: patient.id,
    route: "test",
    clientIp: null,
    userAgent: null,
    requestId: null,
  };
  const checkIn = async (pain: number, note: string | null = null) => {
    clock.advance(60_000);
    return recordCheckIn(deps, actor, patient.id, { pain, note });
  };
  const episode = async (bodyRegion: "knee" | "low_back" = "knee") => {
    const r = await startEpisode(deps, { ...actor, actorType: "staff", actorId: clinic.staff.therapist.id }, patient.id, {
      bodyRegion,
      diagnosis: "Knee pain",
      icd10Code: null,
      referralSourceId: null,
      referringPhysician: null,
      startDate: "2026-11-30",
      visitsPrescribed: 8,
      frequencyPerWeek: 2,
      durationWeeks: 4,
      goals: "",
    });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  const rows = () => db().select().from(questionnaireResponses).where(eq(questionnaireResponses.patientId, patient.id)).all();
  const painTasks = () =>
    db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.patientId, patient.id), eq(tasks.type, "pain_increase")))
      .all();
  const events = (type: string) =>
    db()
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.patientId, patient.id), eq(domainEvents.type, type as "checkin.recorded")))
      .all();
  return { clinic, patient, deps, clock, actor, checkIn, episode, rows, painTasks, events };
}

describe("pain check-ins", () => {
  it("stores the response with its event and audit row; the first is the baseline", async () => {
    const s = await setup();
    const episodeId = await s.episode();
    const r = await s.checkIn(4, "Stairs were hard");
    expect(r).toMatchObject({ ok: true, value: { score: 4, baseline: null, taskOpened: false } });
    const [row] = await s.rows();
    expect(row).toMatchObject({ kind: "check_in", instrumentId: "nprs", score: 4, note: "Stairs were hard", episodeId, source: "portal" });
    const resource = JSON.parse(row?.resource ?? "{}");
    expect(resource).toMatchObject({
      resourceType: "QuestionnaireResponse",
      status: "completed",
      subject: { reference: `Patient/${s.patient.id}` },
      item: [{ linkId: "nprs-pain", answer: [{ valueInteger: 4 }] }],
    });
    expect(JSON.stringify(resource)).not.toContain("Stairs");
    const [event] = await s.events("checkin.recorded");
    expect(JSON.parse(event?.payload ?? "{}")).toEqual({ score: 4, baseline: null });
    expect(event?.actorType).toBe("patient");
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, s.patient.id), eq(auditEvents.action, "outcome.check_in")))
      .all();
    expect(audit).toHaveLength(1);
    expect(await s.painTasks()).toHaveLength(0);
  });

  it("opens a task when pain rises 2 points from the baseline, and not for smaller rises", async () => {
    const s = await setup();
    await s.episode();
    await s.checkIn(3);
    expect(await s.checkIn(4)).toMatchObject({ ok: true, value: { baseline: 3, taskOpened: false } });
    expect(await s.painTasks()).toHaveLength(0);
    const r = await s.checkIn(5);
    expect(r).toMatchObject({ ok: true, value: { baseline: 3, taskOpened: true } });
    const [task] = await s.painTasks();
    expect(task).toMatchObject({
      status: "open",
      dueDate: "2026-11-30",
      title: "Pain up 2 points from baseline (3 → 5/10)",
      createdBy: "rule",
    });
    expect(task?.ruleKey).toBe(`pain-increase:${r.ok ? r.value.responseId : ""}`);
    const created = await s.events("task.created");
    expect(JSON.parse(created[0]?.payload ?? "{}")).toMatchObject({ taskId: task?.id, taskType: "pain_increase", source: "rule" });
    const recorded = await s.events("checkin.recorded");
    expect(recorded.map((e) => JSON.parse(e.payload).baseline)).toEqual([null, 3, 3]);
  });

  it("opens a task for pain of 8 or more even on the first check-in", async () => {
    const s = await setup();
    expect(await s.checkIn(8)).toMatchObject({ ok: true, value: { taskOpened: true } });
    expect((await s.painTasks())[0]?.title).toBe("Pain 8/10 reported by the patient");
    expect(await s.checkIn(7)).toMatchObject({ ok: true, value: { baseline: 8, taskOpened: false } });
    expect(await s.painTasks()).toHaveLength(1);
  });

  it("takes the baseline from the open episode only", async () => {
    const s = await setup();
    await s.checkIn(2); // before any episode
    await s.episode();
    expect(await s.checkIn(6)).toMatchObject({ ok: true, value: { baseline: null, taskOpened: false } });
    expect(await s.checkIn(7)).toMatchObject({ ok: true, value: { baseline: 6, taskOpened: false } });
  });

  it.each([11, -1, 3.5, Number.NaN])("refuses pain %s and writes nothing", async (pain) => {
    const s = await setup();
    const r = await s.checkIn(pain);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("invalid");
    expect(await s.rows()).toHaveLength(0);
    expect(await s.events("checkin.recorded")).toHaveLength(0);
  });

  it("refuses a note over 500 characters", async () => {
    const s = await setup();
    expect((await s.checkIn(3, "x".repeat(501))).ok).toBe(false);
    expect(await s.rows()).toHaveLength(0);
  });

  it("refuses another clinic's patient", async () => {
    const s = await setup();
    const other = await makeClinic();
    const r = await recordCheckIn(s.deps, { ...s.actor, clinicId: other.id }, s.patient.id, { pain: 3, note: null });
    expect(r).toEqual({ ok: false, error: { code: "not_found" } });
    expect(await s.rows()).toHaveLength(0);
  });
});

describe("questionnaires", () => {
  it("stores a scored QuestionnaireResponse and a questionnaire.completed event", async () => {
    const s = await setup();
    const answers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`odi-${i + 1}`, i % 3]));
    const expected = score("odi", answers);
    const r = await recordQuestionnaire(s.deps, s.actor, s.patient.id, "odi", answers);
    expect(r.ok && expected.ok).toBe(true);
    const [row] = await s.rows();
    expect(row).toMatchObject({ kind: "questionnaire", instrumentId: "odi", score: expected.ok ? expected.score : -1, episodeId: null });
    const resource = JSON.parse(row?.resource ?? "{}");
    expect(resource.questionnaire).toBe("https://rapport.example/fhir/Questionnaire/odi");
    expect(resource.item).toHaveLength(10);
    const [event] = await s.events("questionnaire.completed");
    expect(JSON.parse(event?.payload ?? "{}")).toEqual({ instrumentId: "odi", score: row?.score, responseId: row?.id });
  });

  it("refuses missing required items and writes nothing", async () => {
    const s = await setup();
    const r = await recordQuestionnaire(s.deps, s.actor, s.patient.id, "lefs", { "lefs-1": 3 });
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.code === "invalid") expect(r.error.errors).toHaveLength(19);
    expect(await s.rows()).toHaveLength(0);
    expect(await s.events("questionnaire.completed")).toHaveLength(0);
  });

  it("a full NPRS questionnaire feeds the pain rule too", async () => {
    const s = await setup();
    const r = await recordQuestionnaire(s.deps, s.actor, s.patient.id, "nprs", { "nprs-pain": 9 });
    expect(r).toMatchObject({ ok: true, value: { taskOpened: true } });
    expect(await s.painTasks()).toHaveLength(1);
  });
});
