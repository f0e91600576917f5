// FHIR Encounter -> a visit that happened (or is happening). Pure.
import { z } from "zod";
import type { AppointmentStatus } from "../../scheduling/tables";
import { visitTypeOf } from "./appointment";
import {
  conceptShape,
  hasTime,
  invalid,
  type Mapped,
  mapped,
  periodShape,
  readShape,
  referenceOf,
  referenceShape,
  skipped,
} from "./common";

const encounterShape = z.object({
  resourceType: z.literal("Encounter"),
  status: z.string({ message: "status is required" }),
  type: z.array(conceptShape).optional(),
  subject: referenceShape.optional(),
  participant: z.array(z.object({ individual: referenceShape.optional() })).optional(),
  appointment: z.array(referenceShape).optional(),
  period: periodShape.optional(),
});

/** Encounter status -> the visit's status. A cancelled encounter never became a visit. */
const encounterStatusMap: Record<string, AppointmentStatus | null> = {
  planned: "booked",
  arrived: "arrived",
  triaged: "arrived",
  "in-progress": "arrived",
  onleave: "arrived",
  finished: "attended",
  cancelled: null,
  "entered-in-error": null,
  unknown: null,
};

export interface EncounterFacts {
  status: AppointmentStatus;
  start: string;
  end: string | null;
  type: ReturnType<typeof visitTypeOf>;
  subject: string | null;
  practitioners: string[];
  /** The Appointment(s) this encounter fulfils: when one is known here, that visit is updated instead. */
  appointments: string[];
}

export function mapEncounter(resource: unknown): Mapped<EncounterFacts> {
  const read = readShape(encounterShape, resource);
  if (!read.ok) return invalid(read.reason);
  const e = read.data;
  if (!(e.status in encounterStatusMap)) return invalid(`status "${e.status.slice(0, 20)}" is not an Encounter status`);
  const status = encounterStatusMap[e.status];
  if (!status) return skipped(`${e.status} encounter: no visit to record`);
  const start = e.period?.start;
  if (!start || !hasTime(start)) return invalid("period.start (a date and time) is required");
  const end = e.period?.end && hasTime(e.period.end) ? e.period.end : null;
  return mapped({
    status,
    start,
    end,
    type: visitTypeOf(...(e.type ?? [])),
    subject: referenceOf(e.subject),
    practitioners: (e.participant ?? []).map((p) => referenceOf(p.individual)).filter((r): r is string => r !== null),
    appointments: (e.appointment ?? []).map((r) => referenceOf(r)).filter((r): r is string => r !== null),
  });
}
