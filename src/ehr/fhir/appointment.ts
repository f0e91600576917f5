// FHIR Appointment -> a visit on the schedule. Pure.
import { z } from "zod";
import type { AppointmentStatus, AppointmentType } from "../../scheduling/tables";
import {
  type Concept,
  clip,
  conceptShape,
  conceptText,
  hasTime,
  invalid,
  type Mapped,
  mapped,
  readShape,
  referenceOf,
  referenceShape,
  skipped,
} from "./common";

const appointmentShape = z.object({
  resourceType: z.literal("Appointment"),
  status: z.string({ message: "status is required" }),
  appointmentType: conceptShape.optional(),
  serviceType: z.array(conceptShape).optional(),
  cancelationReason: conceptShape.optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  minutesDuration: z.number().optional(),
  participant: z.array(z.object({ actor: referenceShape.optional() })).optional(),
});

/** FHIR status -> ours. A waitlist entry is not a visit. */
export const appointmentStatusMap: Record<string, AppointmentStatus> = {
  proposed: "booked",
  pending: "booked",
  booked: "booked",
  arrived: "arrived",
  "checked-in": "arrived",
  fulfilled: "attended",
  cancelled: "cancelled",
  noshow: "no_show",
  "entered-in-error": "cancelled",
};

export interface VisitFacts {
  status: AppointmentStatus;
  /** FHIR dateTimes as written; the applier reads them in the clinic's zone. Null only for a cancellation. */
  start: string | null;
  end: string | null;
  minutes: number | null;
  type: AppointmentType;
  /** References to the patient and the practitioner among the participants (others resolve to nothing we keep). */
  participants: string[];
  cancelReason: string | null;
  /** entered-in-error, or cancelled with reason code oth-err (HL7 SIU S17 "delete"): never a real visit. */
  bookedInError: boolean;
}

const VISIT_TYPES: readonly AppointmentType[] = ["evaluation", "follow_up", "re_evaluation", "discharge"];

/** Our visit type from a code we serve ourselves, else from the words used; a follow-up when nothing says otherwise. */
export function visitTypeOf(...concepts: (Concept | undefined)[]): AppointmentType {
  for (const c of concepts) {
    const own = c?.coding?.map((x) => x.code).find((code): code is AppointmentType => VISIT_TYPES.includes(code as AppointmentType));
    if (own) return own;
  }
  const words = concepts
    .map((c) => conceptText(c) ?? "")
    .join(" ")
    .toLowerCase();
  if (/re-?\s?eval/.test(words)) return "re_evaluation";
  if (/eval|initial|new patient/.test(words)) return "evaluation";
  if (/discharge/.test(words)) return "discharge";
  return "follow_up";
}

export function mapAppointment(resource: unknown): Mapped<VisitFacts> {
  const read = readShape(appointmentShape, resource);
  if (!read.ok) return invalid(read.reason);
  const a = read.data;
  if (a.status === "waitlist") return skipped("waitlist entry, not a visit");
  const status = appointmentStatusMap[a.status];
  if (!status) return invalid(`status "${a.status.slice(0, 20)}" is not an Appointment status`);
  const start = a.start ?? null;
  if (start === null && status !== "cancelled") return invalid("start is required for a visit that is not cancelled");
  if (start !== null && !hasTime(start)) return invalid("start must be a date and time");
  if (a.end && !hasTime(a.end)) return invalid("end must be a date and time");
  const participants = (a.participant ?? []).map((p) => referenceOf(p.actor)).filter((r): r is string => r !== null);
  return mapped({
    status,
    start,
    end: a.end ?? null,
    minutes: a.minutesDuration && a.minutesDuration > 0 ? Math.round(a.minutesDuration) : null,
    type: visitTypeOf(a.appointmentType, ...(a.serviceType ?? [])),
    participants,
    cancelReason: status === "cancelled" ? clip(conceptText(a.cancelationReason), 200) : null,
    bookedInError: a.status === "entered-in-error" || (a.cancelationReason?.coding ?? []).some((c) => c.code === "oth-err"),
  });
}
