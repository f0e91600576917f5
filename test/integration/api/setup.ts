import { eq } from "drizzle-orm";
import { apiKeyHash, apiKeyPrefix, newApiKey } from "../../../src/integrations/model";
import type { ApiScope } from "../../../src/integrations/tables";
import { toQuestionnaireResponse } from "../../../src/outcomes/scoring";
import { newId } from "../../../src/platform/ids";
import { apiKeys, appointments, auditEvents, episodes, messages, questionnaireResponses, tasks } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { fetchApp } from "../../helpers/http";
import { makeIntegration } from "../../helpers/integrations";

/** A due date a week ahead (the worklist takes dates from today to two years out). */
export const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** Response bodies are walked freely in assertions; their shapes are pinned by the schemas and the FHIR validator. */
// biome-ignore lint/suspicious/noExplicitAny: JSON read back from the API in tests
export type Json = Record<string, any>;

export const allScopes: ApiScope[] = ["fhir:read", "api:read", "api:write"];

/** An API key inserted as the settings page would store it (hash and prefix only); returns the key in clear. */
export async function makeApiKey(clinicId: string, opts: { scopes?: ApiScope[]; integrationId?: string | null; revoked?: boolean } = {}) {
  const key = newApiKey();
  const id = newId();
  await db()
    .insert(apiKeys)
    .values({
      id,
      clinicId,
      integrationId: opts.integrationId ?? null,
      name: "Test key",
      prefix: apiKeyPrefix(key),
      keyHash: await apiKeyHash(key),
      scopes: JSON.stringify(opts.scopes ?? allScopes),
      createdAt: Date.now(),
      revokedAt: opts.revoked ? Date.now() : null,
    });
  return { key, id };
}

/** A GET (or other call) with the key as a bearer token. */
export function withKey(key: string, path: string, init: RequestInit = {}) {
  return fetchApp(path, { ...init, headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) } });
}

export const postJson = (key: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  withKey(key, path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

export const auditRowsOf = (clinicId: string) => db().select().from(auditEvents).where(eq(auditEvents.clinicId, clinicId)).all();

const HOUR = 3_600_000;

/**
 * A clinic with an EHR integration and a key for it, and one patient with a little of everything the
 * APIs serve: an episode, visits in every status, a pain check-in, an ODI questionnaire, messages and a task.
 */
export async function apiClinic(name = "API Clinic") {
  const clinic = await makeClinic(name);
  const integration = await makeIntegration(clinic.id);
  const { key, id: keyId } = await makeApiKey(clinic.id, { integrationId: integration.id });
  const patient = await makePatient(clinic.id, {
    givenName: "Rosa",
    familyName: `Quintero${name.replaceAll(" ", "")}`,
    dateOfBirth: "1975-06-15",
  });
  const now = Date.now();
  const episodeId = newId(now);
  await db().insert(episodes).values({
    id: episodeId,
    clinicId: clinic.id,
    patientId: patient.id,
    bodyRegion: "knee",
    diagnosis: "Knee osteoarthritis",
    icd10Code: "M17.11",
    startDate: "2026-01-05",
    visitsPrescribed: 8,
    frequencyPerWeek: 2,
    durationWeeks: 4,
    goals: "Walk the dog",
    createdAt: now,
    updatedAt: now,
  });
  const statuses = ["booked", "confirmed", "arrived", "attended", "cancelled", "no_show"] as const;
  const visitIds: Record<(typeof statuses)[number], string> = {} as never;
  for (const [i, status] of statuses.entries()) {
    const id = newId(now);
    visitIds[status] = id;
    const startsAt = now + (i - 3) * 24 * HOUR;
    await db()
      .insert(appointments)
      .values({
        id,
        clinicId: clinic.id,
        patientId: patient.id,
        therapistId: clinic.staff.therapist.id,
        episodeId,
        startsAt,
        endsAt: startsAt + 45 * 60_000,
        durationMinutes: 45,
        type: i === 0 ? "evaluation" : "follow_up",
        status,
        cancelReason: status === "cancelled" ? "Sick" : null,
        createdAt: now,
        updatedAt: now,
      });
  }
  const checkInId = newId(now);
  const odiId = newId(now);
  const odiAnswers = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`odi-${i + 1}`, 2]));
  await db()
    .insert(questionnaireResponses)
    .values([
      {
        id: checkInId,
        clinicId: clinic.id,
        patientId: patient.id,
        episodeId,
        instrumentId: "nprs",
        kind: "check_in",
        score: 6,
        note: null,
        resource: JSON.stringify(
          toQuestionnaireResponse("nprs", { "nprs-pain": 6 }, { patientReference: `Patient/${patient.id}`, authored: new Date(now) }),
        ),
        source: "portal",
        authoredAt: now - HOUR,
      },
      {
        id: odiId,
        clinicId: clinic.id,
        patientId: patient.id,
        episodeId,
        instrumentId: "odi",
        kind: "questionnaire",
        score: 40,
        resource: JSON.stringify(
          toQuestionnaireResponse("odi", odiAnswers, { patientReference: `Patient/${patient.id}`, authored: new Date(now) }),
        ),
        source: "portal",
        authoredAt: now,
      },
    ]);
  const messageId = newId(now);
  await db()
    .insert(messages)
    .values({
      id: messageId,
      clinicId: clinic.id,
      patientId: patient.id,
      direction: "outbound",
      channel: "sms",
      category: "reminder",
      purpose: "visit_reminder",
      toAddress: patient.phone ?? "",
      body: "See you tomorrow at 10:00",
      status: "delivered",
      sendAt: now,
      createdAt: now,
      updatedAt: now,
    });
  const taskId = newId(now);
  await db().insert(tasks).values({
    id: taskId,
    clinicId: clinic.id,
    patientId: patient.id,
    type: "other",
    title: "Call about the knee brace",
    dueDate: "2030-01-01",
    createdAt: now,
  });
  return { clinic, integration, key, keyId, patient, episodeId, visitIds, checkInId, odiId, messageId, taskId };
}
