import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handleInboundSms } from "../../../src/messaging/inbound";
import { messages, messageThreads } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { answerOf, DAY, dischargedPatient, makeEpisode, messagesOf, recoveryTasksOf, surveyDeps, surveySent } from "./setup";

const NOON_NY = Date.parse("2026-12-01T17:00:00Z");
let sid = 0;

async function text(now: number, t: Awaited<ReturnType<typeof dischargedPatient>>, body: string) {
  sid += 1;
  const s = surveyDeps(now);
  const outcome = await handleInboundSms(s.deps, {
    messageSid: `SMsurvey${t.clinic.id}${sid}`,
    from: t.patient.phone ?? "",
    to: t.smsNumber,
    body,
  });
  return { ...s, outcome };
}

const threadOf = (clinicId: string, patientId: string) =>
  db()
    .select()
    .from(messageThreads)
    .where(and(eq(messageThreads.clinicId, clinicId), eq(messageThreads.patientId, patientId)))
    .get();

const inboundOf = (clinicId: string, patientId: string) =>
  db()
    .select()
    .from(messages)
    .where(and(eq(messages.clinicId, clinicId), eq(messages.patientId, patientId), eq(messages.direction, "inbound")))
    .all();

describe("a text that answers the discharge survey", () => {
  it("a bare score after a recent survey is recorded as the answer (by text), not left in the inbox", async () => {
    const t = await dischargedPatient(NOON_NY);
    await surveySent(t.clinic.id, t.patient.id, t.episodeId, NOON_NY - DAY);
    const { outcome } = await text(NOON_NY, t, "10!");
    expect(outcome).toMatchObject({ status: "handled", action: "survey_answered" });
    expect(await answerOf(t.clinic.id, t.episodeId)).toMatchObject({ score: 10, channel: "sms", comment: null, answeredAt: NOON_NY });
    // The text itself is still on the record, but opens no inbox thread.
    expect(await inboundOf(t.clinic.id, t.patient.id)).toMatchObject([{ body: "10!", status: "received" }]);
    expect(await threadOf(t.clinic.id, t.patient.id)).toBeUndefined();
    // A promoter: the review request goes by text.
    expect(await messagesOf(t.clinic.id, t.patient.id, "review_request")).toMatchObject([{ status: "queued", channel: "sms" }]);
  });

  it("a Spanish word answers too, and a detractor's text opens the recovery task", async () => {
    const t = await dischargedPatient(NOON_NY, { language: "es" });
    await surveySent(t.clinic.id, t.patient.id, t.episodeId, NOON_NY - DAY - 3_600_000);
    const { outcome } = await text(NOON_NY, t, "cinco");
    expect(outcome).toMatchObject({ action: "survey_answered" });
    expect(await answerOf(t.clinic.id, t.episodeId)).toMatchObject({ score: 5, channel: "sms" });
    expect(await recoveryTasksOf(t.clinic.id, t.patient.id)).toHaveLength(1);
  });

  it("a number with no survey sent is an ordinary text for the inbox", async () => {
    const t = await dischargedPatient(NOON_NY);
    const { outcome } = await text(NOON_NY, t, "9");
    expect(outcome).toMatchObject({ status: "handled", action: "thread" });
    expect(await answerOf(t.clinic.id, t.episodeId)).toBeUndefined();
    expect(await threadOf(t.clinic.id, t.patient.id)).toMatchObject({ status: "open", unreadCount: 1 });
  });

  it("a survey sent more than 14 days ago, or only planned, or one already answered, takes no text as its answer", async () => {
    const old = await dischargedPatient(NOON_NY - 30 * DAY);
    await surveySent(old.clinic.id, old.patient.id, old.episodeId, NOON_NY - 15 * DAY);
    expect((await text(NOON_NY, old, "9")).outcome).toMatchObject({ action: "thread" });
    expect(await answerOf(old.clinic.id, old.episodeId)).toBeUndefined();

    const answered = await dischargedPatient(NOON_NY);
    await surveySent(answered.clinic.id, answered.patient.id, answered.episodeId, NOON_NY - DAY);
    expect((await text(NOON_NY, answered, "9")).outcome).toMatchObject({ action: "survey_answered" });
    expect((await text(NOON_NY + 60_000, answered, "3")).outcome).toMatchObject({ action: "thread" });
    expect(await answerOf(answered.clinic.id, answered.episodeId)).toMatchObject({ score: 9 });
    expect(await recoveryTasksOf(answered.clinic.id, answered.patient.id)).toEqual([]);
  });

  it("a survey for an earlier episode does not count once a later one was discharged", async () => {
    const t = await dischargedPatient(NOON_NY);
    await surveySent(t.clinic.id, t.patient.id, t.episodeId, NOON_NY - DAY);
    // A second episode, discharged after that survey went out: its own survey has not been sent yet.
    const later = await makeEpisode(t.clinic.id, t.patient.id, { status: "discharged", dischargedAt: NOON_NY - 60_000 });
    expect((await text(NOON_NY, t, "8")).outcome).toMatchObject({ action: "thread" });
    expect(await answerOf(t.clinic.id, later)).toBeUndefined();
    expect(await answerOf(t.clinic.id, t.episodeId)).toBeUndefined();
  });

  it("keywords keep their meaning while a survey waits: STOP opts out, and a sentence goes to the inbox", async () => {
    const t = await dischargedPatient(NOON_NY);
    await surveySent(t.clinic.id, t.patient.id, t.episodeId, NOON_NY - DAY);
    expect((await text(NOON_NY, t, "STOP")).outcome).toMatchObject({ intent: "opt_out", action: "opted_out" });
    expect((await text(NOON_NY + 60_000, t, "5 stars, thank you all")).outcome).toMatchObject({ action: "thread" });
    expect(await answerOf(t.clinic.id, t.episodeId)).toBeUndefined();
  });
});
