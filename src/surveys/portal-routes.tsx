import { Hono } from "hono";
import { LinkInvalidPage } from "../../templates/portal/pages";
import { SurveyNothingPage, SurveyPage, SurveyThanksPage } from "../../templates/portal/survey";
import { recordAudit } from "../platform/audit";
import { type PortalContext as C, loadPortalPatient, type PortalEnv, type PortalPatient, patientActor } from "../portal/context";
import { categoryOf } from "./model";
import { findAnswerByEpisode, latestDischargedEpisode } from "./repo";
import { reviewPath, reviewToken } from "./review-link";
import { readSurveyForm } from "./schemas";
import { clinicReviewUrl, recordAnswer } from "./service";

/**
 * The discharge survey in the portal, where the survey message's link lands (/portal/survey).
 * Link-only, like "My visits": no step-up check. The portal asks for one before clinical detail, and
 * these pages show none: a question about the clinic, the patient's own score, and a review link. The
 * comment is written, never shown back, so a forwarded link reveals nothing the patient wrote.
 * The episode is always the session patient's latest discharged one, never one named in the request.
 */
export const surveyPortalRoutes = new Hono<PortalEnv>();

const base = (c: C, p: PortalPatient) => ({ lang: p.lang, clinicName: p.clinic.name, csrf: c.get("portal").csrf });

async function withSurvey(c: C, run: (p: PortalPatient, episodeId: string) => Promise<Response>): Promise<Response> {
  const p = await loadPortalPatient(c);
  if (!p) return c.html(<LinkInvalidPage lang="en" />, 410);
  const episode = await latestDischargedEpisode(c.get("deps").db, p.clinic.id, p.patient.id);
  // Nothing to ask about (not discharged yet): say so, with the way to the patient's page.
  if (!episode) return c.html(<SurveyNothingPage {...base(c, p)} />);
  return run(p, episode.id);
}

surveyPortalRoutes.get("/survey", (c) =>
  withSurvey(c, async (p, episodeId) => {
    const deps = c.get("deps");
    const answer = await findAnswerByEpisode(deps.db, p.clinic.id, episodeId);
    await recordAudit(deps, patientActor(c), "portal.survey.view", p.patient.id);
    return c.html(<SurveyPage {...base(c, p)} previousScore={answer?.score ?? null} />);
  }),
);

surveyPortalRoutes.post("/survey", (c) =>
  withSurvey(c, async (p, episodeId) => {
    const read = readSurveyForm(await c.req.parseBody());
    if (!read.ok) return c.html(<SurveyPage {...base(c, p)} values={read.values} problems={read.problems} />, 422);
    const saved = await recordAnswer(c.get("deps"), patientActor(c), {
      patientId: p.patient.id,
      episodeId,
      score: read.value.score,
      comment: read.value.comment,
      channel: "portal",
    });
    if (!saved.ok) return c.html(<LinkInvalidPage lang={p.lang} clinicName={p.clinic.name} clinicPhone={p.clinic.phone} />, 410);
    return c.redirect("/portal/survey/thanks", 303);
  }),
);

surveyPortalRoutes.get("/survey/thanks", (c) =>
  withSurvey(c, async (p, episodeId) => {
    const deps = c.get("deps");
    const answer = await findAnswerByEpisode(deps.db, p.clinic.id, episodeId);
    if (!answer) return c.redirect("/portal/survey", 303);
    const category = categoryOf(answer.score);
    const secret = deps.vars.PORTAL_SESSION_SECRET;
    const reviewHref =
      category === "promoter" && clinicReviewUrl(p.clinic) && secret ? reviewPath(await reviewToken(secret, answer.id)) : null;
    return c.html(
      <SurveyThanksPage {...base(c, p)} category={category} reviewHref={reviewHref} followUp={answer.recoveryTaskId !== null} />,
    );
  }),
);
