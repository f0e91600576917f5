import { localDateIn, parseSettings } from "../clinics/model";
import { findClinic, listStaff } from "../clinics/repo";
import { findEpisode } from "../episodes/repo";
import { commitWithEvents, type DomainEvent } from "../events/publish";
import { publicOriginOf, requestMessage } from "../messaging/service";
import { type Actor, auditStatement } from "../platform/audit";
import type { BatchItem } from "../platform/db";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { insertRuleTask } from "../worklist/repo";
import { categoryOf, isSurveyScore, recoveryOwner, type SurveyCategory, serviceRecoveryTitle } from "./model";
import * as repo from "./repo";
import { answerIdOfReviewToken, reviewPath, reviewToken } from "./review-link";
import type { surveyChannels } from "./tables";

export type SurveyChannel = (typeof surveyChannels)[number];

export interface AnswerInput {
  patientId: string;
  episodeId: string;
  score: number;
  /** Free text from the patient: stored, shown to staff, put in the recovery task; never in an event, a log or a webhook. */
  comment: string | null;
  channel: SurveyChannel;
}

export type AnswerError = "not_found" | "not_discharged" | "invalid_score";

export interface RecordedAnswer {
  answerId: string;
  category: SurveyCategory;
  /** A second answer for the episode: it replaced the first. */
  changed: boolean;
  recoveryTaskId: string | null;
  /** A review request is on its way (now or earlier). */
  reviewAsked: boolean;
}

/** One rule key per episode: whatever happens, an episode never gets a second service-recovery task. */
export const recoveryRuleKey = (episodeId: string) => `service_recovery:${episodeId}`;

/**
 * Records the discharge survey's answer for an episode of the actor's clinic: one answer per episode, a
 * later one replacing the score and comment. The answer, its audit row, its `survey.answered` event and,
 * for a detractor, the service-recovery task commit in one batch (with `alongside`, e.g. the inbound text
 * it came in). Each follow-up happens once per episode, on the first answer that calls for it: a
 * detractor's task (a promoter who changes to 3 has something to put right too), and a promoter's review
 * request. So a changed answer never sends a second request nor opens a second task.
 */
export async function recordAnswer(
  deps: Deps,
  actor: Actor,
  input: AnswerInput,
  alongside: { statements?: BatchItem[]; events?: DomainEvent[] } = {},
): Promise<Result<RecordedAnswer, AnswerError>> {
  if (!isSurveyScore(input.score)) return err("invalid_score");
  const { db } = deps;
  const [episode, clinic, existing] = await Promise.all([
    findEpisode(db, actor.clinicId, input.episodeId),
    findClinic(db, actor.clinicId),
    repo.findAnswerByEpisode(db, actor.clinicId, input.episodeId),
  ]);
  if (!episode || !clinic || episode.patientId !== input.patientId) return err("not_found");
  if (episode.status !== "discharged") return err("not_discharged");

  const now = deps.clock.now();
  const answerId = existing?.id ?? newId(now);
  const category = categoryOf(input.score);
  const comment = input.comment?.trim() || null;
  const statements: BatchItem[] = [
    ...(alongside.statements ?? []),
    repo.upsertAnswer(db, {
      id: answerId,
      clinicId: actor.clinicId,
      patientId: input.patientId,
      episodeId: input.episodeId,
      score: input.score,
      comment,
      channel: input.channel,
      answeredAt: now,
    }),
    auditStatement(deps, actor, existing ? "survey.answer_changed" : "survey.answer", input.patientId),
  ];
  const events: DomainEvent[] = [
    ...(alongside.events ?? []),
    {
      type: "survey.answered",
      patientId: input.patientId,
      payload: {
        answerId,
        episodeId: input.episodeId,
        score: input.score,
        category,
        channel: input.channel,
        changed: existing !== undefined,
      },
    },
  ];

  let recoveryTaskId = existing?.recoveryTaskId ?? null;
  if (category === "detractor" && recoveryTaskId === null) {
    recoveryTaskId = newId(now);
    statements.push(
      insertRuleTask(db, {
        id: recoveryTaskId,
        clinicId: actor.clinicId,
        patientId: input.patientId,
        type: "service_recovery",
        title: serviceRecoveryTitle(input.score, comment),
        assigneeId: recoveryOwner(await listStaff(db, actor.clinicId)),
        dueDate: localDateIn(now, clinic.timeZone),
        status: "open",
        ruleKey: recoveryRuleKey(input.episodeId),
        createdBy: "survey",
        createdAt: now,
      }),
      repo.linkRecoveryTask(db, actor.clinicId, input.episodeId, recoveryTaskId),
    );
    events.push({
      type: "task.created",
      patientId: input.patientId,
      payload: { taskId: recoveryTaskId, taskType: "service_recovery", source: "survey" },
    });
  }
  await commitWithEvents(deps, actor, statements, events);
  // Read back what is stored: of two first answers at the same moment, one row (and id, and task) wins.
  const saved = await repo.findAnswerByEpisode(db, actor.clinicId, input.episodeId);
  const stored = { answerId: saved?.id ?? answerId, recoveryTaskId: saved ? saved.recoveryTaskId : recoveryTaskId };

  let reviewAsked = existing?.reviewAskedAt != null;
  if (category === "promoter" && !reviewAsked) {
    reviewAsked = await askForReview(deps, clinic, { answerId: stored.answerId, patientId: input.patientId });
  }
  return ok({ ...stored, category, changed: existing !== undefined, reviewAsked });
}

