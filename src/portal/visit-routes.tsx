import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { ReschedulePage, VisitUnavailablePage } from "../../templates/portal/reschedule";
import { recordAudit } from "../platform/audit";
import { addDays, localParts, zonedToUtc } from "../platform/time";
import { canReschedule } from "../scheduling/model";
import { listAvailability, therapistAppointmentsBetween } from "../scheduling/repo";
import { rescheduleAppointment } from "../scheduling/service";
import { appointments } from "../scheduling/tables";
import { type PortalContext as C, loadPortalPatient, type PortalEnv, type PortalPatient, patientActor } from "./context";
import {
  judgeSlot,
  MAX_SHOWN_SLOTS,
  RESCHEDULE_DAYS,
  type RescheduleOptions,
  rescheduleOptions,
  slotsByDay,
  visitWhen,
  zoneName,
} from "./reschedule-model";

/**
 * Moving a visit from the portal. The link alone is enough (like confirm and cancel): no clinical
 * detail is shown, only the patient's own visit and the therapist's open times. Mounted before the
 * step-up app in routes.tsx so the device check does not apply.
 */
export const visitPortalRoutes = new Hono<PortalEnv>();

type Visit = typeof appointments.$inferSelect;

/** The visit, only if it belongs to the session's patient in the session's clinic. */
function findOwnVisit(c: C, id: string): Promise<Visit | undefined> {
  const s = c.get("portal");
  return c
    .get("deps")
    .db.select()
    .from(appointments)
    .where(and(eq(appointments.clinicId, s.clinicId), eq(appointments.patientId, s.patientId), eq(appointments.id, id)))
    .get();
}

/** The therapist's hours and held time over the period, through the clinic's own open-slot rule. */
async function optionsFor(c: C, p: PortalPatient, visit: Visit): Promise<RescheduleOptions> {
  const { db, clock } = c.get("deps");
  const zone = p.clinic.timeZone;
  const now = clock.now();
  const today = localParts(now, zone).date;
  const from = zonedToUtc(today, "00:00", zone);
  const to = zonedToUtc(addDays(today, RESCHEDULE_DAYS), "00:00", zone);
  const [windows, taken] = await Promise.all([
    listAvailability(db, p.clinic.id, [visit.therapistId]),
    therapistAppointmentsBetween(db, p.clinic.id, visit.therapistId, from, to),
  ]);
  return rescheduleOptions({ visit, windows, appointments: taken, clinicZone: zone, now });
}

function unavailable(c: C, p: PortalPatient, missing: boolean) {
  return c.html(
    <VisitUnavailablePage lang={p.lang} clinicName={p.clinic.name} csrf={c.get("portal").csrf} missing={missing} />,
    missing ? 404 : 409,
  );
}

/** The visit and its patient, or the page to show instead (not theirs: 404; past or done: 409). */
async function movableVisit(c: C): Promise<{ p: PortalPatient; visit: Visit } | Response> {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const visit = await findOwnVisit(c, c.req.param("id") ?? "");
  if (!visit) return unavailable(c, p, true);
  if (!canReschedule(visit.status) || visit.startsAt <= c.get("deps").clock.now()) return unavailable(c, p, false);
  return { p, visit };
}

async function renderChoices(c: C, p: PortalPatient, visit: Visit, error?: "taken" | "invalid", status: 200 | 409 | 422 = 200) {
  const options = await optionsFor(c, p, visit);
  const shown = options.free.slice(0, MAX_SHOWN_SLOTS);
  return c.html(
    <ReschedulePage
      lang={p.lang}
      clinicName={p.clinic.name}
      clinicPhone={p.clinic.phone}
      csrf={c.get("portal").csrf}
      visitId={visit.id}
      when={visitWhen(visit.startsAt, p.zone, p.lang)}
      zoneName={zoneName(p.zone, p.lang, visit.startsAt)}
      days={slotsByDay(shown, p.zone, p.lang)}
      truncated={options.free.length > shown.length}
      error={error}
    />,
    status,
  );
}

visitPortalRoutes.get("/visits/:id/reschedule", async (c) => {
  const found = await movableVisit(c);
  if (found instanceof Response) return found;
  await recordAudit(c.get("deps"), patientActor(c), "portal.reschedule.view", found.p.patient.id);
  return renderChoices(c, found.p, found.visit);
});

const chosenSchema = z.object({
  startsAt: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
});

visitPortalRoutes.post("/visits/:id/reschedule", async (c) => {
  const found = await movableVisit(c);
  if (found instanceof Response) return found;
  const { p, visit } = found;
  const parsed = chosenSchema.safeParse(await c.req.parseBody());
  if (!parsed.success) return renderChoices(c, p, visit, "invalid", 422);
  const startsAt = parsed.data.startsAt;
  const verdict = judgeSlot(startsAt, await optionsFor(c, p, visit));
  if (verdict === "taken") return renderChoices(c, p, visit, "taken", 409);
  const local = localParts(startsAt, p.clinic.timeZone);
  // The service takes clinic wall-clock time; refuse the rare instant it cannot name (the repeated DST hour).
  if (verdict === "invalid" || zonedToUtc(local.date, local.time, p.clinic.timeZone) !== startsAt) {
    return renderChoices(c, p, visit, "invalid", 422);
  }
  const moved = await rescheduleAppointment(c.get("deps"), patientActor(c), p.clinic.timeZone, visit.id, {
    date: local.date,
    time: local.time,
    allowOutsideAvailability: false,
  });
  if (!moved.ok) {
    // The therapist's hours changed since the list was shown: as stale as a slot just taken.
    if (moved.error === "conflict" || moved.error === "outside_availability") return renderChoices(c, p, visit, "taken", 409);
    if (moved.error === "not_found") return unavailable(c, p, true);
    if (moved.error === "not_movable") return unavailable(c, p, false);
    return renderChoices(c, p, visit, "invalid", 422);
  }
  return c.redirect("/portal?done=rescheduled", 303);
});
