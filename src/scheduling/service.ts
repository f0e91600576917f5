import { sql } from "drizzle-orm";
import { findEpisode } from "../episodes/repo";
import { commitWithEvents } from "../events/publish";
import { findPatient } from "../patients/repo";
import { type Actor, auditStatement } from "../platform/audit";
import { guard, isGuardFailure } from "../platform/db";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { addDays, zonedToUtc } from "../platform/time";
import { appointmentEventPayload, appointmentStatusEvents } from "./events";
import { type AvailabilityWindow, canReschedule, canTransition, findConflict, openSlots, withinAvailability } from "./model";
import * as repo from "./repo";
import { type AppointmentStatus, type AppointmentType, appointments } from "./tables";

export type BookingError =
  | { code: "patient_not_found" | "therapist_not_found" | "episode_not_found" | "invalid_time" }
  | { code: "conflict"; with?: repo.AppointmentRow }
  | { code: "outside_availability" };

export interface BookingInput {
  patientId: string;
  therapistId: string;
  episodeId: string | null;
  /** Local date and time in the clinic's time zone. */
  date: string;
  time: string;
  durationMinutes: number;
  type: AppointmentType;
  /** Staff may book outside the therapist's hours, but only on purpose. */
  allowOutsideAvailability: boolean;
}

async function windowsFor(deps: Deps, clinicId: string, therapistId: string): Promise<AvailabilityWindow[]> {
  return repo.listAvailability(deps.db, clinicId, [therapistId]);
}

export async function bookAppointment(
  deps: Deps,
  actor: Actor,
  timeZone: string,
  input: BookingInput,
): Promise<Result<repo.AppointmentRow, BookingError>> {
  const { db } = deps;
  if (!(await findPatient(db, actor.clinicId, input.patientId))) return err({ code: "patient_not_found" });
  if (!(await repo.findTherapist(db, actor.clinicId, input.therapistId))) return err({ code: "therapist_not_found" });
  if (input.episodeId) {
    const episode = await findEpisode(db, actor.clinicId, input.episodeId);
    if (!episode || episode.patientId !== input.patientId || episode.status !== "open") return err({ code: "episode_not_found" });
  }
  const startsAt = zonedToUtc(input.date, input.time, timeZone);
  const endsAt = startsAt + input.durationMinutes * 60_000;
  if (!Number.isFinite(startsAt) || endsAt <= startsAt) return err({ code: "invalid_time" });

  const nearby = await repo.therapistAppointmentsBetween(db, actor.clinicId, input.therapistId, startsAt, endsAt);
  const clash = findConflict({ startsAt, endsAt }, nearby);
  if (clash) return err({ code: "conflict", with: clash });
  const inside = withinAvailability({ startsAt, endsAt }, await windowsFor(deps, actor.clinicId, input.therapistId), timeZone);
  if (!inside && !input.allowOutsideAvailability) return err({ code: "outside_availability" });

  const now = deps.clock.now();
  const row = {
    id: newId(now),
    clinicId: actor.clinicId,
    patientId: input.patientId,
    therapistId: input.therapistId,
    episodeId: input.episodeId,
    startsAt,
    endsAt,
    durationMinutes: input.durationMinutes,
    type: input.type,
    status: "booked" as const,
    outsideAvailability: !inside,
    cancelReason: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await commitWithEvents(
      deps,
      actor,
      [
        repo.insertAppointmentIfFree(row),
        // If another booking took the slot a moment ago, the insert did nothing and this fails the batch.
        guard(sql`EXISTS (SELECT 1 FROM ${appointments} WHERE id = ${row.id})`),
        repo.insertChange(db, changeRow(actor, row.id, null, "booked", null, startsAt, now)),
        auditStatement(deps, actor, "appointment.book", input.patientId),
      ],
      [{ type: "appointment.booked", patientId: input.patientId, payload: appointmentEventPayload(row) }],
    );
  } catch (error) {
    if (isGuardFailure(error)) return err({ code: "conflict" });
    throw error;
  }
  return ok(row);
}

export type StatusChangeError = "not_found" | "invalid_transition" | "too_early" | "changed_meanwhile";

/** A patient can be checked in up to an hour early; nobody attends or misses a visit before it starts. */
const CHECK_IN_EARLY_MS = 60 * 60_000;

/** Check-in, attended, no-show, confirm and cancel: only along allowed transitions. */
export async function changeStatus(
  deps: Deps,
  actor: Actor,
  appointmentId: string,
  to: AppointmentStatus,
  cancelReason: string | null = null,
): Promise<Result<repo.AppointmentRow, StatusChangeError>> {
  const { db } = deps;
  const current = await repo.findAppointment(db, actor.clinicId, appointmentId);
  if (!current) return err("not_found");
  if (!canTransition(current.status, to)) return err("invalid_transition");
  const now = deps.clock.now();
  if (
    (to === "arrived" && now < current.startsAt - CHECK_IN_EARLY_MS) ||
    ((to === "attended" || to === "no_show") && now < current.startsAt)
  ) {
    return err("too_early");
  }
  try {
    await commitWithEvents(
      deps,
      actor,
      [
        repo.updateStatusFrom(db, actor.clinicId, appointmentId, current.status, {
          status: to,
          cancelReason: to === "cancelled" ? cancelReason : current.cancelReason,
          updatedAt: now,
        }),
        guard(sql`EXISTS (SELECT 1 FROM ${appointments} WHERE id = ${appointmentId} AND status = ${to} AND updated_at = ${now})`),
        repo.insertChange(db, changeRow(actor, appointmentId, current.status, to, current.startsAt, current.startsAt, now)),
        auditStatement(deps, actor, `appointment.${to}`, current.patientId),
      ],
      [
        {
          type: appointmentStatusEvents[to],
          patientId: current.patientId,
          payload: { ...appointmentEventPayload(current), from: current.status },
        },
      ],
    );
  } catch (error) {
    if (isGuardFailure(error)) return err("changed_meanwhile");
    throw error;
  }
  return ok({ ...current, status: to, cancelReason: to === "cancelled" ? cancelReason : current.cancelReason, updatedAt: now });
}

