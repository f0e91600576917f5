import { and, asc, isNull, lt } from "drizzle-orm";
import { deliver, type StoredEvent } from "../events/publish";
import { domainEvents } from "../events/tables";
import type { Deps } from "../platform/env";
import { isCalendarDate, type JourneyEvent } from "./events";

/** Domain event -> journey event. Events the journey does not care about map to null. */
export function toJourneyEvent(e: StoredEvent): JourneyEvent | null {
  const base = { eventId: e.id, occurredAt: e.occurredAt };
  const p = e.payload;
  const str = (k: string) => (typeof p[k] === "string" ? (p[k] as string) : null);
  const num = (k: string) => (typeof p[k] === "number" ? (p[k] as number) : 0);
  switch (e.type) {
    case "appointment.booked":
    case "appointment.rescheduled":
    case "appointment.confirmed":
    case "appointment.arrived":
    case "appointment.attended":
    case "appointment.cancelled":
    case "appointment.no_show":
      return {
        ...base,
        type: e.type,
        appointmentId: str("appointmentId") ?? "",
        startsAt: num("startsAt"),
        endsAt: num("endsAt"),
        episodeId: str("episodeId"),
      };
    case "episode.started":
      return { ...base, type: "episode.started", episodeId: str("episodeId") ?? "", visitsPrescribed: num("visitsPrescribed") };
    case "episode.updated":
      return { ...base, type: "episode.updated", episodeId: str("episodeId") ?? "", visitsPrescribed: num("visitsPrescribed") };
    case "episode.discharged": {
      const reason = str("reason");
      const valid = ["goals_met", "plan_completed", "dropped_out", "moved", "other"] as const;
      return { ...base, type: "episode.discharged", episodeId: str("episodeId") ?? "", reason: valid.find((r) => r === reason) ?? "other" };
    }
    case "consent.changed": {
      const channel = str("channel");
      const status = str("status");
      if ((channel !== "sms" && channel !== "email") || (status !== "granted" && status !== "revoked")) return null;
      return { ...base, type: "consent.changed", channel, status };
    }
    case "hep.program_changed": {
      // items: exercises still in the program after the change; a payload without it is read as active.
      const items = typeof p.items === "number" ? p.items : null;
      const active = typeof p.active === "boolean" ? p.active : items === null || items > 0;
      return { ...base, type: "hep.program_changed", episodeId: str("episodeId"), active, intervalDays: intervalDaysOf(p.intervalDays) };
    }
    case "hep.logged": {
      const date = str("date");
      return { ...base, type: "hep.logged", date: date && isCalendarDate(date) ? date : null };
    }
    case "checkin.recorded": {
      const score = p.score;
      const valid = typeof score === "number" && Number.isInteger(score) && score >= 0 && score <= 10;
      return { ...base, type: "checkin.recorded", score: valid ? score : null };
    }
    case "questionnaire.completed":
      return { ...base, type: "questionnaire.completed", instrumentId: (str("instrumentId") ?? "unknown").slice(0, 40) || "unknown" };
    case "message.received": {
      const intents = ["confirm", "cancel", "reschedule", "question", "pain", "opt_out", "opt_in", "help", "other"] as const;
      const intent = intents.find((i) => i === str("intent")) ?? "other";
      return { ...base, type: "message.inbound", messageId: str("messageId") ?? "", intent };
    }
    default:
      return null;
  }
}

/** Days between prescribed HEP sessions, 1..7; 1 (daily) when the emitter did not say. */
function intervalDaysOf(value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) return 1;
  return Math.min(7, Math.max(1, Math.ceil(value)));
}

/** Subscriber: hands each patient's events to their PatientJourney, in order. */
export async function forwardToJourneys(deps: Deps, events: StoredEvent[]): Promise<void> {
  for (const e of events) {
    if (!e.patientId) continue;
    const event = toJourneyEvent(e);
    if (!event) continue;
    const stub = deps.journeys.get(deps.journeys.idFromName(e.patientId));
    const result = await stub.dispatch({ clinicId: e.clinicId, patientId: e.patientId, event });
    if (result.outcome === "invalid") deps.logger.warn("journey.invalid_event", { clinicId: e.clinicId, reason: result.reason });
  }
}

/** Cron: events whose subscribers failed are delivered again (the journey ignores ids it has seen). */
export async function redeliverEvents(deps: Deps): Promise<void> {
  const rows = await deps.db
    .select()
    .from(domainEvents)
    .where(and(isNull(domainEvents.deliveredAt), lt(domainEvents.occurredAt, deps.clock.now() - 60_000)))
    .orderBy(asc(domainEvents.occurredAt))
    .limit(200);
  const events: StoredEvent[] = rows.map((r) => ({
    id: r.id,
    clinicId: r.clinicId,
    patientId: r.patientId,
    type: r.type as StoredEvent["type"],
    payload: JSON.parse(r.payload),
    occurredAt: r.occurredAt,
    actorType: r.actorType,
    actorId: r.actorId,
  }));
  await deliver(deps, events);
}
