import { minutesOf } from "../platform/time";
import type { AvailabilityWindow } from "../scheduling/model";
import type { Random } from "./random";

const cadenceMemo = new WeakMap<readonly AvailabilityWindow[], Map<number, number[][]>>();

/** Weekly visit days a patient can keep with this therapist: spread out, as a front desk would book them. */
export function cadences(hours: readonly AvailabilityWindow[], perWeek: number): number[][] {
  const memo = cadenceMemo.get(hours) ?? new Map<number, number[][]>();
  cadenceMemo.set(hours, memo);
  const known = memo.get(perWeek);
  if (known) return known;
  const found = cadencesFor(hours, perWeek);
  memo.set(perWeek, found);
  return found;
}

function cadencesFor(hours: readonly AvailabilityWindow[], perWeek: number): number[][] {
  const days = [...new Set(hours.map((h) => h.weekday))].sort((a, b) => a - b);
  const all: number[][] = [];
  const walk = (from: number, picked: number[]) => {
    if (picked.length === perWeek) {
      all.push(picked);
      return;
    }
    for (let i = from; i < days.length; i++) walk(i + 1, [...picked, days[i] as number]);
  };
  walk(0, []);
  const spread = all.filter((c) => c.every((d, i) => i === 0 || d - (c[i - 1] as number) >= 2));
  return spread.length > 0 ? spread : all.length > 0 ? all : [days];
}

/** A usual visit time inside the therapist's hours, on the 15-minute grid. */
export function preferredStart(rnd: Random, hours: readonly AvailabilityWindow[]): number {
  const weekday = hours.filter((h) => h.weekday <= 5);
  const w = rnd.pick(weekday.length > 0 ? weekday : hours);
  if (!w) return 9 * 60;
  const from = minutesOf(w.startTime);
  const to = minutesOf(w.endTime) - 45;
  return from + 15 * rnd.int(0, Math.max(0, Math.floor((to - from) / 15)));
}
