import type { DomainEventType } from "../events/publish";
import type { AppointmentStatus, AppointmentType } from "./tables";

/**
 * The domain event of each appointment status and its payload: staff actions, the EHR and the demo
 * history all publish these, so the journey cannot tell who changed a visit.
 */
export const appointmentStatusEvents: Record<AppointmentStatus, DomainEventType> = {
  booked: "appointment.booked",
  confirmed: "appointment.confirmed",
  arrived: "appointment.arrived",
  attended: "appointment.attended",
  cancelled: "appointment.cancelled",
  no_show: "appointment.no_show",
};

export interface AppointmentFacts {
  id: string;
  therapistId: string;
  episodeId: string | null;
  startsAt: number;
  endsAt: number;
  type: AppointmentType;
}

export function appointmentEventPayload(a: AppointmentFacts) {
  return {
    appointmentId: a.id,
    therapistId: a.therapistId,
    episodeId: a.episodeId,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    appointmentType: a.type,
  };
}
