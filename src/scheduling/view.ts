import type { Context } from "hono";
import type { FitView } from "../../templates/schedule/fits";
import { weekdayShort } from "../../templates/schedule/labels";
import type { PickerProps } from "../../templates/schedule/patient-picker";
import type { VisitView } from "../../templates/schedule/row.partial";
import { currentStaff } from "../auth/middleware";
import { searchPatients } from "../patients/service";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { localParts } from "../platform/time";
import { allowedTransitions, canReschedule } from "./model";
import { type AppointmentRow, findTherapist } from "./repo";
import { waitlistForSlot } from "./waitlist";

/** Shared by the schedule's route modules: links, names, and rows turned into template props. */

export type C = Context<AppEnv>;
export const SLOT_MINUTES = 45;
export const notFound = (what = "visit") => new AppError("not_found", `No such ${what}.`);
export const tzOf = (c: C) => currentStaff(c).clinicTimeZone;
export const nameOf = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`;

/** A query string with readable times (":" needs no escaping there). */
export const query = (params: Record<string, string | number | null | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string | number] => e[1] != null && e[1] !== "") as [string, string][],
  )
    .toString()
    .replaceAll("%3A", ":");
export const scheduleHref = (date: string, view: "day" | "week", therapist: string | null) =>
  `/schedule?${query({ date, view: view === "week" ? "week" : null, therapist })}`;
export const bookHref = (p: Record<string, string | number | null>) => `/schedule/book?${query(p)}`;
export const slotHref = (p: { therapist: string; date: string; time: string; minutes: number }) => `/schedule/slot?${query(p)}`;

export const therapistName = async (c: C, therapistId: string) =>
  (await findTherapist(c.get("deps").db, currentStaff(c).clinicId, therapistId))?.name ?? "The therapist";

/** Buttons the rules allow now: check-in from an hour before the visit, attended and no-show once it starts. */
function actionsNow(a: AppointmentRow, now: number) {
  return allowedTransitions[a.status].filter(
    (to) => (to !== "arrived" || now >= a.startsAt - 3_600_000) && ((to !== "attended" && to !== "no_show") || now >= a.startsAt),
  );
}

export function visitView(
  a: AppointmentRow,
  patient: { id: string; givenName: string; familyName: string },
  tz: string,
  now: number = Date.now(),
): VisitView {
  const start = localParts(a.startsAt, tz);
  return {
    id: a.id,
    date: start.date,
    startTime: start.time,
    endTime: localParts(a.endsAt, tz).time,
    durationMinutes: a.durationMinutes,
    patientId: patient.id,
    patientName: nameOf(patient),
    type: a.type,
    status: a.status,
    cancelReason: a.cancelReason,
    outsideAvailability: a.outsideAvailability,
    next: actionsNow(a, now),
    canReschedule: canReschedule(a.status),
    slotHref:
      a.status === "cancelled"
        ? slotHref({ therapist: a.therapistId, date: start.date, time: start.time, minutes: a.durationMinutes })
        : null,
  };
}

/** The waitlisted patients who fit a freed slot, best first, with a link that books them into it. */
export async function fitsFor(c: C, slot: { startsAt: number; endsAt: number; therapistId: string }, limit = 5): Promise<FitView[]> {
  const tz = tzOf(c);
  const ranked = await waitlistForSlot(c.get("deps"), currentStaff(c).clinicId, tz, slot);
  const local = localParts(slot.startsAt, tz);
  const minutes = Math.round((slot.endsAt - slot.startsAt) / 60_000);
  return ranked.slice(0, limit).map((e) => ({
    entryId: e.id,
    patientId: e.patient.id,
    patientName: nameOf(e.patient),
    wants: `${e.preferredWeekdays.map((d) => weekdayShort[d - 1]).join(", ")} ${e.preferredFrom}–${e.preferredTo}${e.therapistId ? " · asked for this therapist" : ""}`,
    note: e.note,
    bookHref: bookHref({
      patient: e.patient.id,
      therapist: slot.therapistId,
      date: local.date,
      time: local.time,
      duration: minutes,
      waitlist: e.id,
    }),
  }));
}

/** The patient search box and its results, or the chosen patient, keeping the page's other choices. */
export async function pickerProps(
  c: C,
  action: string,
  keep: Record<string, string>,
  q: string | undefined,
  patient: { id: string; givenName: string; familyName: string } | undefined,
): Promise<PickerProps> {
  const kept = Object.fromEntries(Object.entries(keep).filter(([, v]) => v !== ""));
  const term = (q ?? "").trim().slice(0, 100);
  const found = term && !patient ? (await searchPatients(c.get("deps"), staffActor(c), term, 1)).patients : null;
  return {
    action,
    q: term,
    keep: kept,
    chosen: patient ? { id: patient.id, name: nameOf(patient), changeHref: `${action}?${query(kept)}` } : null,
    results:
      found?.map((p) => ({ name: nameOf(p), detail: `born ${p.dateOfBirth}`, href: `${action}?${query({ ...kept, patient: p.id })}` })) ??
      null,
  };
}
