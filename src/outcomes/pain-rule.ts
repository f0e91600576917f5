// When a pain score needs a person: 8 or more out of 10, or up 2 or more from the episode's baseline.
// Pure (no I/O): the service feeds it the score, the baseline and today's clinic date.
import type { RuleTask } from "../worklist/rules";

/** NPRS at or above this opens a task whatever the baseline. */
export const SEVERE_PAIN = 8;
/** A rise of this many points over the baseline opens a task (the NPRS MCID). */
export const PAIN_RISE = 2;

export type PainAlert = { reason: "severe"; score: number } | { reason: "rise"; score: number; baseline: number };

/**
 * Why this pain score needs follow-up, or null. `baseline` is the first NPRS score of the episode before this
 * one (null when this response is the first: it then becomes the baseline and cannot be a rise).
 */
export function painAlert(score: number, baseline: number | null): PainAlert | null {
  if (score >= SEVERE_PAIN) return { reason: "severe", score };
  if (baseline !== null && score - baseline >= PAIN_RISE) return { reason: "rise", score, baseline };
  return null;
}

/** The rule key: one task per response, so retrying the same write never opens a second one. */
export const painRuleKey = (responseId: string) => `pain-increase:${responseId}`;

/** The worklist task for an alert, due today in the clinic's time zone. Titles are for staff (English). */
export function painTask(alert: PainAlert, input: { patientId: string; responseId: string; today: string }): RuleTask {
  const title =
    alert.reason === "severe"
      ? `Pain ${alert.score}/10 reported by the patient`
      : `Pain up ${alert.score - alert.baseline} points from baseline (${alert.baseline} → ${alert.score}/10)`;
  return { ruleKey: painRuleKey(input.responseId), type: "pain_increase", title, patientId: input.patientId, dueDate: input.today };
}
