import type { AppointmentStatus, appointments } from "../../scheduling/tables";
import { type FhirJson, instant, meta, patientReference, primaryPerformer, prune, staffReference, visitTypeConcept } from "./common";

export type AppointmentRow = typeof appointments.$inferSelect;
export type AppointmentWithTherapist = AppointmentRow & { therapistName: string | null };

/**
 * Our visit statuses in FHIR R4 Appointment.status. FHIR has no "confirmed": a visit the patient
 * confirmed is still `booked`, and the patient participant's status says `accepted` (a merely booked
 * one says `needs-action`). Attended is `fulfilled`; no-show is `noshow`.
 */
export const fhirAppointmentStatus: Record<AppointmentStatus, string> = {
  booked: "booked",
  confirmed: "booked",
  arrived: "arrived",
  attended: "fulfilled",
  cancelled: "cancelled",
  no_show: "noshow",
};

/** Every R4 Appointment.status code: a search may name any of them (those we never use match nothing). */
export const fhirAppointmentStatuses = [
  "proposed",
  "pending",
  "booked",
  "arrived",
  "fulfilled",
  "cancelled",
  "noshow",
  "entered-in-error",
  "checked-in",
  "waitlist",
] as const;

/** The statuses of ours that a FHIR status code stands for (the inverse of fhirAppointmentStatus). */
export function ourAppointmentStatuses(fhirStatus: string): AppointmentStatus[] {
  return (Object.keys(fhirAppointmentStatus) as AppointmentStatus[]).filter((s) => fhirAppointmentStatus[s] === fhirStatus);
}

/** A visit as FHIR R4 Appointment: the patient and the treating therapist as participants. */
export function appointmentResource(a: AppointmentWithTherapist): FhirJson {
  return prune({
    resourceType: "Appointment",
    id: a.id,
    meta: meta(a.updatedAt),
    status: fhirAppointmentStatus[a.status],
    cancelationReason: a.status === "cancelled" && a.cancelReason ? { text: a.cancelReason } : null,
    appointmentType: visitTypeConcept(a.type),
    start: instant(a.startsAt),
    end: instant(a.endsAt),
    minutesDuration: a.durationMinutes,
    created: instant(a.createdAt),
    participant: [
      { actor: patientReference(a.patientId), required: "required", status: a.status === "booked" ? "needs-action" : "accepted" },
      { type: primaryPerformer, actor: staffReference(a.therapistId, a.therapistName), required: "required", status: "accepted" },
    ],
  });
}
