import { type Context, Hono } from "hono";
import type { FieldErrors } from "../../templates/components/form";
import { EpisodePage } from "../../templates/episodes/episode.page";
import { EpisodeCard, type EpisodeCardProps, type EpisodeCardView } from "../../templates/episodes/episode-card.partial";
import { EpisodeFormPage, type EpisodeFormValues } from "../../templates/episodes/form.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { localDateIn } from "../clinics/model";
import { displayName } from "../patients/model";
import { loadEpisodeCare } from "../patients/overview";
import { findPatient, type PatientRow } from "../patients/repo";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { isHtmx } from "../platform/htmx";
import { fieldErrors, formStrings } from "../platform/validate";
import { listReferralSources } from "../referrals/service";
import { progressNoteDue } from "./model";
import { type EpisodeRow, findEpisode } from "./repo";
import {
  authorizationFormSchema,
  bodyRegionLabels,
  bodyRegionOptions,
  dischargeFormSchema,
  dischargeReasonLabels,
  dischargeReasonOptions,
  episodeFormSchema,
} from "./schemas";
import { addAuthorization, dischargeEpisode, type patientCare, startEpisode, updatePlanOfCare } from "./service";

/** Episodes of care, plans of care and authorizations, under /patients/:id/episodes. */
export const episodeRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

const DISCHARGED = "This episode is discharged: its plan of care can no longer change.";

const today = (c: C) => localDateIn(c.get("deps").clock.now(), currentStaff(c).clinicTimeZone);

/** The patient of this clinic, or a 404 (another clinic's id does not exist here). */
async function patientOf(c: C, patientId: string): Promise<PatientRow> {
  const patient = await findPatient(c.get("deps").db, currentStaff(c).clinicId, patientId);
  if (!patient) throw new AppError("not_found", "No such patient.");
  return patient;
}

/** The episode, only if it is this patient's: an episode id under another patient's URL is a 404. */
async function episodeOf(c: C, patientId: string, episodeId: string): Promise<EpisodeRow> {
  const episode = await findEpisode(c.get("deps").db, currentStaff(c).clinicId, episodeId);
  if (!episode || episode.patientId !== patientId) throw new AppError("not_found", "No such episode of care.");
  return episode;
}

async function renderForm(
  c: C,
  mode: "new" | "edit",
  action: string,
  patient: PatientRow,
  values: EpisodeFormValues,
  errors?: FieldErrors,
) {
  const sources = await listReferralSources(c.get("deps"), currentStaff(c).clinicId);
  return c.html(
    <EpisodeFormPage
      staff={layoutStaff(currentStaff(c))}
      mode={mode}
      action={action}
      patient={{ id: patient.id, name: displayName(patient) }}
      values={values}
      regionOptions={bodyRegionOptions}
      referralSourceOptions={sources.map((s) => [s.id, s.practice ? `${s.name} (${s.practice})` : s.name] as const)}
      errors={errors}
    />,
    errors ? 422 : 200,
  );
}

episodeRoutes.get("/:id/episodes/new", async (c) => {
  const patient = await patientOf(c, c.req.param("id"));
  return renderForm(c, "new", `/patients/${patient.id}/episodes`, patient, { startDate: today(c) });
});

episodeRoutes.post("/:id/episodes", async (c) => {
  const patient = await patientOf(c, c.req.param("id"));
  const action = `/patients/${patient.id}/episodes`;
  const values = formStrings(await c.req.parseBody());
  const parsed = episodeFormSchema(today(c)).safeParse(values);
  if (!parsed.success) return renderForm(c, "new", action, patient, values, fieldErrors(parsed.error));
  const started = await startEpisode(c.get("deps"), staffActor(c), patient.id, parsed.data);
  if (!started.ok) {
    if (started.error !== "referral_source_not_found") throw new AppError("not_found", "No such patient.");
    return renderForm(c, "new", action, patient, values, { referralSourceId: "Choose a referral source from the list" });
  }
  return c.redirect(`/patients/${patient.id}#episode-${started.value}`, 303);
});

episodeRoutes.get("/:id/episodes/:episodeId/edit", async (c) => {
  const { id, episodeId } = c.req.param();
  const [patient, episode] = await Promise.all([patientOf(c, id), episodeOf(c, id, episodeId)]);
  if (episode.status !== "open") throw new AppError("conflict", DISCHARGED);
  return renderForm(c, "edit", `/patients/${id}/episodes/${episodeId}/edit`, patient, formValuesOf(episode));
});

episodeRoutes.post("/:id/episodes/:episodeId/edit", async (c) => {
  const { id, episodeId } = c.req.param();
  const [patient, episode] = await Promise.all([patientOf(c, id), episodeOf(c, id, episodeId)]);
  const action = `/patients/${id}/episodes/${episodeId}/edit`;
  const values = formStrings(await c.req.parseBody());
  if (episode.status !== "open") return renderForm(c, "edit", action, patient, values, { _form: DISCHARGED });
  const parsed = episodeFormSchema(today(c)).safeParse(values);
  if (!parsed.success) return renderForm(c, "edit", action, patient, values, fieldErrors(parsed.error));
  const updated = await updatePlanOfCare(c.get("deps"), staffActor(c), episodeId, parsed.data);
  if (!updated.ok) {
    if (updated.error === "referral_source_not_found") {
      return renderForm(c, "edit", action, patient, values, { referralSourceId: "Choose a referral source from the list" });
    }
    if (updated.error === "already_discharged") {
      return renderForm(c, "edit", action, patient, values, {
        _form: "This episode is discharged: its plan of care can no longer change.",
      });
    }
    throw new AppError("not_found", "No such episode of care.");
  }
  return c.redirect(`/patients/${id}#episode-${episodeId}`, 303);
});

