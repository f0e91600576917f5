import { and, eq } from "drizzle-orm";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import type { OutboundEnvelope } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { createLogger } from "../../../src/platform/logger";
import { clinics, consents, episodes, messages, surveyAnswers, tasks } from "../../../src/platform/schema";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic, makePatient, uniqueNumber } from "../../helpers/factories";
import { env } from "../../helpers/http";

export const REVIEW_URL = "https://g.page/r/harbor-pt-example/review";
export const DAY = 86_400_000;

/**
 * A clinic (with its own SMS number and, unless told otherwise, a review page), a patient who consented
 * to texts, and an episode of care discharged two days before `now`.
 */
export async function dischargedPatient(
  now: number,
  o: { reviewUrl?: string | null; language?: "en" | "es"; smsConsent?: boolean; name?: string } = {},
) {
  const clinic = await makeClinic(o.name ?? "Harbor PT");
  const smsNumber = uniqueNumber();
  const reviewUrl = o.reviewUrl === undefined ? REVIEW_URL : o.reviewUrl;
  await db()
    .update(clinics)
    .set({ smsNumber, settings: JSON.stringify(reviewUrl ? { reviewUrl } : {}) })
    .where(eq(clinics.id, clinic.id));
  const patient = await makePatient(clinic.id, { preferredLanguage: o.language ?? "en", email: null });
  if (o.smsConsent === false) {
    await db()
      .insert(consents)
      .values({
        id: newId(),
        clinicId: clinic.id,
        patientId: patient.id,
        channel: "sms",
        status: "revoked",
        source: "staff",
        recordedAt: now - 3 * DAY,
      });
  }
  const episodeId = await makeEpisode(clinic.id, patient.id, { status: "discharged", dischargedAt: now - 2 * DAY });
  return { clinic, patient, episodeId, smsNumber };
}

export async function makeEpisode(clinicId: string, patientId: string, o: { status: "open" | "discharged"; dischargedAt: number | null }) {
  const id = newId();
  const at = Date.now();
  await db()
    .insert(episodes)
    .values({
      id,
      clinicId,
      patientId,
      bodyRegion: "knee",
      diagnosis: "Patellofemoral pain",
      startDate: "2026-09-01",
      visitsPrescribed: 8,
      frequencyPerWeek: 2,
      durationWeeks: 4,
      status: o.status,
      dischargeReason: o.status === "discharged" ? "goals_met" : null,
      dischargedAt: o.dischargedAt,
      createdAt: at,
      updatedAt: at,
    });
  return id;
}

/** Service deps on a fixed clock; outbound messages are recorded instead of queued, and log lines are kept. */
export function surveyDeps(now: number) {
  const enqueued: OutboundEnvelope[] = [];
  const logs: string[] = [];
  const outbound = { send: async (b: OutboundEnvelope) => void enqueued.push(b), sendBatch: async () => {} };
  const clock = fixedClock(now);
  const deps = makeDeps(env, {
    clock,
    logger: createLogger((line) => logs.push(line)),
    queues: queuesWith({ outbound: outbound as unknown as Queue<OutboundEnvelope> }),
  });
  return { deps, clock, enqueued, logs };
}

/** The discharge survey text as the journey sends it, already sent at `sentAt`. */
export async function surveySent(clinicId: string, patientId: string, episodeId: string, sentAt: number) {
  await db()
    .insert(messages)
    .values({
      id: newId(sentAt),
      clinicId,
      patientId,
      direction: "outbound",
      channel: "sms",
      category: "automated",
      purpose: "discharge_survey",
      dedupeKey: `survey:${episodeId}:p:${patientId}`,
      toAddress: "+16175550111",
      body: "How likely are you to recommend us, 0-10?",
      status: "sent",
      sendAt: sentAt,
      createdAt: sentAt,
      updatedAt: sentAt,
    });
}

export const answerOf = (clinicId: string, episodeId: string) =>
  db()
    .select()
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.clinicId, clinicId), eq(surveyAnswers.episodeId, episodeId)))
    .get();

export const messagesOf = (clinicId: string, patientId: string, purpose: string) =>
  db()
    .select()
    .from(messages)
    .where(and(eq(messages.clinicId, clinicId), eq(messages.patientId, patientId), eq(messages.purpose, purpose)))
    .all();

export const recoveryTasksOf = (clinicId: string, patientId: string) =>
  db()
    .select()
    .from(tasks)
    .where(and(eq(tasks.clinicId, clinicId), eq(tasks.patientId, patientId), eq(tasks.type, "service_recovery")))
    .all();
