import { localDateIn } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import { requestMessage } from "../messaging/service";
import { displayName } from "../patients/model";
import { type Actor, auditStatement } from "../platform/audit";
import { DAY } from "../platform/clock";
import { execBatch, guard, isGuardFailure } from "../platform/db";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import * as q from "./at-risk-queries";
import { closeTask, createTask } from "./service";

/** The at-risk worklist: open episodes by dropout risk, outreach started from it, and what came of it. */

export type { OutreachOutcome, OutreachSummary, RiskBand } from "./at-risk-queries";

export interface AtRiskReason {
  factor: string;
  text: string;
  contribution: number;
}

export interface AtRiskEntry {
  episodeId: string;
  patient: { id: string; name: string };
  score: number;
  band: q.RiskBand;
  reasons: AtRiskReason[];
  scoredAt: number;
  lastContactAt: number | null;
  nextVisitAt: number | null;
  outreach: OutreachView | null;
}

export interface OutreachView {
  id: string;
  startedAt: number;
  outcome: q.OutreachOutcome | null;
  outcomeAt: number | null;
  returnedAt: number | null;
  /** What became of the message: sent (or waiting for the morning), not sent and why, or none asked. */
  message: { sent: true } | { sent: false; reason: string } | null;
}

export const AT_RISK_LIMIT = 200;
export const SUMMARY_DAYS = 30;

function parseReasons(json: string): AtRiskReason[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((r): r is AtRiskReason => typeof r?.text === "string").slice(0, 3);
  } catch {
    // A malformed row shows no reasons rather than failing the whole list.
    return [];
  }
}

function messageView(r: q.AtRiskRow): OutreachView["message"] {
  if (r.outreach_message_id) return { sent: true };
  if (r.message_status === "suppressed") return { sent: false, reason: r.suppressed_reason ?? "suppressed" };
  return null;
}

function entryOf(r: q.AtRiskRow): AtRiskEntry {
  return {
    episodeId: r.episode_id,
    patient: { id: r.patient_id, name: displayName({ givenName: r.given_name, familyName: r.family_name }) },
    score: r.score,
    band: r.band,
    reasons: parseReasons(r.reasons),
    scoredAt: r.computed_at,
    lastContactAt: r.last_contact_at ? r.last_contact_at : null,
    nextVisitAt: r.next_visit_at,
    outreach:
      r.outreach_id && r.outreach_started_at !== null
        ? {
            id: r.outreach_id,
            startedAt: r.outreach_started_at,
            outcome: r.outreach_outcome,
            outcomeAt: r.outreach_outcome_at,
            returnedAt: r.outreach_returned_at,
            message: messageView(r),
          }
        : null,
  };
}

/** How long after an outreach a first attended visit still counts as coming back because of it. */
export const RETURN_WINDOW_DAYS = 180;

/** Fills "came back" for every waiting outreach of the clinic in one statement (cheap, and idempotent). */
export async function measureReturns(deps: Deps, clinicId: string): Promise<void> {
  await execBatch(deps.db, [q.markReturnsStatement(clinicId, deps.clock.now() - RETURN_WINDOW_DAYS * DAY)]);
}

/** The list and the 30-day outreach summary, after measuring who came back. */
export async function atRiskWorklist(deps: Deps, clinicId: string, bands: readonly q.RiskBand[]) {
  const now = deps.clock.now();
  await measureReturns(deps, clinicId);
  const [rows, summary] = await Promise.all([
    q.listAtRisk(deps.db, clinicId, bands, now, AT_RISK_LIMIT),
    q.outreachSummary(deps.db, clinicId, now - SUMMARY_DAYS * DAY),
  ]);
  return { entries: rows.map(entryOf), summary, truncated: rows.length >= AT_RISK_LIMIT };
}

/** One episode's row, read fresh (the htmx answer to a row action). */
export async function atRiskEntry(deps: Deps, clinicId: string, episodeId: string): Promise<AtRiskEntry | null> {
  await measureReturns(deps, clinicId);
  const [row] = await q.listAtRisk(deps.db, clinicId, ["low", "medium", "high"], deps.clock.now(), 1, episodeId);
  return row ? entryOf(row) : null;
}

export const findOutreach = (deps: Deps, clinicId: string, id: string) => q.findOutreach(deps.db, clinicId, id);

export type StartError = "episode_not_found" | "outreach_open";
export interface Started {
  outreachId: string;
  taskId: string;
  /** Null when the message was not sent (no consent, no address...), with the reason. */
  messageId: string | null;
  notSentReason: string | null;
}

const pct = (score: number) => `${Math.round(score * 100)}%`;

