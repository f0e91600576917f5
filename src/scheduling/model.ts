import { addDays, localParts, minutesOf, weekdayOf, zonedToUtc } from "../platform/time";
import type { AppointmentStatus } from "./tables";

/** Pure scheduling rules: status changes, conflicts, availability and open slots. */

/** Which status may follow which. Attended, cancelled and no-show are final: a new visit is a new booking. */
export const allowedTransitions: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ["confirmed", "arrived", "attended", "cancelled", "no_show"],
  confirmed: ["arrived", "attended", "cancelled", "no_show"],
  arrived: ["attended", "no_show"],
  attended: [],
  cancelled: [],
  no_show: [],
};

export function canTransition(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return allowedTransitions[from].includes(to);
}

/** Only visits that have not happened yet can move. */
export function canReschedule(status: AppointmentStatus): boolean {
  return status === "booked" || status === "confirmed";
}

/** Statuses that hold the therapist's time. */
export const occupyingStatuses: readonly AppointmentStatus[] = ["booked", "confirmed", "arrived", "attended"];

export interface TimeRange {
  startsAt: number;
  endsAt: number;
}

export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** The first existing appointment that would overlap the candidate (ignoring itself and freed slots). */
export function findConflict<T extends TimeRange & { id: string; status: AppointmentStatus }>(
  candidate: TimeRange & { id?: string },
  existing: readonly T[],
): T | undefined {
  return existing.find((e) => e.id !== candidate.id && occupyingStatuses.includes(e.status) && overlaps(candidate, e));
}

export interface AvailabilityWindow {
  weekday: number; // ISO 1-7
  startTime: string; // HH:MM local
  endTime: string;
}

/** A weekly window turned into real instants on a given local date (DST-correct). */
export function windowsOn(date: string, windows: readonly AvailabilityWindow[], timeZone: string): TimeRange[] {
  const weekday = weekdayOf(date);
  return windows
    .filter((w) => w.weekday === weekday && minutesOf(w.endTime) > minutesOf(w.startTime))
    .map((w) => ({ startsAt: zonedToUtc(date, w.startTime, timeZone), endsAt: zonedToUtc(date, w.endTime, timeZone) }))
    .sort((a, b) => a.startsAt - b.startsAt);
}

/** Whether a visit lies wholly inside one of the therapist's windows that day. */
export function withinAvailability(visit: TimeRange, windows: readonly AvailabilityWindow[], timeZone: string): boolean {
  const date = localParts(visit.startsAt, timeZone).date;
  return windowsOn(date, windows, timeZone).some((w) => visit.startsAt >= w.startsAt && visit.endsAt <= w.endsAt);
}

/**
 * Open slots of `minutes` length from `fromDate` for `days` days: availability minus
 * appointments that hold time, stepping on the window's own grid, never in the past.
 */
export function openSlots(input: {
  fromDate: string;
  days: number;
  minutes: number;
  windows: readonly AvailabilityWindow[];
  appointments: readonly (TimeRange & { id: string; status: AppointmentStatus })[];
  timeZone: string;
  now: number;
  stepMinutes?: number;
}): TimeRange[] {
  const step = (input.stepMinutes ?? input.minutes) * 60_000;
  const length = input.minutes * 60_000;
  const out: TimeRange[] = [];
  for (let i = 0; i < input.days; i++) {
    for (const w of windowsOn(addDays(input.fromDate, i), input.windows, input.timeZone)) {
      for (let start = w.startsAt; start + length <= w.endsAt; start += step) {
        const slot = { startsAt: start, endsAt: start + length };
        if (slot.startsAt < input.now) continue;
        if (!findConflict(slot, input.appointments)) out.push(slot);
      }
    }
  }
  return out;
}

export interface WaitlistCandidate {
  id: string;
  therapistId: string | null;
  preferredWeekdays: number[];
  preferredFrom: string;
  preferredTo: string;
  createdAt: number;
}

/**
 * Who fits an opened slot best: right weekday and time window first, then the requested
 * therapist, then whoever has waited longest. Entries that fit neither day nor time are left out.
 */
export function rankWaitlist<T extends WaitlistCandidate>(
  slot: TimeRange & { therapistId: string },
  entries: readonly T[],
  timeZone: string,
): (T & { fit: number })[] {
  const local = localParts(slot.startsAt, timeZone);
  const end = local.minutes + Math.round((slot.endsAt - slot.startsAt) / 60_000);
  return entries
    .map((e) => {
      const dayFits = e.preferredWeekdays.includes(local.weekday);
      const timeFits = local.minutes >= minutesOf(e.preferredFrom) && end <= minutesOf(e.preferredTo);
      // Someone who asked for this therapist beats someone who takes anyone; a different request rules them out.
      const therapistScore = e.therapistId === slot.therapistId ? 2 : e.therapistId === null ? 1 : -3;
      const fit = (dayFits ? 2 : 0) + (timeFits ? 2 : 0) + therapistScore;
      return { ...e, fit };
    })
    .filter((e) => e.fit >= 3)
    .sort((a, b) => b.fit - a.fit || a.createdAt - b.createdAt);
}
