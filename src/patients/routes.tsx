import { type Context, Hono } from "hono";
import type { FieldErrors } from "../../templates/components/form";
import { type AppointmentView, type PatientCareView, PatientPage, type PatientView } from "../../templates/patients/detail.page";
import { PatientFormPage, type PatientFormValues } from "../../templates/patients/form.page";
import { PatientListPage } from "../../templates/patients/list.page";
import { PatientResults } from "../../templates/patients/results.partial";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { localDateIn } from "../clinics/model";
import { episodeCardView } from "../episodes/routes";
import { dischargeReasonOptions } from "../episodes/schemas";
import { hepStaffRoutes } from "../hep/routes";
import { canChangeProgram, exerciseDay, hepSectionView } from "../hep/view";
import { outcomesSectionView } from "../outcomes/staff-view";
import { staffActor } from "../platform/audit";
import type { AppEnv, StaffSession } from "../platform/env";
import { AppError } from "../platform/errors";
import { isHtmx } from "../platform/htmx";
import { fieldErrors, formStrings } from "../platform/validate";
import { episodeSurveyView } from "../surveys/staff-view";
import {
  appointmentStatusWords,
  appointmentTypeWords,
  fullTime,
  loadPatientOverview,
  messageEntry,
  type PatientOverview,
  TIMELINE_LIMIT,
  taskWords,
  timelineEntry,
  visitTime,
} from "./overview";
import type { PatientRow } from "./repo";
import { consentFormSchema, identifierFormSchema, initialConsentSchema, patientFormSchema, patientSearchSchema } from "./schemas";
import * as service from "./service";

export const patientRoutes = new Hono<AppEnv>();
// The home exercise program builder: /patients/:id/exercises.
patientRoutes.route("/", hepStaffRoutes);

const notFound = () => new AppError("not_found", "No such patient.");
/** Today in the clinic's time zone: the latest birth date a form may accept. */
const today = (c: Context<AppEnv>) => localDateIn(c.get("deps").clock.now(), currentStaff(c).clinicTimeZone);

patientRoutes.get("/", async (c) => {
  const parsed = patientSearchSchema.safeParse(c.req.query());
  const { q, page } = parsed.success ? parsed.data : { q: "", page: 1 };
  const result = await service.searchPatients(c.get("deps"), staffActor(c), q, page);
  if (isHtmx(c)) return c.html(<PatientResults q={q} page={page} {...result} />);
  return c.html(<PatientListPage staff={layoutStaff(currentStaff(c))} q={q} page={page} {...result} />);
});

patientRoutes.get("/new", (c) =>
  c.html(<PatientFormPage staff={layoutStaff(currentStaff(c))} mode="new" action="/patients" values={{}} />),
);

patientRoutes.post("/", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = patientFormSchema(today(c)).safeParse(values);
  const consent = initialConsentSchema.safeParse(values);
  if (!parsed.success || !consent.success) {
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    return c.html(
      <PatientFormPage staff={layoutStaff(currentStaff(c))} mode="new" action="/patients" values={values} errors={errors} />,
      422,
    );
  }
  const id = await service.createPatient(c.get("deps"), staffActor(c), parsed.data, {
    sms: consent.data.smsConsent === "on",
    email: consent.data.emailConsent === "on",
  });
  return c.redirect(`/patients/${id}`, 303);
});

patientRoutes.get("/:id", async (c) => {
  const staff = currentStaff(c);
  const id = c.req.param("id");
  // Both are scoped by the session's clinic: for another clinic's id the overview is simply empty.
  const [record, overview] = await Promise.all([
    service.viewPatient(c.get("deps"), staffActor(c), id),
    loadPatientOverview(c.get("deps"), staff.clinicId, id, staff.clinicTimeZone),
  ]);
  if (!record) throw notFound();
  return c.html(<PatientPage staff={layoutStaff(staff)} {...pageProps(record, overview, staff)} />);
});

patientRoutes.get("/:id/edit", async (c) => {
  const record = await service.viewPatient(c.get("deps"), staffActor(c), c.req.param("id"));
  if (!record) throw notFound();
  return c.html(
    <PatientFormPage
      staff={layoutStaff(currentStaff(c))}
      mode="edit"
      action={`/patients/${record.patient.id}`}
      values={formValuesOf(record.patient)}
    />,
  );
});

patientRoutes.post("/:id", async (c) => {
  const id = c.req.param("id");
  const values = formStrings(await c.req.parseBody());
  const parsed = patientFormSchema(today(c)).safeParse(values);
  if (!parsed.success) {
    // Check the patient exists first, so another clinic's id is a 404 and not a form.
    if (!(await service.viewPatient(c.get("deps"), staffActor(c), id))) throw notFound();
    return c.html(
      <PatientFormPage
        staff={layoutStaff(currentStaff(c))}
        mode="edit"
        action={`/patients/${id}`}
        values={values}
        errors={fieldErrors(parsed.error)}
      />,
      422,
    );
  }
  if (!(await service.updatePatient(c.get("deps"), staffActor(c), id, parsed.data))) throw notFound();
  return c.redirect(`/patients/${id}`, 303);
});

