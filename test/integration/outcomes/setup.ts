import { and, eq } from "drizzle-orm";
import { startEpisode } from "../../../src/episodes/service";
import type { BodyRegion } from "../../../src/episodes/tables";
import { domainEvents, questionnaireResponses, tasks } from "../../../src/platform/schema";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { openPortal } from "../../helpers/portal";

/** A clinic, a patient in the given language with an optional open episode, and the patient's portal. */
export async function outcomesSetup(opts: { lang?: "en" | "es"; region?: BodyRegion | null; phone?: string | null } = {}) {
  const clinic = await makeClinic("Harbor PT");
  const patient = await makePatient(clinic.id, { preferredLanguage: opts.lang ?? "en" });
  const { deps } = testDeps(Date.now());
  const therapist = staffActorFor(clinic.id, clinic.staff.therapist.id);
  let episodeId: string | null = null;
  if (opts.region !== null) {
    const r = await startEpisode(deps, therapist, patient.id, {
      bodyRegion: opts.region ?? "knee",
      diagnosis: "Knee osteoarthritis",
      icd10Code: null,
      referralSourceId: null,
      referringPhysician: null,
      startDate: new Date().toISOString().slice(0, 10),
      visitsPrescribed: 8,
      frequencyPerWeek: 2,
      durationWeeks: 4,
      goals: "",
    });
    if (!r.ok) throw new Error(r.error);
    episodeId = r.value;
  }
  const portal = await openPortal({ clinicId: clinic.id, patientId: patient.id });
  const rows = () => db().select().from(questionnaireResponses).where(eq(questionnaireResponses.patientId, patient.id)).all();
  const painTasks = () =>
    db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.patientId, patient.id), eq(tasks.type, "pain_increase")))
      .all();
  const events = (type: "checkin.recorded" | "questionnaire.completed") =>
    db()
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.patientId, patient.id), eq(domainEvents.type, type)))
      .all();
  return { clinic, patient, deps, therapist, episodeId, portal, rows, painTasks, events };
}

/** Posts a form and follows the 303 to the page it leads to. */
export async function postAndFollow(portal: Awaited<ReturnType<typeof openPortal>>, path: string, form: Record<string, string>) {
  const res = await portal.post(path, form);
  if (res.status !== 303) return { res, html: await res.text(), location: null };
  const location = res.headers.get("location") ?? "";
  const next = await portal.get(location);
  return { res: next, html: await next.text(), location };
}
