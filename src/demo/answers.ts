import { type Answers, type InstrumentId, instruments, PSFS_SLOTS, psfsActivityId, psfsRatingId } from "../outcomes/questionnaires";
import type { Random } from "./random";

/**
 * Answers a patient could have given, whose score comes as close to `target` as the instrument's
 * steps allow (the caller stores score() of them, never the target). Items vary around the mean, as
 * real answers do, without changing the total. `activities` are the PSFS activity names (1-5).
 */
export function answersFor(rnd: Random, instrumentId: InstrumentId, target: number, activities: readonly string[] = []): Answers {
  switch (instrumentId) {
    case "nprs":
      return { "nprs-pain": clamp(Math.round(target), 0, 10) };
    case "lefs":
      return scale(rnd, "lefs", Math.round(target));
    case "ndi":
      return scale(rnd, "ndi", Math.round((target * 50) / 100));
    case "odi": {
      // The sex-life section (odi-8) is the one often left blank: scored over the nine answered.
      const skip = rnd.chance(0.25);
      return scale(rnd, "odi", Math.round((target * 5 * (skip ? 9 : 10)) / 100), skip ? "odi-8" : null);
    }
    case "psfs": {
      const named = activities.slice(0, PSFS_SLOTS);
      if (named.length === 0) throw new RangeError("PSFS needs at least one activity");
      const ratings = spread(rnd, named.length, 10, Math.round(target * named.length));
      const out: Answers = {};
      named.forEach((activity, i) => {
        out[psfsActivityId(i + 1)] = activity;
        out[psfsRatingId(i + 1)] = ratings[i] ?? 0;
      });
      return out;
    }
  }
}

/** A fixed-length scale (LEFS, ODI, NDI) summing to `sum`, with `blank` left unanswered. */
function scale(rnd: Random, instrumentId: "lefs" | "odi" | "ndi", sum: number, blank: string | null = null): Answers {
  const items = instruments[instrumentId].questionnaire.item.filter((i) => i.linkId !== blank);
  const max = Math.max(...(items[0]?.answerOption ?? []).map((o) => ("valueInteger" in o ? o.valueInteger : Number(o.valueCoding.code))));
  const values = spread(rnd, items.length, max, sum);
  return Object.fromEntries(items.map((item, i) => [item.linkId, values[i] ?? 0]));
}

/** `n` whole numbers from 0 to `max` adding up to `sum` (clamped to what n items can hold), not all alike. */
function spread(rnd: Random, n: number, max: number, sum: number): number[] {
  const total = clamp(sum, 0, n * max);
  const base = Math.floor(total / n);
  const values = Array.from({ length: n }, () => base);
  for (const i of rnd.shuffle(values.map((_, i) => i)).slice(0, total - base * n)) values[i] = (values[i] ?? 0) + 1;
  // Move a point from one item to another now and then: the total stays, the answers look like a person's.
  for (let k = 0; k < n; k++) {
    const from = rnd.int(0, n - 1);
    const to = rnd.int(0, n - 1);
    if (from !== to && (values[from] ?? 0) > 0 && (values[to] ?? 0) < max) {
      values[from] = (values[from] ?? 0) - 1;
      values[to] = (values[to] ?? 0) + 1;
    }
  }
  return values;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
