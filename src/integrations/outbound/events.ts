import type { StoredEvent } from "../../events/publish";
import type { OutboundEventType } from "../tables";

/** Pure: which clinic change becomes which outbound webhook, and the exact JSON body that is signed and sent. */

type Fact = string | number | boolean | null;

/** One thing that happened, as an integration hears it. */
export interface OutboundEvent {
  type: OutboundEventType;
  /**
   * What it came from: a domain event id, or a journey transition key. One delivery per
   * (integration, source, type), so a replayed event or effect sends nothing twice.
   */
  sourceEventId: string;
  clinicId: string;
  patientId: string;
  occurredAt: number;
  /** Ids, codes and numbers only: no names, phone numbers or free text ever leave in a webhook. */
  data: Record<string, Fact>;
  /** The integration whose own change this was (an EHR cancelling a visit): it is not told about it again. */
  originIntegrationId: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Reads typed facts from a domain event's payload; anything of another type reads as null. */
function reader(payload: StoredEvent["payload"]) {
  return {
    str: (k: string) => (typeof payload[k] === "string" ? (payload[k] as string) : null),
    num: (k: string) => (typeof payload[k] === "number" && Number.isFinite(payload[k]) ? (payload[k] as number) : null),
  };
}

/**
 * Domain event -> outbound event, or null for the many events integrations do not hear about.
 * survey.answered is the discharge satisfaction survey (src/surveys): the score and its NPS category,
 * never the patient's comment. A changed answer is sent again (it is a new domain event).
 */
export function fromDomainEvent(e: StoredEvent): OutboundEvent | null {
  if (!e.patientId) return null;
  const { str, num } = reader(e.payload);
  const base = {
    sourceEventId: e.id,
    clinicId: e.clinicId,
    patientId: e.patientId,
    occurredAt: e.occurredAt,
    originIntegrationId: e.actorType === "integration" ? e.actorId : null,
  };
  switch (e.type) {
    case "appointment.confirmed":
    case "appointment.cancelled": {
      const appointmentId = str("appointmentId");
      if (!appointmentId) return null;
      const data: Record<string, Fact> = {
        appointment_id: appointmentId,
        episode_id: str("episodeId"),
        therapist_id: str("therapistId"),
        appointment_type: str("appointmentType"),
        starts_at: iso(num("startsAt")),
        ends_at: iso(num("endsAt")),
      };
      // The cancellation reason is free text typed by staff or the patient: only the status it left goes out.
      if (e.type === "appointment.cancelled") data.previous_status = str("from");
      return { ...base, type: e.type, data };
    }
    case "episode.discharged": {
      const episodeId = str("episodeId");
      if (!episodeId) return null;
      return {
        ...base,
        type: "episode.discharged",
        data: {
          episode_id: episodeId,
          reason: str("reason"),
          visits_attended: num("visitsAttended"),
          visits_prescribed: num("visitsPrescribed"),
        },
      };
    }
    case "survey.answered": {
      const episodeId = str("episodeId");
      if (!episodeId) return null;
      return { ...base, type: "survey.answered", data: { episode_id: episodeId, score: num("score"), category: str("category") } };
    }
    default:
      return null;
  }
}

/** The slice of the journey state a stage change is told with (src/journey/machine.ts JourneyState). */
export interface StageFacts {
  stage: string;
  since: number;
  episodeId: string | null;
  atRiskCause: "risk" | "missed_visit" | null;
  riskBand: "low" | "medium" | "high" | null;
  visitsAttended: number;
  visitsPrescribed: number;
}

/** The key of one journey transition: entering a stage sets `since`, so (patient, stage, since) names it. */
export const stageSourceId = (patientId: string, stage: string, since: number) => `journey:${patientId}:${stage}:${since}`;

/** Journey stage -> outbound event: entering at_risk or lapsed is news for a CRM; other stages are not sent. */
export function fromStageChange(clinicId: string, patientId: string, s: StageFacts): OutboundEvent | null {
  const base = {
    sourceEventId: stageSourceId(patientId, s.stage, s.since),
    clinicId,
    patientId,
    occurredAt: s.since,
    originIntegrationId: null,
  };
  if (s.stage === "at_risk") {
    return {
      ...base,
      type: "patient.at_risk",
      // reason: "missed_visit" (a cancellation or no-show with no next visit) or "risk" (a high dropout score).
      data: { stage: "at_risk", episode_id: s.episodeId, reason: s.atRiskCause, risk_band: s.riskBand, visits_attended: s.visitsAttended },
    };
  }
  if (s.stage === "lapsed") {
    return {
      ...base,
      type: "patient.lapsed",
      data: {
        stage: "lapsed",
        episode_id: s.episodeId,
        reason: "no_visit_booked",
        visits_attended: s.visitsAttended,
        visits_prescribed: s.visitsPrescribed,
      },
    };
  }
  return null;
}

/**
 * The webhook body: exactly these bytes are stored, signed and sent, so a replay is byte-identical.
 * `timestamp` is when it happened (not when it was sent); clinic and patient ids lead the data.
 */
export function payloadOf(e: OutboundEvent): string {
  return JSON.stringify({
    type: e.type,
    timestamp: new Date(e.occurredAt).toISOString(),
    data: { clinic_id: e.clinicId, patient_id: e.patientId, ...e.data },
  });
}