export type RescheduleError = "not_found" | "not_movable" | "conflict" | "outside_availability" | "invalid_time";

export async function rescheduleAppointment(
  deps: Deps,
  actor: Actor,
  timeZone: string,
  appointmentId: string,
  input: { date: string; time: string; durationMinutes?: number; allowOutsideAvailability: boolean },
): Promise<Result<repo.AppointmentRow, RescheduleError>> {
  const { db } = deps;
  const current = await repo.findAppointment(db, actor.clinicId, appointmentId);
  if (!current) return err("not_found");
  if (!canReschedule(current.status)) return err("not_movable");
  const durationMinutes = input.durationMinutes ?? current.durationMinutes;
  const startsAt = zonedToUtc(input.date, input.time, timeZone);
  const endsAt = startsAt + durationMinutes * 60_000;
  if (!Number.isFinite(startsAt) || endsAt <= startsAt) return err("invalid_time");
  const nearby = await repo.therapistAppointmentsBetween(db, actor.clinicId, current.therapistId, startsAt, endsAt);
  if (findConflict({ id: current.id, startsAt, endsAt }, nearby)) return err("conflict");
  const inside = withinAvailability({ startsAt, endsAt }, await windowsFor(deps, actor.clinicId, current.therapistId), timeZone);
  if (!inside && !input.allowOutsideAvailability) return err("outside_availability");
  const now = deps.clock.now();
  try {
    await commitWithEvents(
      deps,
      actor,
      [
        repo.moveAppointmentIfFree({
          clinicId: actor.clinicId,
          id: current.id,
          therapistId: current.therapistId,
          startsAt,
          endsAt,
          durationMinutes,
          outsideAvailability: !inside,
          updatedAt: now,
        }),
        guard(sql`EXISTS (SELECT 1 FROM ${appointments} WHERE id = ${current.id} AND starts_at = ${startsAt} AND updated_at = ${now})`),
        repo.insertChange(db, changeRow(actor, current.id, current.status, current.status, current.startsAt, startsAt, now)),
        auditStatement(deps, actor, "appointment.reschedule", current.patientId),
      ],
      [
        {
          type: "appointment.rescheduled",
          patientId: current.patientId,
          payload: { ...appointmentEventPayload({ ...current, startsAt, endsAt }), previousStartsAt: current.startsAt },
        },
      ],
    );
  } catch (error) {
    if (isGuardFailure(error)) return err("conflict");
    throw error;
  }
  return ok({ ...current, startsAt, endsAt, durationMinutes, updatedAt: now });
}

/** The schedule for local days [fromDate, fromDate + days) in the clinic's time zone. */
export async function scheduleFor(deps: Deps, clinicId: string, timeZone: string, fromDate: string, days: number, therapistId?: string) {
  const from = zonedToUtc(fromDate, "00:00", timeZone);
  const to = zonedToUtc(addDays(fromDate, days), "00:00", timeZone);
  return repo.scheduleBetween(deps.db, clinicId, from, to, therapistId);
}

export async function openSlotsFor(
  deps: Deps,
  clinicId: string,
  timeZone: string,
  therapistId: string,
  fromDate: string,
  days: number,
  minutes: number,
) {
  const from = zonedToUtc(fromDate, "00:00", timeZone);
  const to = zonedToUtc(addDays(fromDate, days), "00:00", timeZone);
  const [windows, taken] = await Promise.all([
    repo.listAvailability(deps.db, clinicId, [therapistId]),
    repo.therapistAppointmentsBetween(deps.db, clinicId, therapistId, from, to),
  ]);
  return openSlots({ fromDate, days, minutes, windows, appointments: taken, timeZone, now: deps.clock.now() });
}

/** Replaces a therapist's weekly hours. */
export async function setAvailability(deps: Deps, actor: Actor, therapistId: string, windows: AvailabilityWindow[]) {
  if (!(await repo.findTherapist(deps.db, actor.clinicId, therapistId))) return false;
  const rows = windows.map((w) => ({ id: newId(deps.clock.now()), clinicId: actor.clinicId, therapistId, ...w }));
  await deps.db.batch([
    repo.deleteAvailability(deps.db, actor.clinicId, therapistId),
    ...(rows.length > 0 ? [repo.insertAvailability(deps.db, rows)] : []),
    auditStatement(deps, actor, "availability.update"),
  ]);
  return true;
}

function changeRow(
  actor: Actor,
  appointmentId: string,
  fromStatus: AppointmentStatus | null,
  toStatus: AppointmentStatus,
  fromStartsAt: number | null,
  toStartsAt: number,
  at: number,
) {
  return {
    id: newId(at),
    clinicId: actor.clinicId,
    appointmentId,
    fromStatus,
    toStatus,
    fromStartsAt,
    toStartsAt,
    actorType: actor.actorType,
    actorId: actor.actorId,
    at,
  };
}