patientRoutes.post("/:id/identifiers", async (c) => {
  const id = c.req.param("id");
  const values = formStrings(await c.req.parseBody());
  const parsed = identifierFormSchema.safeParse(values);
  let errors: FieldErrors | undefined;
  if (parsed.success) {
    const added = await service.addIdentifier(c.get("deps"), staffActor(c), id, parsed.data);
    if (added.ok) return c.redirect(`/patients/${id}#identifiers`, 303);
    if (added.error === "not_found") throw notFound();
    errors = { value: "This identifier already belongs to a patient of this clinic." };
  } else {
    errors = fieldErrors(parsed.error);
  }
  // The whole page again, as GET /:id shows it (episodes, visits, tasks, timeline), with the error beside the field.
  const staff = currentStaff(c);
  const [record, overview] = await Promise.all([
    service.viewPatient(c.get("deps"), staffActor(c), id),
    loadPatientOverview(c.get("deps"), staff.clinicId, id, staff.clinicTimeZone),
  ]);
  if (!record) throw notFound();
  return c.html(
    <PatientPage
      staff={layoutStaff(staff)}
      {...pageProps(record, overview, staff)}
      identifierErrors={errors}
      identifierValues={{ system: values.system, value: values.value }}
    />,
    422,
  );
});

patientRoutes.post("/:id/identifiers/:identifierId/delete", async (c) => {
  const { id, identifierId } = c.req.param();
  if (!(await service.removeIdentifier(c.get("deps"), staffActor(c), id, identifierId))) throw notFound();
  return c.redirect(`/patients/${id}#identifiers`, 303);
});

patientRoutes.post("/:id/consents", async (c) => {
  const id = c.req.param("id");
  const parsed = consentFormSchema.safeParse(formStrings(await c.req.parseBody()));
  if (!parsed.success) throw new AppError("validation", "Choose a channel and a status.");
  if (!(await service.recordConsent(c.get("deps"), staffActor(c), id, parsed.data))) throw notFound();
  return c.redirect(`/patients/${id}#consents`, 303);
});

function formValuesOf(p: PatientRow): PatientFormValues {
  const { createdAt: _c, updatedAt: _u, ...values } = p;
  return values;
}

/** Past visits listed on the page; older ones are counted, not listed. */
const PAST_VISITS_SHOWN = 20;

function pageProps(
  record: NonNullable<Awaited<ReturnType<typeof service.viewPatient>>>,
  overview: PatientOverview | undefined,
  staff: StaffSession,
) {
  const p = record.patient;
  const address = [p.addressLine1, p.addressLine2, [p.city, p.region, p.postalCode].filter(Boolean).join(" "), p.country]
    .filter(Boolean)
    .join(", ");
  const patient: PatientView = { ...p, address: address || null };
  const consents = (["sms", "email"] as const).map((channel) => ({
    channel,
    status: record.currentConsent[channel],
    history: record.consentHistory
      .filter((h) => h.channel === channel)
      .map((h) => ({ status: h.status, source: h.source, at: new Date(h.recordedAt).toISOString().slice(0, 16).replace("T", " ") })),
  }));
  return { patient, identifiers: record.identifiers, consents, care: overview && careView(overview, staff, p.id, p.timeZone) };
}

function careView(o: PatientOverview, staff: StaffSession, patientId: string, patientZone: string | null): PatientCareView {
  const tz = o.timeZone;
  const answers = new Map(o.surveyAnswers.map((a) => [a.episodeId, a]));
  const cards = o.episodes.map((e) => {
    const answer = answers.get(e.episode.id);
    return { ...episodeCardView(e, o.sourceNames, tz), survey: answer && episodeSurveyView(answer, tz) };
  });
  const open = cards.filter((e) => e.status === "open");
  const current = open.length > 0 ? open : cards.slice(0, 1);
  const visit = (v: (typeof o.visits)[number]): AppointmentView => ({
    id: v.id,
    when: visitTime(v.startsAt, tz),
    therapist: o.staffNames.get(v.therapistId) ?? "—",
    type: appointmentTypeWords[v.type],
    status: appointmentStatusWords[v.status],
    statusKey: v.status,
  });
  const past = o.visits.filter((v) => v.startsAt < o.now).reverse();
  return {
    current,
    other: cards.filter((e) => !current.includes(e)),
    dischargeOptions: dischargeReasonOptions,
    upcoming: o.visits.filter((v) => v.startsAt >= o.now).map(visit),
    past: past.slice(0, PAST_VISITS_SHOWN).map(visit),
    pastHidden: Math.max(0, past.length - PAST_VISITS_SHOWN),
    tasks: o.tasks.map(({ task, assigneeName }) => ({
      id: task.id,
      title: task.title,
      type: taskWords[task.type],
      dueDate: task.dueDate,
      overdue: task.dueDate < o.today,
      assignee: assigneeName,
    })),
    timeline: [
      ...o.events.map((e) => timelineEntry(e, o.staffNames, tz)),
      ...o.messages.flatMap((m) => messageEntry(m, o.staffNames, tz) ?? []),
    ]
      .sort((a, b) => b.at - a.at)
      .slice(0, TIMELINE_LIMIT),
    timelineLimit: TIMELINE_LIMIT,
    // Exercise days are the patient's own calendar days, as the portal logs them.
    hep: hepSectionView(o.hep, patientId, exerciseDay(o.now, patientZone, staff.clinicTimeZone), canChangeProgram(staff.role)),
    outcomes: outcomesSectionView({
      responses: o.responses,
      episodes: o.episodes.map((e) => e.episode),
      visits: o.visits,
      timeZone: tz,
      when: (at) => fullTime(at, tz),
    }),
  };
}
