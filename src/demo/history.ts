import type { DomainEventType } from "../events/publish";
import { appointmentStatusEvents } from "../scheduling/events";
import type { AppointmentStatus } from "../scheduling/tables";
import type { BookedVisit } from "./appointments";
import { type AppointmentChangeRow, type AuthorizationRow, type DomainEventRow, type EpisodeRow, idMaker } from "./types";

const actor = { actorType: "system", actorId: "demo-seed" } as const;

/** A domain event before it gets its id and actor. */
export interface EventDraft {
  type: DomainEventType;
  patientId: string;
  occurredAt: number;
  payload: Record<string, string | number | boolean | null>;
}

/**
 * What the services would have recorded had staff done all this by hand: each appointment's
 * booking and its last status change, and domain events (same types and payload keys as the
 * services publish) for the patient timeline, already marked delivered so nothing reacts again.
 */
export function historyRows(input: {
  clinicId: string;
  episodes: EpisodeRow[];
  authorizations: AuthorizationRow[];
  visits: BookedVisit[];
  /** Events of the patient portal (home exercises, check-ins, questionnaires) to tell in the same timeline. */
  more?: readonly EventDraft[];
}) {
  const { clinicId } = input;
  const nextChange = idMaker(`${clinicId}-c`);
  const changes: AppointmentChangeRow[] = [];
  const events: Omit<DomainEventRow, "id">[] = [];
  const event = (type: DomainEventType, patientId: string, occurredAt: number, payload: Record<string, string | number | boolean | null>) =>
    events.push({ clinicId, patientId, type, payload: JSON.stringify(payload), ...actor, occurredAt, deliveredAt: occurredAt });

  for (const e of input.episodes) {
    event("episode.started", e.patientId, e.createdAt, {
      episodeId: e.id,
      bodyRegion: e.bodyRegion,
      referralSourceId: e.referralSourceId,
      visitsPrescribed: e.visitsPrescribed,
      frequencyPerWeek: e.frequencyPerWeek,
    });
  }
  for (const a of input.authorizations) {
    event("authorization.added", a.patientId, a.createdAt, {
      episodeId: a.episodeId,
      authorizationId: a.id,
      visitsAuthorized: a.visitsAuthorized,
    });
  }
  for (const { row: a, statusAt } of input.visits) {
    const payload = {
      appointmentId: a.id,
      therapistId: a.therapistId,
      episodeId: a.episodeId,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      appointmentType: a.type,
    };
    changes.push(change(nextChange(), a, null, "booked", a.createdAt));
    event("appointment.booked", a.patientId, a.createdAt, payload);
    if (a.status !== "booked" && statusAt !== null) {
      changes.push(change(nextChange(), a, "booked", a.status, statusAt));
      event(appointmentStatusEvents[a.status], a.patientId, statusAt, { ...payload, from: "booked" });
    }
  }
  const attended = new Map<string, number>();
  for (const { row } of input.visits) {
    if (row.status === "attended" && row.episodeId) attended.set(row.episodeId, (attended.get(row.episodeId) ?? 0) + 1);
  }
  for (const e of input.episodes) {
    if (e.status !== "discharged" || e.dischargedAt === null) continue;
    event("episode.discharged", e.patientId, e.dischargedAt, {
      episodeId: e.id,
      reason: e.dischargeReason,
      visitsAttended: attended.get(e.id) ?? 0,
      visitsPrescribed: e.visitsPrescribed,
    });
  }
  for (const e of input.more ?? []) event(e.type, e.patientId, e.occurredAt, e.payload);
  const nextEvent = idMaker(`${clinicId}-d`);
  const domainEvents: DomainEventRow[] = events.sort((a, b) => a.occurredAt - b.occurredAt).map((e) => ({ id: nextEvent(), ...e }));
  return { changes, domainEvents };
}

function change(
  id: string,
  a: BookedVisit["row"],
  fromStatus: AppointmentStatus | null,
  toStatus: AppointmentStatus,
  at: number,
): AppointmentChangeRow {
  return {
    id,
    clinicId: a.clinicId,
    appointmentId: a.id,
    fromStatus,
    toStatus,
    fromStartsAt: fromStatus === null ? null : a.startsAt,
    toStartsAt: a.startsAt,
    ...actor,
    at,
  };
}
