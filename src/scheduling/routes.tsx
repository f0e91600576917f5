import { Hono } from "hono";
import { AppointmentPage } from "../../templates/schedule/appointment.page";
import { DayPage } from "../../templates/schedule/day.page";
import { longDate, shortDate, statusLabels } from "../../templates/schedule/labels";
import { type RowProps, VisitRow } from "../../templates/schedule/row.partial";
import { WeekPage } from "../../templates/schedule/week.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { localDateIn } from "../clinics/model";
import { listStaff } from "../clinics/service";
import { findPatient } from "../patients/repo";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { isHtmx } from "../platform/htmx";
import { addDays, localParts, startOfWeek } from "../platform/time";
import { formStrings } from "../platform/validate";
import { bookingRoutes } from "./booking-routes";
import { openSlots } from "./model";
import { type AppointmentRow, appointmentHistory, findAppointment, listAvailability, listTherapists } from "./repo";
import { backPath, rescheduleFormSchema, scheduleQuerySchema, statusFormSchema } from "./schemas";
import { changeStatus, rescheduleAppointment, scheduleFor } from "./service";
import { bookHref, type C, fitsFor, nameOf, notFound, SLOT_MINUTES, scheduleHref, slotHref, therapistName, tzOf, visitView } from "./view";
import { waitlistRoutes } from "./waitlist-routes";

/** /schedule: day and week views, visit actions and history; booking and the waitlist are mounted from their own modules. */
export const scheduleRoutes = new Hono<AppEnv>();

scheduleRoutes.route("/", bookingRoutes);
scheduleRoutes.route("/waitlist", waitlistRoutes);

// ---- Day and week views ----

scheduleRoutes.get("/", async (c) => {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const tz = staff.clinicTimeZone;
  const q = scheduleQuerySchema.parse(c.req.query());
  const today = localDateIn(deps.clock.now(), tz);
  const date = q.date ?? today;
  const therapists = await listTherapists(deps.db, staff.clinicId);
  if (q.therapist && !therapists.some((t) => t.id === q.therapist)) throw notFound("therapist");
  const shown = q.therapist ? therapists.filter((t) => t.id === q.therapist) : therapists;
  const start = q.view === "week" ? startOfWeek(date) : date;
  const step = q.view === "week" ? 7 : 1;
  const toolbar = {
    view: q.view,
    date,
    heading: q.view === "week" ? `Week of ${longDate(start)}` : longDate(date),
    prevHref: scheduleHref(addDays(start, -step), q.view, q.therapist),
    nextHref: scheduleHref(addDays(start, step), q.view, q.therapist),
    todayHref: scheduleHref(today, q.view, q.therapist),
    otherViewHref: scheduleHref(date, q.view === "week" ? "day" : "week", q.therapist),
    therapists,
    therapistId: q.therapist,
  };
  // Two statements whatever the clinic's size: the visits with patient names, and the therapists' hours.
  const [rows, windows] = await Promise.all([
    scheduleFor(deps, staff.clinicId, tz, start, step, q.therapist ?? undefined),
    q.view === "day"
      ? listAvailability(
          deps.db,
          staff.clinicId,
          shown.map((t) => t.id),
        )
      : Promise.resolve([]),
  ]);
  if (q.view === "week") {
    const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
    const dated = rows.map((r) => ({ ...r, local: localParts(r.appointment.startsAt, tz) }));
    const grid = shown.map((t) => ({
      ...t,
      days: days.map((d) =>
        dated
          .filter((r) => r.appointment.therapistId === t.id && r.local.date === d)
          .map((r) => ({ id: r.appointment.id, time: r.local.time, patientName: nameOf(r.patient), status: r.appointment.status })),
      ),
    }));
    const dayLinks = days.map((d) => ({ date: d, href: scheduleHref(d, "day", q.therapist), isToday: d === today }));
    return c.html(<WeekPage staff={layoutStaff(staff)} toolbar={toolbar} days={dayLinks} therapists={grid} />);
  }
  const back = scheduleHref(date, "day", q.therapist);
  const columns = shown.map((t) => {
    const mine = rows.filter((r) => r.appointment.therapistId === t.id);
    const slots = openSlots({
      fromDate: date,
      days: 1,
      minutes: SLOT_MINUTES,
      windows: windows.filter((w) => w.therapistId === t.id),
      appointments: mine.map((r) => r.appointment),
      timeZone: tz,
      now: deps.clock.now(),
    }).map((s) => {
      const time = localParts(s.startsAt, tz).time;
      return {
        time,
        bookHref: bookHref({ therapist: t.id, date, time, duration: SLOT_MINUTES }),
        fitsHref: slotHref({ therapist: t.id, date, time, minutes: SLOT_MINUTES }),
      };
    });
    return { ...t, visits: mine.map((r) => visitView(r.appointment, r.patient, tz, c.get("deps").clock.now())), slots };
  });
  return c.html(<DayPage staff={layoutStaff(staff)} toolbar={toolbar} back={back} therapists={columns} />);
});

// ---- Visit actions: a row fragment for htmx, a redirect back without script ----

/** Renders one visit row (the htmx answer), reading the patient's name. */
async function rowResponse(c: C, a: AppointmentRow, extra: Omit<RowProps, "visit" | "csrf">, status: 200 | 409 | 422 = 200) {
  const staff = currentStaff(c);
  const patient = await findPatient(c.get("deps").db, staff.clinicId, a.patientId);
  if (!patient) throw notFound();
  return c.html(
    <VisitRow visit={visitView(a, patient, staff.clinicTimeZone, c.get("deps").clock.now())} csrf={staff.csrfToken} focus {...extra} />,
    status,
  );
}

