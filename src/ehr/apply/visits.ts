// Writes a visit the EHR booked, moved or closed, through the same rows and domain events as the front desk's.
import { and, desc, eq, sql } from "drizzle-orm";
import { localDateIn } from "../../clinics/model";
import { episodes } from "../../episodes/tables";
import { commitWithEvents, type DomainEvent } from "../../events/publish";
import { auditStatement } from "../../platform/audit";
import { type BatchItem, guard } from "../../platform/db";
import { newId } from "../../platform/ids";
// The same events, with the same payloads, as staff actions publish.
import { appointmentEventPayload, appointmentStatusEvents } from "../../scheduling/events";
import { canTransition, withinAvailability } from "../../scheduling/model";
import * as schedulingRepo from "../../scheduling/repo";
import { type AppointmentStatus, type AppointmentType, appointments } from "../../scheduling/tables";
import { isHistory } from "../fhir/common";
import { type LinkRow, linkStatements, localTypes } from "../links";
import { memo } from "./memo";
import type { ApplyContext, ApplyOutcome, FhirResource } from "./types";

export interface VisitInput {
  patientId: string;
  therapistId: string;
  startsAt: number;
  endsAt: number;
  status: AppointmentStatus;
  type: AppointmentType;
  cancelReason: string | null;
  /** The EHR says the booking itself was a mistake: recorded, but nobody is told (no "we missed you"). */
  bookedInError?: boolean;
}

type Row = schedulingRepo.AppointmentRow;

/**
 * The status the visit takes. The EHR is the record of its schedule, so it may cancel, reinstate or correct
 * a visit; but a stale in-progress update never undoes an attended visit, and "booked" never undoes a
 * confirmation the patient gave here.
 */
export function nextStatus(current: AppointmentStatus, incoming: AppointmentStatus): AppointmentStatus {
  if (incoming === current || (incoming === "booked" && current === "confirmed")) return current;
  if (canTransition(current, incoming) || incoming === "cancelled" || incoming === "no_show") return incoming;
  if ((incoming === "booked" || incoming === "attended") && (current === "cancelled" || current === "no_show")) return incoming;
  return current;
}

/**
 * The patient's open episode the visit belongs to: the latest that had started by the visit's day. Read once
 * per patient and delivery: referrals and plans of care are applied before any visit, so it cannot change.
 */
async function episodeFor(ctx: ApplyContext, patientId: string, startsAt: number): Promise<string | null> {
  const day = localDateIn(startsAt, ctx.clinicTimeZone);
  const open = await memo(ctx, `open-episodes:${patientId}`, () =>
    ctx.deps.db
      .select({ id: episodes.id, startDate: episodes.startDate })
      .from(episodes)
      .where(and(eq(episodes.clinicId, ctx.clinicId), eq(episodes.patientId, patientId), eq(episodes.status, "open")))
      .orderBy(desc(episodes.startDate), desc(episodes.id)),
  );
  return open.find((e) => e.startDate <= day)?.id ?? null;
}

async function inside(ctx: ApplyContext, therapistId: string, startsAt: number, endsAt: number): Promise<boolean> {
  const windows = await memo(ctx, `hours:${therapistId}`, () => schedulingRepo.listAvailability(ctx.deps.db, ctx.clinicId, [therapistId]));
  return withinAvailability({ startsAt, endsAt }, windows, ctx.clinicTimeZone);
}

function changeRow(
  ctx: ApplyContext,
  appointmentId: string,
  from: AppointmentStatus | null,
  to: AppointmentStatus,
  fromAt: number | null,
  toAt: number,
  now: number,
) {
  return schedulingRepo.insertChange(ctx.deps.db, {
    id: newId(now),
    clinicId: ctx.clinicId,
    appointmentId,
    fromStatus: from,
    toStatus: to,
    fromStartsAt: fromAt,
    toStartsAt: toAt,
    actorType: ctx.actor.actorType,
    actorId: ctx.actor.actorId,
    at: now,
  });
}

/**
 * Creates or updates the visit and its link in one batch with its change rows, audit rows and events.
 * Conflicts and working hours never refuse it (the EHR already booked it); outside hours is recorded.
 * History (a visit that began over 30 days ago) is stored without events, so old visits open no task
 * and send no message.
 */
