import type { AppointmentStatus } from "../../scheduling/tables";
import type { AppointmentWithTherapist } from "./appointment";
import {
  type FhirJson,
  instant,
  meta,
  patientReference,
  primaryPerformer,
  prune,
  staffReference,
  systems,
  visitTypeConcept,
} from "./common";

/**
 * A visit the patient came to is an Encounter: `arrived` while it happens, `finished` once attended.
 * It shares the appointment's id (a different resource type, so no clash) and points back to it.
 */
export const encounterStatuses: Partial<Record<AppointmentStatus, string>> = { arrived: "arrived", attended: "finished" };

/** Our appointment statuses that are encounters. */
export const encounterAppointmentStatuses = Object.keys(encounterStatuses) as AppointmentStatus[];

export function encounterResource(a: AppointmentWithTherapist): FhirJson {
  const status = encounterStatuses[a.status];
  if (!status) throw new RangeError(`a ${a.status} visit is not an encounter`);
  return prune({
    resourceType: "Encounter",
    id: a.id,
    meta: meta(a.updatedAt),
    status,
    class: { system: systems.actCode, code: "AMB", display: "ambulatory" },
    type: [visitTypeConcept(a.type)],
    subject: patientReference(a.patientId),
    participant: [{ type: primaryPerformer, individual: staffReference(a.therapistId, a.therapistName) }],
    appointment: [{ reference: `Appointment/${a.id}` }],
    period: { start: instant(a.startsAt), end: status === "finished" ? instant(a.endsAt) : null },
    length: status === "finished" ? { value: a.durationMinutes, unit: "min", system: systems.ucum, code: "min" } : null,
  });
}