episodeRoutes.post("/:id/episodes/:episodeId/discharge", async (c) => {
  const { id, episodeId } = c.req.param();
  await episodeOf(c, id, episodeId);
  const parsed = dischargeFormSchema.safeParse(formStrings(await c.req.parseBody()));
  if (!parsed.success) return renderCard(c, id, episodeId, { dischargeError: "Choose why the episode ends" }, 422);
  const discharged = await dischargeEpisode(c.get("deps"), staffActor(c), episodeId, parsed.data.reason);
  if (!discharged.ok) {
    if (discharged.error === "already_discharged")
      return renderCard(c, id, episodeId, { notice: "This episode was already discharged." }, 422);
    throw new AppError("not_found", "No such episode of care.");
  }
  if (!isHtmx(c)) return c.redirect(`/patients/${id}#episode-${episodeId}`, 303);
  return renderCard(c, id, episodeId, { notice: "Episode discharged." }, 200);
});

episodeRoutes.post("/:id/episodes/:episodeId/authorizations", async (c) => {
  const { id, episodeId } = c.req.param();
  await episodeOf(c, id, episodeId);
  const values = formStrings(await c.req.parseBody());
  const parsed = authorizationFormSchema(today(c)).safeParse(values);
  if (!parsed.success) return renderCard(c, id, episodeId, { authErrors: fieldErrors(parsed.error), authValues: values }, 422);
  const added = await addAuthorization(c.get("deps"), staffActor(c), episodeId, parsed.data);
  if (!added.ok) throw new AppError("not_found", "No such episode of care.");
  if (!isHtmx(c)) return c.redirect(`/patients/${id}#episode-${episodeId}`, 303);
  return renderCard(c, id, episodeId, { notice: "Authorization added." }, 200);
});

/** The episode card: a fragment for htmx, or the episode's own page for a plain form post. */
async function renderCard(
  c: C,
  patientId: string,
  episodeId: string,
  extra: Omit<EpisodeCardProps, "episode" | "csrfToken" | "dischargeOptions">,
  status: 200 | 422,
) {
  const staff = currentStaff(c);
  const [loaded, patient] = await Promise.all([
    loadEpisodeCare(c.get("deps"), staff.clinicId, patientId, episodeId, staff.clinicTimeZone),
    isHtmx(c) ? undefined : patientOf(c, patientId),
  ]);
  if (!loaded) throw new AppError("not_found", "No such episode of care.");
  const episode = episodeCardView(loaded.entry, loaded.sourceNames, staff.clinicTimeZone);
  const props = { episode, dischargeOptions: dischargeReasonOptions, ...extra };
  if (!patient) return c.html(<EpisodeCard {...props} csrfToken={staff.csrfToken} />, status);
  return c.html(<EpisodePage staff={layoutStaff(staff)} patientName={displayName(patient)} {...props} />, status);
}

function formValuesOf(e: EpisodeRow): EpisodeFormValues {
  return {
    bodyRegion: e.bodyRegion,
    diagnosis: e.diagnosis,
    icd10Code: e.icd10Code,
    referralSourceId: e.referralSourceId,
    referringPhysician: e.referringPhysician,
    startDate: e.startDate,
    visitsPrescribed: String(e.visitsPrescribed),
    frequencyPerWeek: String(e.frequencyPerWeek),
    durationWeeks: String(e.durationWeeks),
    goals: e.goals,
  };
}

type CareEntry = Awaited<ReturnType<typeof patientCare>>["episodes"][number];

/** An episode with its progress and authorizations, as the card shows it (also used by the patient page). */
export function episodeCardView(entry: CareEntry, sourceNames: Map<string, string>, timeZone: string): EpisodeCardView {
  const e = entry.episode;
  const sourceName = e.referralSourceId ? sourceNames.get(e.referralSourceId) : undefined;
  return {
    id: e.id,
    patientId: e.patientId,
    region: bodyRegionLabels[e.bodyRegion],
    diagnosis: e.diagnosis,
    icd10Code: e.icd10Code,
    status: e.status,
    dischargeReason: e.dischargeReason ? dischargeReasonLabels[e.dischargeReason] : null,
    dischargedOn: e.dischargedAt === null ? null : localDateIn(e.dischargedAt, timeZone),
    startDate: e.startDate,
    referralSource: e.referralSourceId && sourceName ? { id: e.referralSourceId, name: sourceName } : null,
    referringPhysician: e.referringPhysician,
    visitsPrescribed: e.visitsPrescribed,
    frequencyPerWeek: e.frequencyPerWeek,
    durationWeeks: e.durationWeeks,
    goals: e.goals,
    attended: entry.progress.attended,
    progressNoteDue: progressNoteDue(entry.progress.attended),
    authorizations: entry.authorizations.map(({ authorization: a, state }) => ({
      id: a.id,
      payer: a.payer,
      visitsAuthorized: a.visitsAuthorized,
      startDate: a.startDate,
      endDate: a.endDate,
      ...state,
    })),
  };
}
