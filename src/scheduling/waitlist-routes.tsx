import { Hono } from "hono";
import type { FieldErrors } from "../../templates/components/form";
import { weekdayShort } from "../../templates/schedule/labels";
import { WaitlistPage, type WaitlistValues } from "../../templates/schedule/waitlist.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { localDateIn } from "../clinics/model";
import { findPatient } from "../patients/repo";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { fieldErrors, formStrings } from "../platform/validate";
import { listTherapists } from "./repo";
import { waitlistFormSchema } from "./schemas";
import { type C, nameOf, notFound, pickerProps } from "./view";
import { addToWaitlist, closeWaitlistEntry, waitlist } from "./waitlist";

/** /schedule/waitlist: patients who want an earlier slot. */
export const waitlistRoutes = new Hono<AppEnv>();

async function renderWaitlist(
  c: C,
  opts: { patientId?: string; q?: string; values?: WaitlistValues; errors?: FieldErrors; strict?: boolean; status?: 200 | 422 },
) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const [entries, therapists, patient] = await Promise.all([
    waitlist(deps, staff.clinicId),
    listTherapists(deps.db, staff.clinicId),
    opts.patientId ? findPatient(deps.db, staff.clinicId, opts.patientId) : undefined,
  ]);
  if (opts.strict && opts.patientId && !patient) throw notFound("patient");
  const errors: FieldErrors = { ...opts.errors };
  if (opts.patientId && !patient) errors.patientId ??= "This patient is not in your clinic's records. Search for the patient again.";
  const names = new Map(therapists.map((t) => [t.id, t.name]));
  const tz = staff.clinicTimeZone;
  const views = entries.map((w) => ({
    id: w.entry.id,
    patientId: w.patient.id,
    patientName: nameOf(w.patient),
    days: w.preferredWeekdays.map((d) => weekdayShort[d - 1]).join(", "),
    from: w.entry.preferredFrom,
    to: w.entry.preferredTo,
    therapistName: w.entry.therapistId ? (names.get(w.entry.therapistId) ?? "(no longer a therapist)") : null,
    note: w.entry.note,
    since: localDateIn(w.entry.createdAt, tz),
  }));
  const picker = await pickerProps(c, "/schedule/waitlist", {}, opts.q, patient);
  return c.html(
    <WaitlistPage
      staff={layoutStaff(staff)}
      entries={views}
      picker={picker}
      therapists={therapists}
      values={opts.values ?? { weekdays: [] }}
      errors={errors}
    />,
    opts.status ?? (Object.keys(errors).length > 0 ? 422 : 200),
  );
}

waitlistRoutes.get("/", (c) => renderWaitlist(c, { patientId: c.req.query("patient"), q: c.req.query("q"), strict: true }));

waitlistRoutes.post("/", async (c) => {
  const raw = await c.req.parseBody({ all: true });
  const body = formStrings(raw);
  const weekdays = ([] as unknown[]).concat(raw.weekdays ?? []).filter((d): d is string => typeof d === "string");
  const values: WaitlistValues = { weekdays, from: body.from, to: body.to, therapistId: body.therapistId, note: body.note };
  const parsed = waitlistFormSchema.safeParse({ ...body, weekdays });
  if (!parsed.success) return renderWaitlist(c, { patientId: body.patientId, values, errors: fieldErrors(parsed.error), status: 422 });
  const d = parsed.data;
  const added = await addToWaitlist(c.get("deps"), staffActor(c), {
    patientId: d.patientId,
    therapistId: d.therapistId,
    preferredWeekdays: d.weekdays,
    preferredFrom: d.from,
    preferredTo: d.to,
    note: d.note,
  });
  if (!added.ok) {
    const errors =
      added.error === "patient_not_found"
        ? { patientId: "This patient is not in your clinic's records. Search for the patient again." }
        : { therapistId: "Choose one of the clinic's therapists, or any." };
    return renderWaitlist(c, { patientId: d.patientId, values, errors, status: 422 });
  }
  return c.redirect("/schedule/waitlist", 303);
});

waitlistRoutes.post("/:id/remove", async (c) => {
  if (!(await closeWaitlistEntry(c.get("deps"), staffActor(c), c.req.param("id"), "removed"))) throw notFound("waitlist entry");
  return c.redirect("/schedule/waitlist", 303);
});
