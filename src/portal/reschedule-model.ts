import type { SlotDay } from "../../templates/portal/reschedule";
import type { PortalLanguage } from "../../templates/portal/strings";
import { localParts } from "../platform/time";
import { type AvailabilityWindow, openSlots, type TimeRange } from "../scheduling/model";
import type { AppointmentStatus } from "../scheduling/tables";

/** Pure: which times a patient may move a visit to from the portal, and how they are shown. */

/** The portal offers the next two weeks; further out is a phone call. */
export const RESCHEDULE_DAYS = 14;
/** Keeps the page well under 50 KB even for a therapist with short visits all day. */
export const MAX_SHOWN_SLOTS = 200;

interface Taken extends TimeRange {
  id: string;
  status: AppointmentStatus;
}

export interface RescheduleOptions {
  /** Every time on the therapist's grid in the period, taken or not: anything else is not a real choice. */
  grid: TimeRange[];
  /** The grid minus times another visit holds: what the patient is offered. */
  free: TimeRange[];
}

/**
 * The same open-slot rule staff use (availability minus held time, never in the past), for the
 * visit's own therapist and length. The visit does not block itself, so moving it by half an hour
 * works; its current time is not "another time" and is left out.
 */
export function rescheduleOptions(input: {
  visit: Taken & { durationMinutes: number };
  windows: readonly AvailabilityWindow[];
  appointments: readonly Taken[];
  clinicZone: string;
  now: number;
}): RescheduleOptions {
  const base = {
    fromDate: localParts(input.now, input.clinicZone).date,
    days: RESCHEDULE_DAYS,
    minutes: input.visit.durationMinutes,
    windows: input.windows,
    timeZone: input.clinicZone,
    now: input.now,
  };
  const notCurrent = (s: TimeRange) => s.startsAt !== input.visit.startsAt;
  const others = input.appointments.filter((a) => a.id !== input.visit.id);
  return {
    grid: openSlots({ ...base, appointments: [] }).filter(notCurrent),
    free: openSlots({ ...base, appointments: others }).filter(notCurrent),
  };
}

export type SlotJudgement = "free" | "taken" | "invalid";

/** A posted time: free to take, a real slot someone just took (409), or not one we offered (422). */
export function judgeSlot(startsAt: number, options: RescheduleOptions): SlotJudgement {
  if (options.free.some((s) => s.startsAt === startsAt)) return "free";
  if (options.grid.some((s) => s.startsAt === startsAt)) return "taken";
  return "invalid";
}

const locale = (lang: PortalLanguage) => (lang === "es" ? "es-US" : "en-US");

/** Slots grouped by the patient's local day, labelled in their language and time zone. */
export function slotsByDay(slots: readonly TimeRange[], zone: string, lang: PortalLanguage): SlotDay[] {
  const day = new Intl.DateTimeFormat(locale(lang), { timeZone: zone, weekday: "long", month: "long", day: "numeric" });
  const time = new Intl.DateTimeFormat(locale(lang), { timeZone: zone, hour: "numeric", minute: "2-digit" });
  const out: SlotDay[] = [];
  for (const s of slots) {
    const date = localParts(s.startsAt, zone).date;
    let group = out[out.length - 1];
    if (group?.date !== date) {
      group = { date, label: day.format(s.startsAt), slots: [] };
      out.push(group);
    }
    group.slots.push({ startsAt: s.startsAt, label: time.format(s.startsAt) });
  }
  return out;
}

/** A visit's time as the home page shows it, e.g. "Thursday, December 3 at 10:00 AM". */
export function visitWhen(at: number, zone: string, lang: PortalLanguage): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: zone,
    weekday: "long",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(at);
}

/** A readable zone name for the page ("Eastern Standard Time"), falling back to the IANA id. */
export function zoneName(zone: string, lang: PortalLanguage, at: number): string {
  const part = new Intl.DateTimeFormat(locale(lang), { timeZone: zone, timeZoneName: "long" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}
