import type { AuthorizationState } from "../episodes/model";
import { progressNoteDue } from "../episodes/model";
import type { TaskType } from "./tables";

/** A task a rule wants to exist; the key makes creating it idempotent. */
export interface RuleTask {
  ruleKey: string;
  type: TaskType;
  title: string;
  patientId: string;
  dueDate: string;
}

/** After an attended visit: progress note on every 10th visit, and a warning when an authorization runs low. */
export function tasksAfterAttendedVisit(input: {
  patientId: string;
  episodeId: string;
  attendedInEpisode: number;
  authorizations: { id: string; payer: string; state: AuthorizationState }[];
  today: string;
}): RuleTask[] {
  const out: RuleTask[] = [];
  if (progressNoteDue(input.attendedInEpisode)) {
    out.push({
      ruleKey: `progress-note:${input.episodeId}:${input.attendedInEpisode}`,
      type: "progress_note_due",
      title: `Progress note due (visit ${input.attendedInEpisode})`,
      patientId: input.patientId,
      dueDate: input.today,
    });
  }
  for (const a of input.authorizations) {
    if (a.state.expired || !a.state.visitsLow) continue;
    out.push({
      ruleKey: `authorization-visits:${a.id}`,
      type: "authorization_expiring",
      title: `${a.payer} authorization: ${a.state.remaining} visit${a.state.remaining === 1 ? "" : "s"} left`,
      patientId: input.patientId,
      dueDate: input.today,
    });
  }
  return out;
}

/** Daily: an authorization ending within ten days gets a task to renew it. */
export function taskForExpiringAuthorization(
  a: { id: string; payer: string; patientId: string; endDate: string },
  today: string,
): RuleTask {
  return {
    ruleKey: `authorization-expiry:${a.id}`,
    type: "authorization_expiring",
    title: `${a.payer} authorization ends ${a.endDate}`,
    patientId: a.patientId,
    dueDate: today,
  };
}
