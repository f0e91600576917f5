import type { BusinessHours } from "../clinics/model";
import { addDays, localParts, minutesOf, zonedToUtc } from "../platform/time";

const dayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/**
 * The first instant at or after `at` when the clinic is open. Returns `at` itself when open,
 * and `at` unchanged when the clinic has no hours at all (nothing better to do).
 */
export function nextOpenInstant(at: number, hours: BusinessHours, timeZone: string): number {
  const local = localParts(at, timeZone);
  for (let i = 0; i < 8; i++) {
    const date = addDays(local.date, i);
    const weekday = ((local.weekday - 1 + i) % 7) + 1;
    const windows = [...(hours[dayKeys[weekday - 1] as (typeof dayKeys)[number]] ?? [])].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
    for (const [open, close] of windows) {
      const start = zonedToUtc(date, open, timeZone);
      const end = zonedToUtc(date, close, timeZone);
      if (at < end) return Math.max(at, start);
    }
  }
  return at;
}

/** Quiet hours: the first instant at or after `at` inside [from, to) local time. */
export function nextSendableInstant(at: number, window: { from: string; to: string }, timeZone: string): number {
  const local = localParts(at, timeZone);
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  if (local.minutes >= from && local.minutes < to) return at;
  const date = local.minutes < from ? local.date : addDays(local.date, 1);
  return zonedToUtc(date, window.from, timeZone);
}
