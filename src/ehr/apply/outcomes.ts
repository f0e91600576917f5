// Pain scores and questionnaires from the EHR, stored like the portal's (source "ehr") and read by the same rules.

import { and, eq } from "drizzle-orm";
import { localDateIn } from "../../clinics/model";
import { commitWithEvents, type DomainEvent } from "../../events/publish";
import { painAlert, painTask } from "../../outcomes/pain-rule";
import type { Answers, InstrumentId } from "../../outcomes/questionnaires";
import * as outcomesRepo from "../../outcomes/repo";
import { toQuestionnaireResponse } from "../../outcomes/scoring";
import { questionnaireResponses } from "../../outcomes/tables";
import { auditStatement } from "../../platform/audit";
import type { BatchItem } from "../../platform/db";
import { newId } from "../../platform/ids";
import { insertRuleTask } from "../../worklist/repo";
import { isHistory } from "../fhir/common";
import { type LinkRow, linkStatements, localTypes } from "../links";
import type { ApplyContext, ApplyOutcome, FhirResource } from "./types";

export interface OutcomeInput {
  patientId: string;
  instrumentId: InstrumentId;
  kind: "check_in" | "questionnaire";
  answers: Answers;
  score: number;
  authoredAt: number;
}

/**
 * Records the response with its audit row, link and events in one batch. Only a recent one (the last 30
 * days) tells the journey or may open a pain task: a pain score from years ago is history, not news.
 * A newer version of a response already here corrects its score and time, and opens nothing.
 */
export async function recordOutcome(
  ctx: ApplyContext,
  resource: FhirResource,
  link: LinkRow | null,
  input: OutcomeInput,
): Promise<ApplyOutcome> {
  const { db } = ctx.deps;
  const now = ctx.deps.clock.now();
  const fhir = toQuestionnaireResponse(input.instrumentId, input.answers, {
    patientReference: `Patient/${input.patientId}`,
    authored: new Date(input.authoredAt),
  });
  const existing =
    link?.localType === localTypes.response
      ? await db
          .select()
          .from(questionnaireResponses)
          .where(and(eq(questionnaireResponses.clinicId, ctx.clinicId), eq(questionnaireResponses.id, link.localId)))
          .get()
      : undefined;
  if (existing) {
    const local = { localType: localTypes.response, localId: existing.id };
    const same = existing.score === input.score && existing.authoredAt === input.authoredAt && existing.resource === JSON.stringify(fhir);
    await commitWithEvents(
      ctx.deps,
      ctx.actor,
      [
        ...(same
          ? []
          : [
              db
                .update(questionnaireResponses)
                .set({ score: input.score, authoredAt: input.authoredAt, resource: JSON.stringify(fhir) })
                .where(and(eq(questionnaireResponses.clinicId, ctx.clinicId), eq(questionnaireResponses.id, existing.id))),
              auditStatement(ctx.deps, ctx.actor, "outcome.update", input.patientId),
            ]),
        ...linkStatements(db, ctx, resource, local, link, now),
      ],
      [],
    );
    return { result: same ? "unchanged" : "applied", local };
  }

  const episode = await outcomesRepo.openEpisodeOf(db, ctx.clinicId, input.patientId);
  const episodeId = episode?.id ?? null;
  const isPain = input.instrumentId === "nprs";
  const baseline = isPain ? await outcomesRepo.firstPainScore(db, ctx.clinicId, input.patientId, episodeId) : null;
  const id = newId(now);
  const local = { localType: localTypes.response, localId: id };
  const statements: BatchItem[] = [
    outcomesRepo.insertResponse(db, {
      id,
      clinicId: ctx.clinicId,
      patientId: input.patientId,
      episodeId,
      instrumentId: input.instrumentId,
      kind: input.kind,
      score: input.score,
      note: null,
      resource: JSON.stringify(fhir),
      source: "ehr",
      authoredAt: input.authoredAt,
    }),
    auditStatement(ctx.deps, ctx.actor, input.kind === "check_in" ? "outcome.check_in" : "outcome.questionnaire", input.patientId),
    ...linkStatements(db, ctx, resource, local, link, now),
  ];
  if (isHistory(input.authoredAt, now)) {
    await commitWithEvents(ctx.deps, ctx.actor, statements, []);
    return { result: "applied", local, note: "history: recorded without tasks" };
  }
  const events: DomainEvent[] = [
    input.kind === "check_in"
      ? { type: "checkin.recorded", patientId: input.patientId, payload: { score: input.score, baseline } }
      : {
          type: "questionnaire.completed",
          patientId: input.patientId,
          payload: { instrumentId: input.instrumentId, score: input.score, responseId: id },
        },
  ];
  const alert = isPain ? painAlert(input.score, baseline) : null;
  if (alert) {
    const task = painTask(alert, { patientId: input.patientId, responseId: id, today: localDateIn(now, ctx.clinicTimeZone) });
    const taskId = newId(now);
    statements.push(insertRuleTask(db, { id: taskId, clinicId: ctx.clinicId, ...task, status: "open", createdBy: "rule", createdAt: now }));
    events.push({ type: "task.created", patientId: input.patientId, payload: { taskId, taskType: task.type, source: "rule" } });
  }
  await commitWithEvents(ctx.deps, ctx.actor, statements, events);
  return { result: "applied", local };
}
