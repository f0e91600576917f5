import type { AppointmentWithTherapist } from "../ehr/fhir-out/appointment";
import type { MessageRow } from "../ehr/fhir-out/communication";
import type { PatientRow } from "../ehr/fhir-out/patient";
import type { journeyProjections } from "../journey/tables";
import type { riskCurrent } from "../risk/tables";
import type { tasks } from "../worklist/tables";
import type { ApiAppointment, ApiJourney, ApiMessage, ApiPatient, ApiRisk, ApiTask } from "./v1-schemas";

/** Pure: database rows as /api/v1 JSON (the shapes v1-schemas.ts declares). */

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

type Projection = typeof journeyProjections.$inferSelect;
type Stage = ApiJourney["state"];
type RiskRow = typeof riskCurrent.$inferSelect;

/** A stored score as the API shows it: the reasons' words only (the weights are the model's business). */
export function apiRisk(r: RiskRow | null | undefined): ApiRisk | null {
  if (!r) return null;
  let reasons: string[] = [];
  try {
    const parsed = JSON.parse(r.reasons) as { text?: unknown }[];
    reasons = parsed.map((x) => x.text).filter((t): t is string => typeof t === "string");
  } catch {
    reasons = [];
  }
  return {
    score: r.score,
    band: r.band,
    reasons,
    model_version: r.modelVersion,
    computed_at: iso(r.computedAt),
    episode_id: r.episodeId,
  };
}

export function apiPatient(
  p: PatientRow,
  identifiers: { system: string; value: string }[],
  journey: Projection | null,
  risk: RiskRow | null = null,
): ApiPatient {
  const address = [p.addressLine1, p.addressLine2, p.city, p.region, p.postalCode, p.country].some((v) => v)
    ? { line1: p.addressLine1, line2: p.addressLine2, city: p.city, region: p.region, postal_code: p.postalCode, country: p.country }
    : null;
  return {
    id: p.id,
    given_name: p.givenName,
    family_name: p.familyName,
    date_of_birth: p.dateOfBirth,
    sex: p.sex,
    phone: p.phone,
    email: p.email,
    preferred_language: p.preferredLanguage,
    address,
    identifiers: identifiers.map((i) => ({ system: i.system, value: i.value })),
    journey: journey ? { state: journey.stage as Stage, since: iso(journey.since), next_touch_at: isoOrNull(journey.nextTouchAt) } : null,
    risk: apiRisk(risk),
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
  };
}

export function apiTask(t: typeof tasks.$inferSelect): ApiTask {
  return {
    id: t.id,
    type: t.type,
    title: t.title,
    status: t.status,
    patient_id: t.patientId,
    assignee_id: t.assigneeId,
    due_date: t.dueDate,
    outcome_note: t.outcomeNote,
    source: t.ruleKey ? "rule" : "manual",
    created_at: iso(t.createdAt),
    completed_at: isoOrNull(t.completedAt),
  };
}

export function apiMessage(m: MessageRow): ApiMessage {
  return {
    id: m.id,
    patient_id: m.patientId,
    direction: m.direction,
    channel: m.channel,
    category: m.category,
    purpose: m.purpose,
    status: m.status,
    subject: m.subject,
    body: m.body,
    appointment_id: m.appointmentId,
    send_at: iso(m.sendAt),
    created_at: iso(m.createdAt),
  };
}

export function apiAppointment(a: AppointmentWithTherapist): ApiAppointment {
  return {
    id: a.id,
    patient_id: a.patientId,
    therapist: { id: a.therapistId, name: a.therapistName },
    episode_id: a.episodeId,
    type: a.type,
    status: a.status,
    starts_at: iso(a.startsAt),
    ends_at: iso(a.endsAt),
    duration_minutes: a.durationMinutes,
    cancel_reason: a.cancelReason,
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
  };
}
