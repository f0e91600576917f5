// Encounter: a visit that happened. It closes the Appointment it fulfils, or is recorded as a visit of its own.
import * as schedulingRepo from "../../scheduling/repo";
import { toInstant } from "../fhir/common";
import { mapEncounter } from "../fhir/encounter";
import { localTypes } from "../links";
import { DEFAULT_VISIT_MINUTES } from "./appointment";
import { NO_PATIENT, NO_THERAPIST, resolvePeople } from "./people";
import { mappedAndNewer } from "./prelude";
import type { Applier, ApplyContext, ApplyOutcome } from "./types";
import { writeVisit } from "./visits";

async function fulfilledAppointment(ctx: ApplyContext, references: string[]) {
  for (const reference of references) {
    const local = await ctx.resolve(reference);
    if (local?.localType === localTypes.appointment) return schedulingRepo.findAppointment(ctx.deps.db, ctx.clinicId, local.localId);
  }
  return undefined;
}

export const applyEncounter: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapEncounter(resource));
  if (pre.done) return pre.done;
  const { facts, link } = pre;
  const own =
    link?.localType === localTypes.appointment ? await schedulingRepo.findAppointment(ctx.deps.db, ctx.clinicId, link.localId) : undefined;
  // The booked visit keeps its scheduled time and therapist: the encounter only says how it went.
  const booked = own ? undefined : await fulfilledAppointment(ctx, facts.appointments);
  if (booked) return writeVisit(ctx, resource, link, booked.id, { ...booked, status: facts.status, cancelReason: null });

  const people = await resolvePeople(ctx, [...(facts.subject ? [facts.subject] : []), ...facts.practitioners]);
  const patientId = own?.patientId ?? people.patientId;
  const therapistId = people.therapistId ?? own?.therapistId ?? null;
  if (!patientId) return { result: "failed", reason: NO_PATIENT };
  if (!therapistId) return { result: "failed", reason: NO_THERAPIST };
  const startsAt = toInstant(facts.start, ctx.clinicTimeZone);
  if (startsAt === null) return { result: "failed", reason: "period.start is not a valid date and time" };
  const endsAt = toInstant(facts.end ?? undefined, ctx.clinicTimeZone) ?? startsAt + DEFAULT_VISIT_MINUTES * 60_000;
  if (endsAt <= startsAt) return { result: "failed", reason: "period.end is not after period.start" };
  return writeVisit(ctx, resource, link, own?.id ?? null, {
    patientId,
    therapistId,
    startsAt,
    endsAt,
    status: facts.status,
    type: own?.type ?? facts.type,
    cancelReason: null,
  });
};