/**
 * Starts outreach for an at-risk episode. The task (with its audit row and event), the outreach row
 * and its audit row commit in one batch, guarded so that a second outreach cannot start while one
 * has no outcome. The message follows through requestMessage, which applies consent, quiet hours
 * and the rest; a message that is not sent leaves message_id null and its reason on the suppressed row.
 */
export async function startOutreach(deps: Deps, actor: Actor, episodeId: string): Promise<Result<Started, StartError>> {
  const risk = await q.openEpisodeRisk(deps.db, actor.clinicId, episodeId);
  if (!risk) return err("episode_not_found");
  if (await q.hasOpenOutreach(deps.db, actor.clinicId, episodeId)) return err("outreach_open");
  const now = deps.clock.now();
  const outreachId = newId(now);
  const taskId = newId(now);
  const firstReason = parseReasons(risk.reasons)[0]?.text;
  const timeZone = await clinicTimeZone(deps, actor.clinicId);
  let created: Awaited<ReturnType<typeof createTask>>;
  try {
    created = await createTask(
      deps,
      actor,
      {
        type: "at_risk_outreach",
        title: `Dropout risk ${pct(risk.score)}: check in with the patient${firstReason ? ` (${firstReason})` : ""}`,
        patientId: risk.patient_id,
        // Whoever starts the outreach makes the call.
        assigneeId: actor.actorType === "staff" ? actor.actorId : null,
        dueDate: localDateIn(now, timeZone),
      },
      {
        id: taskId,
        statements: [
          guard(q.noOpenOutreach(actor.clinicId, episodeId)),
          q.insertOutreach(deps.db, {
            id: outreachId,
            clinicId: actor.clinicId,
            patientId: risk.patient_id,
            episodeId,
            score: risk.score,
            taskId,
            messageId: null,
            startedBy: actor.actorId ?? actor.actorType,
            startedAt: now,
          }),
          auditStatement(deps, actor, "risk_outreach.start", risk.patient_id),
        ],
      },
    );
  } catch (error) {
    // Someone else started one between the check and the commit: nothing of this one was written.
    if (isGuardFailure(error)) return err("outreach_open");
    throw error;
  }
  // Only a patient removed since the read (or a deactivated starter) gets here: nothing was written.
  if (!created.ok) return err("episode_not_found");

  const message = await requestMessage(deps, {
    clinicId: actor.clinicId,
    patientId: risk.patient_id,
    purpose: "at_risk_outreach",
    // A person chose to reach out: no automated caps, but consent and quiet hours still hold.
    category: "staff",
    dedupeKey: q.outreachMessageKey(outreachId),
    sentBy: actor.actorId,
  });
  if (message.status === "queued" || message.status === "scheduled") {
    await q.setOutreachMessage(deps.db, actor.clinicId, outreachId, message.messageId);
    return ok({ outreachId, taskId, messageId: message.messageId, notSentReason: null });
  }
  const reason = message.status === "suppressed" ? message.reason : "the patient has no messaging record";
  return ok({ outreachId, taskId, messageId: null, notSentReason: reason });
}

async function clinicTimeZone(deps: Deps, clinicId: string): Promise<string> {
  return (await findClinic(deps.db, clinicId))?.timeZone ?? "UTC";
}

export type OutcomeError = "outreach_not_found" | "outcome_recorded";

export const outcomeWords: Record<q.OutreachOutcome, string> = {
  reached: "reached",
  rebooked: "rebooked",
  no_answer: "no answer",
  declined: "declined",
};

/** Records what came of an outreach (once), and closes its task with that outcome if still open. */
export async function recordOutcome(
  deps: Deps,
  actor: Actor,
  outreachId: string,
  outcome: q.OutreachOutcome,
): Promise<Result<{ episodeId: string }, OutcomeError>> {
  const outreach = await q.findOutreach(deps.db, actor.clinicId, outreachId);
  if (!outreach) return err("outreach_not_found");
  if (outreach.outcome) return err("outcome_recorded");
  const now = deps.clock.now();
  try {
    await execBatch(deps.db, [
      guard(q.outcomeStillOpen(actor.clinicId, outreachId)),
      q.setOutcomeOnce(deps.db, actor.clinicId, outreachId, outcome, now),
      auditStatement(deps, actor, `risk_outreach.${outcome}`, outreach.patientId),
    ]);
  } catch (error) {
    if (isGuardFailure(error)) return err("outcome_recorded");
    throw error;
  }
  if (outreach.taskId) {
    // The task's job is done once the outcome is known; a task already closed by hand stays as it is.
    await closeTask(deps, actor, outreach.taskId, "done", `Outreach: ${outcomeWords[outcome]}`);
  }
  return ok({ episodeId: outreach.episodeId });
}
