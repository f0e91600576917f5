import { Hono } from "hono";
import { z } from "zod";
import { CheckInPage, ThanksPage } from "../../templates/portal/check-in";
import { LinkInvalidPage } from "../../templates/portal/pages";
import { ProgressPage } from "../../templates/portal/progress";
import { QuestionnaireListPage, QuestionnaireNotFoundPage, QuestionnairePage } from "../../templates/portal/questionnaires";
import { t } from "../../templates/portal/strings";
import { patientEpisodes } from "../episodes/repo";
import { type FieldProblem, readCheckInForm, readQuestionnaireForm } from "../outcomes/form";
import { painRuleKey } from "../outcomes/pain-rule";
import { offeredInstruments, questionnaireOffers } from "../outcomes/plan";
import { inScope, progressData } from "../outcomes/progress";
import { getInstrument, type InstrumentId, isInstrumentId } from "../outcomes/questionnaires";
import { findResponse, openEpisodeOf, patientResponses, ruleTaskOf } from "../outcomes/repo";
import { recordCheckIn, recordQuestionnaire } from "../outcomes/service";
import { recordAudit } from "../platform/audit";
import { patientAppointments } from "../scheduling/repo";
import { type PortalContext as C, loadPortalPatient, type PortalEnv, type PortalPatient, patientActor } from "./context";
import { formItems, instrumentTitle, offerViews, progressView } from "./outcome-views";

/**
 * Pain check-ins, questionnaires and progress. Behind the device check (their sections are clinical in
 * routes.tsx); every read and write is scoped by the session's clinic and patient, never by the URL.
 */
export const outcomePortalRoutes = new Hono<PortalEnv>();

const responseId = z.string().regex(/^[0-9a-z]{26}$/);

/** The signed-in patient, or the "link no longer works" page when the record is gone. */
async function withPatient(c: C, run: (p: PortalPatient) => Promise<Response> | Response): Promise<Response> {
  const p = await loadPortalPatient(c);
  return p ? run(p) : c.html(<LinkInvalidPage lang="en" />, 410);
}

const base = (c: C, p: PortalPatient) => ({ lang: p.lang, clinicName: p.clinic.name, csrf: c.get("portal").csrf });

const form = (c: C, p: PortalPatient, id: InstrumentId) => ({
  ...base(c, p),
  instrumentId: id,
  title: instrumentTitle(id, p.lang),
  items: formItems(getInstrument(id), p.lang),
});

outcomePortalRoutes.get("/check-in", (c) => withPatient(c, (p) => c.html(<CheckInPage {...base(c, p)} />)));

outcomePortalRoutes.post("/check-in", (c) =>
  withPatient(c, async (p) => {
    const read = readCheckInForm(await c.req.parseBody());
    if (!read.ok) return c.html(<CheckInPage {...base(c, p)} values={read.values} problems={read.problems} />, 422);
    const saved = await recordCheckIn(c.get("deps"), patientActor(c), p.patient.id, read.value);
    if (!saved.ok) {
      if (saved.error.code === "not_found") return c.html(<LinkInvalidPage lang={p.lang} />, 410);
      return c.html(<CheckInPage {...base(c, p)} values={read.values} problems={{ pain: "choose" }} />, 422);
    }
    return c.redirect(`/portal/check-in/done/${saved.value.responseId}`, 303);
  }),
);

/** After a check-in or questionnaire: thanks, and if the pain rule opened a task, that the clinic will call. */
async function thanks(c: C, p: PortalPatient, section: "check-in" | "questionnaires") {
  const id = responseId.safeParse(c.req.param("id"));
  const { db } = c.get("deps");
  const response = id.success ? await findResponse(db, p.clinic.id, p.patient.id, id.data) : undefined;
  if (!response) return c.html(<QuestionnaireNotFoundPage {...base(c, p)} />, 404);
  const task = response.instrumentId === "nprs" ? await ruleTaskOf(db, p.clinic.id, p.patient.id, painRuleKey(response.id)) : undefined;
  const message =
    response.kind === "check_in"
      ? t(p.lang, "outcomesThanksCheckIn", { score: String(response.score) })
      : t(p.lang, "outcomesThanksQuestionnaire", { name: instrumentTitle(response.instrumentId, p.lang) });
  return c.html(
    <ThanksPage {...base(c, p)} clinicPhone={p.clinic.phone} section={section} message={message} followUp={task !== undefined} />,
  );
}

outcomePortalRoutes.get("/check-in/done/:id", (c) => withPatient(c, (p) => thanks(c, p, "check-in")));
outcomePortalRoutes.get("/questionnaires/done/:id", (c) => withPatient(c, (p) => thanks(c, p, "questionnaires")));

outcomePortalRoutes.get("/questionnaires", (c) =>
  withPatient(c, async (p) => {
    const { db, clock } = c.get("deps");
    const [episode, responses] = await Promise.all([
      openEpisodeOf(db, p.clinic.id, p.patient.id),
      patientResponses(db, p.clinic.id, p.patient.id),
    ]);
    const offered = offeredInstruments(episode?.bodyRegion ?? null, episode !== undefined);
    const offers = questionnaireOffers(offered, inScope(responses, episode ?? null), clock.now());
    await recordAudit(c.get("deps"), patientActor(c), "portal.questionnaires.view", p.patient.id);
    return c.html(<QuestionnaireListPage {...base(c, p)} offers={offerViews(offers, p.lang, p.zone)} />);
  }),
);

outcomePortalRoutes.get("/questionnaires/:instrumentId", (c) =>
  withPatient(c, (p) => {
    const id = c.req.param("instrumentId");
    if (!isInstrumentId(id)) return c.html(<QuestionnaireNotFoundPage {...base(c, p)} />, 404);
    return c.html(<QuestionnairePage {...form(c, p, id)} />);
  }),
);

outcomePortalRoutes.post("/questionnaires/:instrumentId", (c) =>
  withPatient(c, async (p) => {
    const id = c.req.param("instrumentId");
    if (!isInstrumentId(id)) return c.html(<QuestionnaireNotFoundPage {...base(c, p)} />, 404);
    const def = getInstrument(id);
    const read = readQuestionnaireForm(def, await c.req.parseBody());
    if (!read.ok) return c.html(<QuestionnairePage {...form(c, p, id)} values={read.values} problems={read.problems} />, 422);
    const saved = await recordQuestionnaire(c.get("deps"), patientActor(c), p.patient.id, id, read.value);
    if (!saved.ok) {
      if (saved.error.code === "not_found") return c.html(<LinkInvalidPage lang={p.lang} />, 410);
      const problems: Record<string, FieldProblem> = Object.fromEntries(saved.error.errors.map((e) => [e.linkId, "choose"]));
      return c.html(<QuestionnairePage {...form(c, p, id)} values={read.values} problems={problems} />, 422);
    }
    return c.redirect(`/portal/questionnaires/done/${saved.value.responseId}`, 303);
  }),
);

outcomePortalRoutes.get("/progress", (c) =>
  withPatient(c, async (p) => {
    const { db } = c.get("deps");
    const [episodes, visits, responses] = await Promise.all([
      patientEpisodes(db, p.clinic.id, p.patient.id),
      patientAppointments(db, p.clinic.id, p.patient.id),
      patientResponses(db, p.clinic.id, p.patient.id),
    ]);
    const data = progressData({ responses, episodes, attended: visits.filter((v) => v.status === "attended") });
    await recordAudit(c.get("deps"), patientActor(c), "portal.progress.view", p.patient.id);
    return c.html(<ProgressPage {...base(c, p)} zone={p.zone} {...progressView(data, p.lang, p.zone)} />);
  }),
);
