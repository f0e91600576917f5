/** A dose and the patient's adherence in plain words, in the patient's language. Pure. */
import { type PortalKey, type PortalLanguage, t } from "./strings";

/** How much of an exercise, how often (the shape of a prescribed dose). */
export interface DoseView {
  sets: number;
  reps: number;
  holdSeconds: number;
  timesPerDay: number;
  daysPerWeek: number;
}

const counted = (lang: PortalLanguage, n: number, one: PortalKey, many: PortalKey) =>
  n === 1 ? t(lang, one) : t(lang, many, { n: String(n) });

/** "2 sets of 10 repetitions, hold 5 seconds each time, twice a day, every day" (no hold part without a hold). */
export function doseInWords(lang: PortalLanguage, d: DoseView): string {
  const sets = counted(lang, d.sets, "hepSetsOne", "hepSetsMany");
  const reps = counted(lang, d.reps, "hepRepsOne", "hepRepsMany");
  const parts = [t(lang, "hepSetsOfReps", { sets, reps })];
  if (d.holdSeconds > 0) parts.push(counted(lang, d.holdSeconds, "hepHoldOne", "hepHoldMany"));
  parts.push(
    d.timesPerDay === 1
      ? t(lang, "hepOnceDay")
      : d.timesPerDay === 2
        ? t(lang, "hepTwiceDay")
        : t(lang, "hepTimesDay", { n: String(d.timesPerDay) }),
  );
  parts.push(d.daysPerWeek >= 7 ? t(lang, "hepEveryDay") : counted(lang, d.daysPerWeek, "hepDaysOne", "hepDaysMany"));
  return parts.join(", ");
}

/** Encouragement that fits the last two weeks: 80% and up is great, from half is good, below half a nudge. */
export function adherenceWords(lang: PortalLanguage, a: { percent: number; done: number; prescribed: number }): string {
  const count = t(lang, "hepAdherenceCount", { done: String(a.done), total: String(a.prescribed) });
  const cheer = a.percent >= 80 ? "hepAdherenceHigh" : a.percent >= 50 ? "hepAdherenceMid" : "hepAdherenceLow";
  return `${count} ${t(lang, cheer)}`;
}
