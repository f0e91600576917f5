// Appointment: a visit on the schedule, booked, moved, checked in, attended, cancelled or missed in the EHR.
import * as schedulingRepo from "../../scheduling/repo";
import { mapAppointment } from "../fhir/appointment";
import { toInstant } from "../fhir/common";
import { localTypes } from "../links";
import { NO_PATIENT, NO_THERAPIST, resolvePeople } from "./people";
import { mappedAndNewer } from "./prelude";
import type { Applier, ApplyOutcome } from "./types";
import { writeVisit } from "./visits";

/** A visit the EHR gives no length gets the usual follow-up length. */
export const DEFAULT_VISIT_MINUTES = 45;

export const applyAppointment: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapAppointment(resource));
  if (pre.done) return pre.done;
  const { facts, link } = pre;
  const existing =
    link?.localType === localTypes.appointment ? await schedulingRepo.findAppointment(ctx.deps.db, ctx.clinicId, link.localId) : undefined;
  const people = await resolvePeople(ctx, facts.participants);
  const patientId = existing?.patientId ?? people.patientId;
  const therapistId = people.therapistId ?? existing?.therapistId ?? null;

  if (facts.start === null) {
    // A cancellation without a time: only a visit we already have can be cancelled.
    if (!existing) return { result: "skipped", note: "cancelled before it was ever booked here: nothing to record" };
    return writeVisit(ctx, resource, link, existing.id, {
      ...existing,
      status: facts.status,
      cancelReason: facts.cancelReason,
      bookedInError: facts.bookedInError,
    });
  }
  if (!patientId) return { result: "failed", reason: NO_PATIENT };
  if (!therapistId) return { result: "failed", reason: NO_THERAPIST };
  const startsAt = toInstant(facts.start, ctx.clinicTimeZone);
  const stated = toInstant(facts.end ?? undefined, ctx.clinicTimeZone);
  if (startsAt === null) return { result: "failed", reason: "start is not a valid date and time" };
  const endsAt = stated ?? startsAt + (facts.minutes ?? DEFAULT_VISIT_MINUTES) * 60_000;
  if (endsAt <= startsAt) return { result: "failed", reason: "end is not after start" };
  return writeVisit(ctx, resource, link, existing?.id ?? null, {
    patientId,
    therapistId,
    startsAt,
    endsAt,
    status: facts.status,
    type: existing?.type ?? facts.type,
    cancelReason: facts.cancelReason,
    bookedInError: facts.bookedInError,
  });
};
