import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, domainEvents } from "../../../src/platform/schema";
import { recordAnswer } from "../../../src/surveys/service";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { answerOf, DAY, dischargedPatient, makeEpisode, messagesOf, recoveryTasksOf, surveyDeps } from "./setup";

const NOON_NY = Date.parse("2026-12-01T17:00:00Z");
const LATE_NY = Date.parse("2026-12-02T03:30:00Z"); // 22:30 in New York: quiet hours

const patientActor = (clinicId: string, patientId: string) => ({
  clinicId,
  actorType: "patient" as const,
  actorId: patientId,
  route: "test",
  clientIp: null,
  userAgent: null,
  requestId: null,
});

async function answer(now: number, t: Awaited<ReturnType<typeof dischargedPatient>>, score: number, comment: string | null = null) {
  const s = surveyDeps(now);
  const result = await recordAnswer(s.deps, patientActor(t.clinic.id, t.patient.id), {
    patientId: t.patient.id,
    episodeId: t.episodeId,
    score,
    comment,
    channel: "portal",
  });
  return { ...s, result };
}

describe("recording the discharge survey's answer", () => {
  it("a promoter of a clinic with a review page, who consented to texts, gets one review request with Rapport's review link", async () => {
    const t = await dischargedPatient(NOON_NY);
    const { result, enqueued } = await answer(NOON_NY, t, 10, "Everyone was lovely");
    expect(result).toMatchObject({ ok: true, value: { category: "promoter", changed: false, reviewAsked: true, recoveryTaskId: null } });
    const [request, ...more] = await messagesOf(t.clinic.id, t.patient.id, "review_request");
    expect(more).toEqual([]);
    expect(request).toMatchObject({ status: "queued", channel: "sms", sendAt: NOON_NY });
    expect(enqueued).toEqual([{ v: 1, messageId: request?.id }]);
    // The text carries Rapport's signed link, not the review site and nothing about the patient's answer.
    const link = /https?:\/\/\S+\/p\/r\/([0-9a-z]{26})\.[A-Za-z0-9_-]{22}/.exec(request?.body ?? "");
    expect(link?.[1]).toBe(result.ok ? result.value.answerId : "");
    expect(request?.body).not.toContain("g.page");
    expect(request?.body).not.toContain("lovely");
    const row = await answerOf(t.clinic.id, t.episodeId);
    expect(row).toMatchObject({
      score: 10,
      comment: "Everyone was lovely",
      channel: "portal",
      answeredAt: NOON_NY,
      reviewAskedAt: NOON_NY,
    });
    expect(await recoveryTasksOf(t.clinic.id, t.patient.id)).toEqual([]);
  });

  it("the answer commits with its audit row and a survey.answered event that carries no comment", async () => {
    const t = await dischargedPatient(NOON_NY);
    const { result } = await answer(NOON_NY, t, 8, "Parking was hard");
    const events = await db()
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.clinicId, t.clinic.id), eq(domainEvents.type, "survey.answered")))
      .all();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.payload ?? "{}")).toEqual({
      answerId: result.ok ? result.value.answerId : "",
      episodeId: t.episodeId,
      score: 8,
      category: "passive",
      channel: "portal",
      changed: false,
    });
    expect(events[0]?.payload).not.toContain("Parking");
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, t.clinic.id), eq(auditEvents.action, "survey.answer")))
      .all();
    expect(audit).toMatchObject([{ patientId: t.patient.id, actorType: "patient" }]);
  });

  it("a promoter gets no review request when the clinic has no review page", async () => {
    const t = await dischargedPatient(NOON_NY, { reviewUrl: null });
    const { result, enqueued } = await answer(NOON_NY, t, 9);
    expect(result).toMatchObject({ ok: true, value: { category: "promoter", reviewAsked: false } });
    expect(await messagesOf(t.clinic.id, t.patient.id, "review_request")).toEqual([]);
    expect(enqueued).toEqual([]);
    expect((await answerOf(t.clinic.id, t.episodeId))?.reviewAskedAt).toBeNull();
  });

  it("without consent the review request is suppressed with its reason, and review_asked_at stays empty", async () => {
    const t = await dischargedPatient(NOON_NY, { smsConsent: false });
    const { result, enqueued } = await answer(NOON_NY, t, 10);
    expect(result).toMatchObject({ ok: true, value: { reviewAsked: false } });
    expect(await messagesOf(t.clinic.id, t.patient.id, "review_request")).toMatchObject([
      { status: "suppressed", suppressedReason: "no consent for this channel" },
    ]);
    expect(enqueued).toEqual([]);
    expect((await answerOf(t.clinic.id, t.episodeId))?.reviewAskedAt).toBeNull();
  });

  it("in quiet hours the review request waits for the morning, and counts as asked for then", async () => {
    const t = await dischargedPatient(LATE_NY);
    const { result } = await answer(LATE_NY, t, 9);
    expect(result).toMatchObject({ ok: true, value: { reviewAsked: true } });
    const [request] = await messagesOf(t.clinic.id, t.patient.id, "review_request");
    const morning = Date.parse("2026-12-02T13:00:00Z"); // 08:00 in New York
    expect(request).toMatchObject({ status: "scheduled", sendAt: morning });
    expect((await answerOf(t.clinic.id, t.episodeId))?.reviewAskedAt).toBe(morning);
  });

  it("a detractor opens one service-recovery task for the owner, with the score and comment, never in the logs", async () => {
    const t = await dischargedPatient(NOON_NY);
    const { result, enqueued, logs } = await answer(NOON_NY, t, 3, "Nobody called me back about billing");
    expect(result).toMatchObject({ ok: true, value: { category: "detractor", reviewAsked: false } });
    const [task, ...more] = await recoveryTasksOf(t.clinic.id, t.patient.id);
    expect(more).toEqual([]);
    expect(task).toMatchObject({
      id: result.ok ? result.value.recoveryTaskId : "",
      status: "open",
      assigneeId: t.clinic.staff.owner.id,
      dueDate: "2026-12-01",
      ruleKey: `service_recovery:${t.episodeId}`,
    });
    expect(task?.title).toContain("rated us 3 of 10");
    expect(task?.title).toContain("Nobody called me back about billing");
    expect((await answerOf(t.clinic.id, t.episodeId))?.recoveryTaskId).toBe(task?.id);
    expect(await messagesOf(t.clinic.id, t.patient.id, "review_request")).toEqual([]);
    expect(enqueued).toEqual([]);
    for (const line of logs) expect(line).not.toContain("billing");
  });

  it("a passive answer is recorded and nothing more happens", async () => {
    const t = await dischargedPatient(NOON_NY);
    const { result, enqueued } = await answer(NOON_NY, t, 7);
    expect(result).toMatchObject({ ok: true, value: { category: "passive", reviewAsked: false, recoveryTaskId: null } });
    expect(await recoveryTasksOf(t.clinic.id, t.patient.id)).toEqual([]);
    expect(await messagesOf(t.clinic.id, t.patient.id, "review_request")).toEqual([]);
    expect(enqueued).toEqual([]);
  });

  it("a second answer replaces the score, comment and time, and never sends a second request or opens a second task", async () => {
    const t = await dischargedPatient(NOON_NY);
    const first = await answer(NOON_NY, t, 9, "Great");
    const second = await answer(NOON_NY + DAY, t, 10, null);
    expect(second.result).toMatchObject({ ok: true, value: { changed: true, reviewAsked: true } });
    expect(second.result.ok && first.result.ok && second.result.value.answerId).toBe(first.result.ok && first.result.value.answerId);
    expect(await answerOf(t.clinic.id, t.episodeId)).toMatchObject({
      score: 10,
      comment: null,
      answeredAt: NOON_NY + DAY,
      reviewAskedAt: NOON_NY,
    });
    expect(await messagesOf(t.clinic.id, t.patient.id, "review_request")).toHaveLength(1);
    expect(second.enqueued).toEqual([]);

    // Changed to a detractor: there is now something to put right, once.
    const third = await answer(NOON_NY + 2 * DAY, t, 2, "Actually the bill was wrong");
    const fourth = await answer(NOON_NY + 3 * DAY, t, 1, "Still wrong");
    const tasks = await recoveryTasksOf(t.clinic.id, t.patient.id);
    expect(tasks).toHaveLength(1);
    expect(third.result.ok && third.result.value.recoveryTaskId).toBe(tasks[0]?.id);
    expect(fourth.result.ok && fourth.result.value.recoveryTaskId).toBe(tasks[0]?.id);
    expect(await answerOf(t.clinic.id, t.episodeId)).toMatchObject({ score: 1, comment: "Still wrong", recoveryTaskId: tasks[0]?.id });
    expect(await messagesOf(t.clinic.id, t.patient.id, "review_request")).toHaveLength(1);
  });

  it("another clinic's episode is refused and nothing is stored", async () => {
    const t = await dischargedPatient(NOON_NY);
    const other = await makeClinic("Elsewhere PT");
    const { deps } = surveyDeps(NOON_NY);
    const actor = patientActor(other.id, t.patient.id);
    const input = { patientId: t.patient.id, episodeId: t.episodeId, score: 2, comment: "x", channel: "staff" as const };
    expect(await recordAnswer(deps, actor, input)).toEqual({ ok: false, error: "not_found" });
    // Nor another patient's episode within the clinic.
    const sibling = await makePatient(t.clinic.id, { givenName: "Bea" });
    const own = patientActor(t.clinic.id, sibling.id);
    expect(await recordAnswer(deps, own, { ...input, patientId: sibling.id })).toEqual({ ok: false, error: "not_found" });
    expect(await answerOf(t.clinic.id, t.episodeId)).toBeUndefined();
    expect(await answerOf(other.id, t.episodeId)).toBeUndefined();
    expect(await recoveryTasksOf(t.clinic.id, t.patient.id)).toEqual([]);
  });

  it("an episode still open, or a score outside 0-10, is refused", async () => {
    const t = await dischargedPatient(NOON_NY);
    const openEpisode = await makeEpisode(t.clinic.id, t.patient.id, { status: "open", dischargedAt: null });
    const { deps } = surveyDeps(NOON_NY);
    const actor = patientActor(t.clinic.id, t.patient.id);
    const base = { patientId: t.patient.id, comment: null, channel: "portal" as const };
    expect(await recordAnswer(deps, actor, { ...base, episodeId: openEpisode, score: 9 })).toEqual({ ok: false, error: "not_discharged" });
    expect(await recordAnswer(deps, actor, { ...base, episodeId: t.episodeId, score: 11 })).toEqual({ ok: false, error: "invalid_score" });
    expect(await recordAnswer(deps, actor, { ...base, episodeId: t.episodeId, score: 8.5 })).toEqual({ ok: false, error: "invalid_score" });
    expect(await answerOf(t.clinic.id, t.episodeId)).toBeUndefined();
  });
});
