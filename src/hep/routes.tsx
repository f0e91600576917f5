import { type Context, Hono } from "hono";
import { HepProgramPage } from "../../templates/hep/program.page";
import { HepSection, type HepSectionProps } from "../../templates/hep/program-section.partial";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { displayName } from "../patients/model";
import { findPatient, type PatientRow } from "../patients/repo";
import { recordAudit, staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { isHtmx } from "../platform/htmx";
import { formStrings } from "../platform/validate";
import { parseAddForm, parseDoseForm, UNKNOWN_EXERCISE } from "./schemas";
import { addProgramItem, changeProgramItem, loadHep, type ProgramError, removeProgramItem } from "./service";
import { canChangeProgram, exerciseDay, hepSectionView } from "./view";

/** The home exercise program builder, under /patients/:id/exercises (mounted by the patient routes). */
export const hepStaffRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
type Extra = Omit<HepSectionProps, "view" | "csrfToken">;

const today = (c: C, patient: PatientRow) => exerciseDay(c.get("deps").clock.now(), patient.timeZone, currentStaff(c).clinicTimeZone);

/** The patient of this clinic, or a 404: another clinic's id does not exist here. */
async function patientOf(c: C, patientId: string): Promise<PatientRow> {
  const patient = await findPatient(c.get("deps").db, currentStaff(c).clinicId, patientId);
  if (!patient) throw new AppError("not_found", "No such patient.");
  return patient;
}

/** Checked after the patient, so that another clinic's id is a 404 for every role. */
function requireEditor(c: C) {
  if (!canChangeProgram(currentStaff(c).role)) {
    throw new AppError("forbidden", "Only therapists and administrators can change a home exercise program.");
  }
}

const itemNotFound = () => new AppError("not_found", "This exercise is no longer in the patient's program.");

/** The section as a fragment for htmx, or on its own page for a plain form post or a GET. */
async function render(c: C, patient: PatientRow, extra: Extra, status: 200 | 404 | 422 = 200) {
  const staff = currentStaff(c);
  const hep = await loadHep(c.get("deps"), staff.clinicId, patient.id, today(c, patient));
  const view = hepSectionView(hep, patient.id, today(c, patient), canChangeProgram(staff.role));
  if (extra.editItemId && !view.items.some((i) => i.id === extra.editItemId)) throw itemNotFound();
  if (isHtmx(c)) return c.html(<HepSection view={view} csrfToken={staff.csrfToken} {...extra} />, status);
  return c.html(<HepProgramPage staff={layoutStaff(staff)} patientName={displayName(patient)} view={view} {...extra} />, status);
}

/** After a change: the fresh section for htmx, back to the patient page otherwise. */
function done(c: C, patient: PatientRow, notice: string) {
  if (isHtmx(c)) return render(c, patient, { notice });
  return c.redirect(`/patients/${patient.id}#home-exercises`, 303);
}

const refusals: Record<Exclude<ProgramError, "patient_not_found" | "item_not_found">, Record<string, string>> = {
  unknown_exercise: { exerciseId: UNKNOWN_EXERCISE },
  invalid_dose: { _form: "Check the dose: each number must be within its limits." },
  already_in_program: { exerciseId: "This exercise is already in the program: change its dose instead." },
};

function refusalOf(error: ProgramError): Record<string, string> {
  if (error === "patient_not_found") throw new AppError("not_found", "No such patient.");
  if (error === "item_not_found") throw itemNotFound();
  return refusals[error];
}

hepStaffRoutes.get("/:id/exercises", async (c) => {
  const patient = await patientOf(c, c.req.param("id"));
  await recordAudit(c.get("deps"), staffActor(c), "hep.view", patient.id);
  return render(c, patient, {});
});

hepStaffRoutes.post("/:id/exercises", async (c) => {
  const patient = await patientOf(c, c.req.param("id"));
  requireEditor(c);
  const values = formStrings(await c.req.parseBody());
  const parsed = parseAddForm(values);
  if (!parsed.ok) return render(c, patient, { addErrors: parsed.errors, addValues: values }, 422);
  const { exercise, dose } = parsed.value;
  const added = await addProgramItem(c.get("deps"), staffActor(c), patient.id, { exerciseId: exercise.id, dose }, today(c, patient));
  if (!added.ok) return render(c, patient, { addErrors: refusalOf(added.error), addValues: values }, 422);
  return done(c, patient, `${exercise.name} added to the program.`);
});

hepStaffRoutes.post("/:id/exercises/:itemId", async (c) => {
  const { id, itemId } = c.req.param();
  const patient = await patientOf(c, id);
  requireEditor(c);
  const values = formStrings(await c.req.parseBody());
  const parsed = parseDoseForm(values);
  if (!parsed.ok) return render(c, patient, { editItemId: itemId, editErrors: parsed.errors, editValues: values }, 422);
  const changed = await changeProgramItem(c.get("deps"), staffActor(c), patient.id, itemId, parsed.value, today(c, patient));
  if (!changed.ok) {
    return render(c, patient, { editItemId: itemId, editErrors: refusalOf(changed.error), editValues: values }, 422);
  }
  return done(c, patient, "Dose changed from today.");
});

hepStaffRoutes.post("/:id/exercises/:itemId/remove", async (c) => {
  const { id, itemId } = c.req.param();
  const patient = await patientOf(c, id);
  requireEditor(c);
  const removed = await removeProgramItem(c.get("deps"), staffActor(c), patient.id, itemId, today(c, patient));
  if (!removed.ok) refusalOf(removed.error);
  return done(c, patient, "Exercise removed from the program.");
});
