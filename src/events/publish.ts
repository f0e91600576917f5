import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Actor } from "../platform/audit";
import { type BatchItem, type Db, execBatch } from "../platform/db";
import type { Deps } from "../platform/env";
import { newId } from "../platform/ids";
import { domainEvents } from "./tables";

/** Every change the journey engine, the timeline and the rules care about. */
export type DomainEventType =
  | "patient.created"
  | "patient.updated"
  | "consent.changed"
  | "episode.started"
  | "episode.updated"
  | "episode.discharged"
  | "authorization.added"
  | "appointment.booked"
  | "appointment.rescheduled"
  | "appointment.confirmed"
  | "appointment.arrived"
  | "appointment.attended"
  | "appointment.cancelled"
  | "appointment.no_show"
  | "task.created"
  | "task.completed"
  | "message.received"
  // Patient portal. Payloads: hep.program_changed {episodeId|null, items (count active)};
  // hep.logged {date, exerciseId}; checkin.recorded {score, baseline|null};
  // questionnaire.completed {instrumentId, score, responseId}; preferences.changed {field}.
  | "hep.program_changed"
  | "hep.logged"
  | "checkin.recorded"
  | "questionnaire.completed"
  | "preferences.changed"
  // Discharge satisfaction survey (src/surveys): survey.answered {answerId, episodeId, score, category, channel, changed}.
  | "survey.answered";

export interface DomainEvent {
  type: DomainEventType;
  patientId: string | null;
  /** Ids and facts only (no free text about the patient): subscribers and the timeline read it. */
  payload: Record<string, string | number | boolean | null>;
}

export interface StoredEvent extends DomainEvent {
  id: string;
  clinicId: string;
  occurredAt: number;
  actorType: Actor["actorType"];
  actorId: string | null;
}

export type Subscriber = (deps: Deps, events: StoredEvent[]) => Promise<void>;

const subscribers: { name: string; run: Subscriber }[] = [];

/** Later domains (worklist rules, the journey) subscribe here without touching the publishers. */
export function subscribe(name: string, run: Subscriber): void {
  if (!subscribers.some((s) => s.name === name)) subscribers.push({ name, run });
}

/**
 * The one way to change clinic data that others react to: the change, its audit row and its
 * events commit in one batch (all or nothing); subscribers hear about it only after the commit.
 */
export async function commitWithEvents(deps: Deps, actor: Actor, statements: BatchItem[], events: DomainEvent[]): Promise<StoredEvent[]> {
  const now = deps.clock.now();
  const stored: StoredEvent[] = events.map((e) => ({
    ...e,
    id: newId(now),
    clinicId: actor.clinicId,
    occurredAt: now,
    actorType: actor.actorType,
    actorId: actor.actorId,
  }));
  const inserts = stored.map((e) =>
    deps.db.insert(domainEvents).values({
      id: e.id,
      clinicId: e.clinicId,
      patientId: e.patientId,
      type: e.type,
      payload: JSON.stringify(e.payload),
      actorType: e.actorType,
      actorId: e.actorId,
      occurredAt: e.occurredAt,
    }),
  );
  await execBatch(deps.db, [...statements, ...inserts]);
  await deliver(deps, stored);
  return stored;
}

/** Runs every subscriber; events stay undelivered (for a retry sweep) if one fails. */
export async function deliver(deps: Deps, events: StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    for (const s of subscribers) await s.run(deps, events);
  } catch (error) {
    deps.logger.error("events.subscriber_failed", { clinicId: events[0]?.clinicId, error });
    return;
  }
  await deps.db
    .update(domainEvents)
    .set({ deliveredAt: deps.clock.now() })
    .where(
      and(
        inArray(
          domainEvents.id,
          events.map((e) => e.id),
        ),
        isNull(domainEvents.deliveredAt),
      ),
    );
}

export function listPatientEvents(db: Db, clinicId: string, patientId: string, limit = 100) {
  return db
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.clinicId, clinicId), eq(domainEvents.patientId, patientId)))
    .orderBy(desc(domainEvents.occurredAt), desc(domainEvents.id))
    .limit(limit);
}