/** A refused action: the row with the reason (htmx), or an error page with it. */
async function refuse(c: C, id: string, status: 409 | 422, message: (current: AppointmentRow) => string | Promise<string>, back: string) {
  const current = await findAppointment(c.get("deps").db, currentStaff(c).clinicId, id);
  if (!current) throw notFound();
  const text = await message(current);
  if (!isHtmx(c)) throw new AppError(status === 409 ? "conflict" : "validation", text);
  return rowResponse(c, current, { back, message: { kind: "error", text } }, status);
}

scheduleRoutes.post("/appointments/:id/status", async (c) => {
  const id = c.req.param("id");
  const body = formStrings(await c.req.parseBody());
  const parsed = statusFormSchema.safeParse(body);
  if (!parsed.success) return refuse(c, id, 422, () => "Choose what happened to the visit.", backPath.parse(body.back));
  const { status, reason, back } = parsed.data;
  const result = await changeStatus(c.get("deps"), staffActor(c), id, status, reason);
  if (!result.ok) {
    if (result.error === "not_found") throw notFound();
    if (result.error === "changed_meanwhile")
      return refuse(c, id, 409, () => "Someone changed this visit a moment ago; here it is now.", back);
    if (result.error === "too_early")
      return refuse(
        c,
        id,
        409,
        () => "This visit has not started yet: check-in opens an hour before, attended and no-show once it starts.",
        back,
      );
    return refuse(
      c,
      id,
      409,
      (cur) => `This visit is ${statusLabels[cur.status]}; it cannot be marked ${statusLabels[status]}. A new visit is a new booking.`,
      back,
    );
  }
  if (!isHtmx(c)) return c.redirect(back, 303);
  const fits = status === "cancelled" ? await fitsFor(c, result.value) : undefined;
  return rowResponse(c, result.value, { back, fits, message: { kind: "ok", text: `Marked ${statusLabels[status]}.` } });
});

scheduleRoutes.post("/appointments/:id/reschedule", async (c) => {
  const id = c.req.param("id");
  const body = formStrings(await c.req.parseBody());
  const parsed = rescheduleFormSchema.safeParse(body);
  const fallbackBack = backPath.parse(body.back);
  if (!parsed.success) return refuse(c, id, 422, () => parsed.error.issues[0]?.message ?? "Enter a date and a time.", fallbackBack);
  const { date, time, override, back } = parsed.data;
  const tz = tzOf(c);
  const moved = await rescheduleAppointment(c.get("deps"), staffActor(c), tz, id, { date, time, allowOutsideAvailability: override });
  if (!moved.ok) {
    switch (moved.error) {
      case "not_found":
        throw notFound();
      case "not_movable":
        return refuse(c, id, 409, (cur) => `Only booked or confirmed visits can be moved; this one is ${statusLabels[cur.status]}.`, back);
      case "conflict":
        return refuse(
          c,
          id,
          409,
          async (cur) => `${await therapistName(c, cur.therapistId)} already has a visit at ${date} ${time}.`,
          back,
        );
      case "outside_availability":
        return refuse(
          c,
          id,
          422,
          async (cur) =>
            `${date} ${time} is outside ${await therapistName(c, cur.therapistId)}'s hours. Tick “Outside the therapist's hours” to move it anyway.`,
          back,
        );
      default:
        return refuse(c, id, 422, () => "That date and time does not exist.", back);
    }
  }
  if (!isHtmx(c)) return c.redirect(scheduleHref(date, "day", moved.value.therapistId), 303);
  return rowResponse(c, moved.value, { back, message: { kind: "ok", text: `Moved to ${shortDate(date)}, ${time}.` } });
});

// ---- One visit and its history ----

scheduleRoutes.get("/appointments/:id", async (c) => {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const a = await findAppointment(deps.db, staff.clinicId, c.req.param("id"));
  if (!a) throw notFound();
  const [patient, history, people] = await Promise.all([
    findPatient(deps.db, staff.clinicId, a.patientId),
    appointmentHistory(deps.db, staff.clinicId, a.id),
    listStaff(deps, staff.clinicId),
  ]);
  if (!patient) throw notFound();
  const tz = staff.clinicTimeZone;
  const names = new Map(people.map((p) => [p.id, p.name]));
  const stamp = (at: number) => {
    const p = localParts(at, tz);
    return `${p.date} ${p.time}`;
  };
  const who = (type: string, id: string | null) =>
    type === "staff"
      ? (names.get(id ?? "") ?? "A former staff member")
      : { patient: "The patient", integration: "Integration", system: "Rapport" }[type];
  const view = visitView(a, patient, tz, c.get("deps").clock.now());
  return c.html(
    <AppointmentPage
      staff={layoutStaff(staff)}
      visit={{ ...view, therapistName: names.get(a.therapistId) ?? "", scheduleHref: scheduleHref(view.date, "day", a.therapistId) }}
      changes={history.map((h) => ({
        at: stamp(h.at),
        who: who(h.actorType, h.actorId) ?? h.actorType,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        from: h.fromStartsAt === null ? null : stamp(h.fromStartsAt),
        to: stamp(h.toStartsAt),
      }))}
    />,
  );
});