export async function writeVisit(
  ctx: ApplyContext,
  resource: FhirResource,
  link: LinkRow | null,
  existingId: string | null,
  input: VisitInput,
): Promise<ApplyOutcome> {
  const { db } = ctx.deps;
  const now = ctx.deps.clock.now();
  const current = existingId ? await schedulingRepo.findAppointment(db, ctx.clinicId, existingId) : undefined;
  const quiet = isHistory(input.startsAt, now) || input.bookedInError === true;
  const quietNote = input.bookedInError
    ? "booked in error: cancelled without telling anyone"
    : "history: recorded without reminders or tasks";
  const statements: BatchItem[] = [];
  const events: DomainEvent[] = [];

  if (!current) {
    const row: Row = {
      id: newId(now),
      clinicId: ctx.clinicId,
      patientId: input.patientId,
      therapistId: input.therapistId,
      episodeId: await episodeFor(ctx, input.patientId, input.startsAt),
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      durationMinutes: Math.max(1, Math.round((input.endsAt - input.startsAt) / 60_000)),
      type: input.type,
      status: input.status,
      outsideAvailability: !(await inside(ctx, input.therapistId, input.startsAt, input.endsAt)),
      cancelReason: input.status === "cancelled" ? input.cancelReason : null,
      createdAt: now,
      updatedAt: now,
    };
    const local = { localType: localTypes.appointment, localId: row.id };
    // Like the front desk: a visit is booked first, then moves to what the EHR says it now is.
    statements.push(db.insert(appointments).values(row), changeRow(ctx, row.id, null, "booked", null, row.startsAt, now));
    statements.push(auditStatement(ctx.deps, ctx.actor, "appointment.book", row.patientId));
    events.push({ type: "appointment.booked", patientId: row.patientId, payload: appointmentEventPayload(row) });
    if (row.status !== "booked") {
      statements.push(changeRow(ctx, row.id, "booked", row.status, row.startsAt, row.startsAt, now));
      statements.push(auditStatement(ctx.deps, ctx.actor, `appointment.${row.status}`, row.patientId));
      events.push({
        type: appointmentStatusEvents[row.status],
        patientId: row.patientId,
        payload: { ...appointmentEventPayload(row), from: "booked" },
      });
    }
    statements.push(...linkStatements(db, ctx, resource, local, link, now));
    await commitWithEvents(ctx.deps, ctx.actor, statements, quiet ? [] : events);
    return { result: "applied", local, ...(quiet ? { note: quietNote } : {}) };
  }

  const local = { localType: localTypes.appointment, localId: current.id };
  const status = nextStatus(current.status, input.status);
  const moved = current.startsAt !== input.startsAt || current.endsAt !== input.endsAt;
  const reassigned = current.therapistId !== input.therapistId;
  if (!moved && !reassigned && status === current.status) {
    await commitWithEvents(ctx.deps, ctx.actor, linkStatements(db, ctx, resource, local, link, now), []);
    return {
      result: "unchanged",
      local,
      ...(input.status !== status ? { note: `kept ${current.status}: the EHR said ${input.status}` } : {}),
    };
  }
  const next: Row = {
    ...current,
    therapistId: input.therapistId,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    durationMinutes: Math.max(1, Math.round((input.endsAt - input.startsAt) / 60_000)),
    status,
    outsideAvailability:
      moved || reassigned ? !(await inside(ctx, input.therapistId, input.startsAt, input.endsAt)) : current.outsideAvailability,
    cancelReason: status === "cancelled" ? (input.cancelReason ?? current.cancelReason) : current.cancelReason,
    updatedAt: now,
  };
  const { id } = current;
  statements.push(
    db
      .update(appointments)
      .set({
        therapistId: next.therapistId,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        durationMinutes: next.durationMinutes,
        status: next.status,
        outsideAvailability: next.outsideAvailability,
        cancelReason: next.cancelReason,
        updatedAt: now,
      })
      .where(and(eq(appointments.clinicId, ctx.clinicId), eq(appointments.id, id), eq(appointments.updatedAt, current.updatedAt))),
    // Staff changed the visit since it was read: roll back, and the retry starts from their change.
    guard(sql`EXISTS (SELECT 1 FROM ${appointments} WHERE id = ${id} AND updated_at = ${now})`),
    changeRow(ctx, id, current.status, status, current.startsAt, next.startsAt, now),
  );
  if (moved && (status === "booked" || status === "confirmed")) {
    statements.push(auditStatement(ctx.deps, ctx.actor, "appointment.reschedule", current.patientId));
    events.push({
      type: "appointment.rescheduled",
      patientId: current.patientId,
      payload: { ...appointmentEventPayload(next), previousStartsAt: current.startsAt },
    });
  }
  if (status !== current.status) {
    statements.push(auditStatement(ctx.deps, ctx.actor, `appointment.${status}`, current.patientId));
    events.push({
      type: appointmentStatusEvents[status],
      patientId: current.patientId,
      payload: { ...appointmentEventPayload(next), from: current.status },
    });
  }
  if (events.length === 0) statements.push(auditStatement(ctx.deps, ctx.actor, "appointment.update", current.patientId));
  statements.push(...linkStatements(db, ctx, resource, local, link, now));
  await commitWithEvents(ctx.deps, ctx.actor, statements, quiet ? [] : events);
  return { result: "applied", local, ...(quiet ? { note: quietNote } : {}) };
}