/** The clinic's review page from its settings, if it set one. */
export const clinicReviewUrl = (clinic: { settings: string }) => parseSettings(clinic.settings).reviewUrl ?? null;

/**
 * The Rapport link that counts the open and forwards to the clinic's review page. Without the portal
 * secret nothing can be signed, so the clinic's page itself is sent (opens are then not counted).
 */
export async function reviewLinkFor(deps: Deps, answerId: string, reviewUrl: string): Promise<string> {
  const secret = deps.vars.PORTAL_SESSION_SECRET;
  return secret ? `${publicOriginOf(deps)}${reviewPath(await reviewToken(secret, answerId))}` : reviewUrl;
}

/**
 * A promoter's one review request, through the messaging pipeline: consent and quiet hours apply as to
 * any message. It is sent as a reply ("staff" category: no automated caps), because the survey itself
 * used the day's automated message and a cap would swallow nearly every same-day request. The message
 * key is the answer's, so it is never sent twice; review_asked_at is set only when it is queued.
 */
async function askForReview(deps: Deps, clinic: { id: string; settings: string }, a: { answerId: string; patientId: string }) {
  const reviewUrl = clinicReviewUrl(clinic);
  if (!reviewUrl) return false;
  const outcome = await requestMessage(deps, {
    clinicId: clinic.id,
    patientId: a.patientId,
    purpose: "review_request",
    category: "staff",
    dedupeKey: `review:${a.answerId}`,
    link: await reviewLinkFor(deps, a.answerId, reviewUrl),
  });
  if (outcome.status !== "queued" && outcome.status !== "scheduled") return false;
  await repo.markReviewAsked(deps.db, clinic.id, a.answerId, outcome.sendAt);
  return true;
}

/**
 * A review link opened: the first open is recorded, and the clinic's review page is where to go.
 * Null for a forged or unknown link, or when the clinic no longer has a review page.
 */
export async function openReviewLink(deps: Deps, token: string): Promise<string | null> {
  const secret = deps.vars.PORTAL_SESSION_SECRET;
  const answerId = secret ? await answerIdOfReviewToken(secret, token) : null;
  if (!answerId) return null;
  const answer = await repo.findAnswerById(deps.db, answerId);
  const clinic = answer && (await findClinic(deps.db, answer.clinicId));
  const reviewUrl = clinic ? clinicReviewUrl(clinic) : null;
  if (!answer || !reviewUrl) return null;
  await repo.markReviewOpened(deps.db, answer.clinicId, answer.id, deps.clock.now());
  return reviewUrl;
}
