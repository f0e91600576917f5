import { Hono } from "hono";
import { ArticleNotFoundPage, ArticlePage, LearnPage } from "../../templates/portal/learn";
import { ARTICLES, articlesFor, findArticle, weekOfCare } from "../education/library";
import { patientEpisodes } from "../episodes/repo";
import { recordAudit } from "../platform/audit";
import { loadPortalPatient, localDate, type PortalEnv, patientActor } from "./context";

/** /portal/learn: short articles for the patient's body region and week of care (behind the step-up check). */
export const educationPortalRoutes = new Hono<PortalEnv>();

educationPortalRoutes.get("/learn", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const deps = c.get("deps");
  const episodes = await patientEpisodes(deps.db, p.clinic.id, p.patient.id);
  // The newest open episode decides; episode dates are the clinic's calendar dates.
  const episode = episodes.find((e) => e.status === "open");
  const week = episode ? weekOfCare(episode.startDate, localDate(deps.clock.now(), p.clinic.timeZone)) : null;
  const chosen = articlesFor(episode?.bodyRegion ?? null, week);
  const chosenSlugs = new Set(chosen.map((a) => a.slug));
  const link = (a: (typeof ARTICLES)[number]) => ({ slug: a.slug, title: a[p.lang].title, summary: a[p.lang].summary });
  await recordAudit(deps, patientActor(c), "portal.learn.view", p.patient.id);
  return c.html(
    <LearnPage
      lang={p.lang}
      clinicName={p.clinic.name}
      csrf={c.get("portal").csrf}
      week={week}
      forYou={chosen.map(link)}
      others={ARTICLES.filter((a) => !chosenSlugs.has(a.slug))
        .map(link)
        .sort((a, b) => a.title.localeCompare(b.title, p.lang))}
    />,
  );
});

// Any article in the library can be read, even one not chosen for this week: it is general advice.
educationPortalRoutes.get("/learn/:slug", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const shell = { lang: p.lang, clinicName: p.clinic.name, csrf: c.get("portal").csrf };
  const article = findArticle(c.req.param("slug"));
  if (!article) return c.html(<ArticleNotFoundPage {...shell} />, 404);
  return c.html(<ArticlePage {...shell} title={article[p.lang].title} body={article[p.lang].body} />);
});
