// Recording pain check-ins and questionnaires: the response, its audit row, its events and (for worrying pain)
// a worklist task commit together, or nothing does.
import { sql } from "drizzle-orm";
import { localDateIn } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import { commitWithEvents, type DomainEvent } from "../events/publish";
import { findPatient } from "../patients/repo";
import { type Actor, auditStatement } from "../platform/audit";
import { type BatchItem, guard, isGuardFailure } from "../platform/db";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { insertRuleTask } from "../worklist/repo";
import { NOTE_MAX } from "./form";
import { painAlert, painTask } from "./pain-rule";
import type { Answers, InstrumentId, ItemError } from "./questionnaires";
import * as repo from "./repo";
import { score, toQuestionnaireResponse } from "./scoring";
import { questionnaireResponses } from "./tables";

const DOUBLE_SUBMIT_MS = 30_000;

export type OutcomeError = { code: "invalid"; errors: ItemError[] } | { code: "not_found" };

export interface RecordedResponse {
  responseId: string;
  score: number;
  /** The pain baseline before this response (NPRS only); null when this one is the first. */
  baseline: number | null;
  /** Whether the pain rule opened a task for the clinic. */
  taskOpened: boolean;
}

type Source = "portal" | "staff";

/** The 10-second check-in: NPRS 0-10 and an optional note. */
export function recordCheckIn(
  deps: Deps,
  actor: Actor,
  patientId: string,
  input: { pain: number; note: string | null },
  source: Source = "portal",
): Promise<Result<RecordedResponse, OutcomeError>> {
  return record(deps, actor, {
    patientId,
    instrumentId: "nprs",
    kind: "check_in",
    answers: { "nprs-pain": input.pain },
    note: input.note,
    source,
  });
}

/** A full questionnaire of any instrument (NPRS included, which the pain rule then also reads). */
export function recordQuestionnaire(
  deps: Deps,
  actor: Actor,
  patientId: string,
  instrumentId: InstrumentId,
  answers: Answers,
  source: Source = "portal",
): Promise<Result<RecordedResponse, OutcomeError>> {
  return record(deps, actor, { patientId, instrumentId, kind: "questionnaire", answers, note: null, source });
}

async function record(
  deps: Deps,
  actor: Actor,
  input: {
    patientId: string;
    instrumentId: InstrumentId;
    kind: "check_in" | "questionnaire";
    answers: Answers;
    note: string | null;
    source: Source;
  },
): Promise<Result<RecordedResponse, OutcomeError>> {
  const { patientId, instrumentId } = input;
  const note = input.note?.trim() || null;
  if (note && note.length > NOTE_MAX)
    return err({ code: "invalid", errors: [{ linkId: "note", message: `At most ${NOTE_MAX} characters` }] });
  const result = score(instrumentId, input.answers);
  if (!result.ok) return err({ code: "invalid", errors: result.errors });

  const [patient, clinic, episode] = await Promise.all([
    findPatient(deps.db, actor.clinicId, patientId),
    findClinic(deps.db, actor.clinicId),
    repo.openEpisodeOf(deps.db, actor.clinicId, patientId),
  ]);
  if (!patient || !clinic) return err({ code: "not_found" });
  const episodeId = episode?.id ?? null;
  const isPain = instrumentId === "nprs";
  const baseline = isPain ? await repo.firstPainScore(deps.db, actor.clinicId, patientId, episodeId) : null;

  const now = deps.clock.now();
  const responseId = newId(now);
  const resource = toQuestionnaireResponse(instrumentId, input.answers, {
    patientReference: `Patient/${patientId}`,
    authored: new Date(now),
  });
  const statements: BatchItem[] = [
    // A double tap (the same answer again within 30 seconds) stores nothing the second time: no second task.
    guard(sql`NOT EXISTS (SELECT 1 FROM ${questionnaireResponses} WHERE clinic_id = ${actor.clinicId} AND patient_id = ${patientId}
      AND instrument_id = ${instrumentId} AND kind = ${input.kind} AND score = ${result.score} AND authored_at > ${now - DOUBLE_SUBMIT_MS})`),
    repo.insertResponse(deps.db, {
      id: responseId,
      clinicId: actor.clinicId,
      patientId,
      episodeId,
      instrumentId,
      kind: input.kind,
      score: result.score,
      note,
      resource: JSON.stringify(resource),
      source: input.source,
      authoredAt: now,
    }),
    auditStatement(deps, actor, input.kind === "check_in" ? "outcome.check_in" : "outcome.questionnaire", patientId),
  ];
  const events: DomainEvent[] = [
    input.kind === "check_in"
      ? { type: "checkin.recorded", patientId, payload: { score: result.score, baseline } }
      : { type: "questionnaire.completed", patientId, payload: { instrumentId, score: result.score, responseId } },
  ];

  const alert = isPain ? painAlert(result.score, baseline) : null;
  if (alert) {
    const task = painTask(alert, { patientId, responseId, today: localDateIn(now, clinic.timeZone) });
    const taskId = newId(now);
    statements.push(
      insertRuleTask(deps.db, { id: taskId, clinicId: actor.clinicId, ...task, status: "open", createdBy: "rule", createdAt: now }),
    );
    events.push({ type: "task.created", patientId, payload: { taskId, taskType: task.type, source: "rule" } });
  }
  try {
    await commitWithEvents(deps, actor, statements, events);
  } catch (error) {
    if (!isGuardFailure(error)) throw error;
    const first = await repo.latestResponse(deps.db, actor.clinicId, patientId, instrumentId, input.kind);
    if (!first) throw error;
    return ok({ responseId: first.id, score: first.score, baseline, taskOpened: false });
  }
  return ok({ responseId, score: result.score, baseline, taskOpened: alert !== null });
}
