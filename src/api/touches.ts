/** Pure: the journey's pending timers, told as the touches they are (what the journey will do next, and when). */

export const touchKinds = [
  "visit_reminder",
  "referral_first_contact",
  "referral_follow_up",
  "lapse_check",
  "reactivation",
  "discharge_survey",
  "alumni_transition",
  "alumni_check_in",
  "exercise_reminder",
  "check_in_request",
  "questionnaire",
  "discharge_questionnaire",
  "other",
] as const;
export type TouchKind = (typeof touchKinds)[number];

export interface Touch {
  kind: TouchKind;
  at: number;
  appointmentId: string | null;
}

/** Timer keys, as the journey machine sets them (src/journey/machine.ts, care-timers.ts). */
const byKey: Record<string, TouchKind> = {
  lapse: "lapse_check",
  survey: "discharge_survey",
  alumni: "alumni_transition",
  "hep-nudge": "exercise_reminder",
  "check-in": "check_in_request",
  questionnaire: "questionnaire",
  "questionnaire-discharge": "discharge_questionnaire",
};

export function touchOf(timer: { key: string; at: number }): Touch {
  const [purpose, first] = timer.key.split(":");
  if (purpose === "reminder") return { kind: "visit_reminder", at: timer.at, appointmentId: first ?? null };
  if (purpose === "referral")
    return { kind: first === "0" ? "referral_first_contact" : "referral_follow_up", at: timer.at, appointmentId: null };
  if (purpose === "reactivation") return { kind: "reactivation", at: timer.at, appointmentId: null };
  if (purpose === "alumni-check-in") return { kind: "alumni_check_in", at: timer.at, appointmentId: null };
  return { kind: Object.hasOwn(byKey, timer.key) ? (byKey[timer.key] as TouchKind) : "other", at: timer.at, appointmentId: null };
}

/** Soonest first; a timer already due but not yet fired is still next. */
export function nextTouches(timers: { key: string; at: number }[]): Touch[] {
  return [...timers].sort((a, b) => a.at - b.at || a.key.localeCompare(b.key)).map(touchOf);
}
