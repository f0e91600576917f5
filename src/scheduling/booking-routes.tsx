import { Hono } from "hono";
import type { FieldErrors } from "../../templates/components/form";
import { type BookingValues, BookPage } from "../../templates/schedule/book.page";
import { shortDate } from "../../templates/schedule/labels";
import { SlotPage } from "../../templates/schedule/slot.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { localDateIn } from "../clinics/model";
import { patientEpisodes } from "../episodes/repo";
import { findPatient } from "../patients/repo";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { localParts, zonedToUtc } from "../platform/time";
import { fieldErrors, formStrings } from "../platform/validate";
import { type AppointmentRow, findTherapist, listTherapists } from "./repo";
import { bookingFormSchema, slotQuerySchema } from "./schemas";
import { bookAppointment } from "./service";
import { bookHref, type C, fitsFor, notFound, pickerProps, scheduleHref, therapistName, tzOf } from "./view";
import { closeWaitlistEntry, waitlist } from "./waitlist";

/** /schedule/book and /schedule/slot: book a visit, or see who on the waitlist fits an open slot. */
export const bookingRoutes = new Hono<AppEnv>();

bookingRoutes.get("/slot", async (c) => {
  const parsed = slotQuerySchema.safeParse(c.req.query());
  if (!parsed.success) throw new AppError("validation", "That is not a valid slot: it needs a therapist, a date and a time.");
  const { therapist, date, time, minutes } = parsed.data;
  const staff = currentStaff(c);
  const found = await findTherapist(c.get("deps").db, staff.clinicId, therapist);
  if (!found) throw notFound("therapist");
  const startsAt = zonedToUtc(date, time, staff.clinicTimeZone);
  const fits = await fitsFor(c, { startsAt, endsAt: startsAt + minutes * 60_000, therapistId: therapist }, 10);
  return c.html(
    <SlotPage
      staff={layoutStaff(staff)}
      therapistName={found.name}
      date={date}
      time={time}
      minutes={minutes}
      bookHref={bookHref({ therapist, date, time, duration: minutes })}
      scheduleHref={scheduleHref(date, "day", therapist)}
      fits={fits}
    />,
  );
});

/** Query-string prefill (from a patient page, an open slot or a waitlist fit) into form values. */
function prefill(q: Record<string, string>): BookingValues {
  return {
    patientId: q.patient,
    therapistId: q.therapist,
    episodeId: q.episode,
    date: q.date,
    time: q.time,
    durationMinutes: q.duration,
    type: q.type,
    waitlistEntryId: q.waitlist,
  };
}

async function renderBook(
  c: C,
  values: BookingValues,
  opts: { errors?: FieldErrors; status?: 200 | 409 | 422; q?: string; strict?: boolean },
) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const errors: FieldErrors = { ...opts.errors };
  const [therapists, patient, episodes] = await Promise.all([
    listTherapists(deps.db, staff.clinicId),
    values.patientId ? findPatient(deps.db, staff.clinicId, values.patientId) : undefined,
    values.patientId ? patientEpisodes(deps.db, staff.clinicId, values.patientId) : [],
  ]);
  if (opts.strict && values.patientId && !patient) throw notFound("patient");
  if (opts.strict && values.therapistId && !therapists.some((t) => t.id === values.therapistId)) throw notFound("therapist");
  if (values.patientId && !patient) errors.patientId ??= "This patient is not in your clinic's records. Search for the patient again.";
  const keep = {
    therapist: values.therapistId ?? "",
    date: values.date ?? "",
    time: values.time ?? "",
    duration: values.durationMinutes ?? "",
    type: values.type ?? "",
    waitlist: values.waitlistEntryId ?? "",
  };
  const picker = await pickerProps(c, "/schedule/book", keep, opts.q, patient);
  const open = episodes.filter((e) => e.status === "open").map((e) => ({ id: e.id, label: `${e.diagnosis} (since ${e.startDate})` }));
  return c.html(
    <BookPage staff={layoutStaff(staff)} picker={picker} therapists={therapists} episodes={open} values={values} errors={errors} />,
    opts.status ?? (Object.keys(errors).length > 0 ? 422 : 200),
  );
}

bookingRoutes.get("/book", (c) => {
  const q = c.req.query();
  return renderBook(c, prefill(q), { q: q.q, strict: true });
});

bookingRoutes.post("/book", async (c) => {
  const body = formStrings(await c.req.parseBody());
  const parsed = bookingFormSchema.safeParse(body);
  if (!parsed.success) return renderBook(c, body, { errors: fieldErrors(parsed.error), status: 422 });
  const d = parsed.data;
  // A waitlist entry named in the form must be this clinic's, still waiting, for this patient.
  if (d.waitlistEntryId && !(await waitingEntryFor(c, d.waitlistEntryId, d.patientId))) {
    const message =
      "That waitlist entry is no longer waiting for this patient. Book without it, or pick the patient from the waitlist again.";
    return renderBook(c, body, { errors: { _form: message }, status: 422 });
  }
  const booked = await bookAppointment(c.get("deps"), staffActor(c), tzOf(c), {
    patientId: d.patientId,
    therapistId: d.therapistId,
    episodeId: d.episodeId,
    date: d.date,
    time: d.time,
    durationMinutes: d.durationMinutes,
    type: d.type,
    allowOutsideAvailability: d.override,
  });
  if (!booked.ok) {
    const e = booked.error;
    const who = e.code === "conflict" || e.code === "outside_availability" ? await therapistName(c, d.therapistId) : "";
    const errors: Record<typeof e.code, [string, string]> = {
      patient_not_found: ["patientId", "This patient is not in your clinic's records. Search for the patient again."],
      therapist_not_found: ["therapistId", "Choose one of the clinic's therapists."],
      episode_not_found: ["episodeId", "Choose one of this patient's open episodes, or none."],
      invalid_time: ["time", "That date and time does not exist."],
      conflict: ["time", `${who} already has a visit ${conflictTimes(c, e)}. Choose another time.`],
      outside_availability: ["override", `That is outside ${who}'s hours. Tick “Book outside the therapist's hours” to book it anyway.`],
    };
    const [field, message] = errors[e.code];
    return renderBook(c, body, { errors: { [field]: message, _form: message }, status: e.code === "conflict" ? 409 : 422 });
  }
  if (d.waitlistEntryId) await closeWaitlistEntry(c.get("deps"), staffActor(c), d.waitlistEntryId, "booked");
  return c.redirect(scheduleHref(d.date, "day", d.therapistId), 303);
});

async function waitingEntryFor(c: C, entryId: string, patientId: string): Promise<boolean> {
  const entries = await waitlist(c.get("deps"), currentStaff(c).clinicId);
  return entries.some((e) => e.entry.id === entryId && e.entry.patientId === patientId);
}

function conflictTimes(c: C, e: { code: string; with?: AppointmentRow }): string {
  if (!e.with) return "at that time";
  const tz = tzOf(c);
  const start = localParts(e.with.startsAt, tz);
  return `${start.time}-${localParts(e.with.endsAt, tz).time}${start.date === localDateIn(e.with.endsAt, tz) ? "" : " (overnight)"} on ${shortDate(start.date)}`;
}
