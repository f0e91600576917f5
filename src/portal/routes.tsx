import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { LinkInvalidPage, LinkLandingPage, PortalHomePage } from "../../templates/portal/pages";
import type { PortalLanguage } from "../../templates/portal/strings";
import { cookieIsSecure } from "../auth/model";
import { findClinic } from "../clinics/repo";
import { findPatient } from "../patients/repo";
import { recordAudit } from "../platform/audit";
import { timingSafeEqual } from "../platform/ids";
import { changeStatus } from "../scheduling/service";
import { appointments } from "../scheduling/tables";
import { surveyPortalRoutes } from "../surveys/portal-routes";
import { reviewLinkRoutes } from "../surveys/review-routes";
import { type PortalContext as C, type PortalEnv, patientActor } from "./context";
import { educationPortalRoutes } from "./education-routes";
import { hepPortalRoutes } from "./hep-routes";
import { browserLanguage, linkAudience, markLinkUsed, usableLink } from "./links";
import { messagePortalRoutes } from "./message-routes";
import { outcomePortalRoutes } from "./outcome-routes";
import { preferencePortalRoutes } from "./preference-routes";
import { newPortalCsrf, PORTAL_COOKIE, PORTAL_IDLE_SECONDS, type PortalSession, signPortalSession, verifyPortalSession } from "./session";
import { requireStepUp, stepUpRoutes } from "./step-up";
import { patientLinks } from "./tables";
import { visitPortalRoutes } from "./visit-routes";

const PORTAL_MAX_SESSION_MS = 12 * 60 * 60 * 1000;

/** Patients: a magic link opens a small private page. GET never changes anything; POST exchanges the link. */
export const portalRoutes = new Hono<PortalEnv>();

const secretOf = (c: C) => c.get("deps").vars.PORTAL_SESSION_SECRET;

async function issueCookie(c: C, session: PortalSession) {
  const secret = secretOf(c);
  if (!secret) return;
  setCookie(c, PORTAL_COOKIE, await signPortalSession(secret, session, c.get("deps").clock.now()), {
    httpOnly: true,
    secure: cookieIsSecure(new URL(c.req.url)),
    sameSite: "Lax",
    path: "/",
    maxAge: PORTAL_IDLE_SECONDS,
  });
}

portalRoutes.use("/p/*", async (c, next) => {
  c.header("Referrer-Policy", "no-referrer");
  await next();
});

/** A link that no longer works: said in the patient's language, with their clinic's phone when we know them. */
async function linkInvalid(c: C) {
  const who = await linkAudience(c.get("deps"), c.req.param("token") ?? "");
  const lang = who?.language ?? browserLanguage(c.req.header("accept-language"));
  return c.html(<LinkInvalidPage lang={lang} clinicName={who?.clinicName} clinicPhone={who?.clinicPhone} />, 410);
}

// A promoter's review link: counts the open, then on to the clinic's review page (src/surveys).
portalRoutes.route("/p/r", reviewLinkRoutes);

portalRoutes.get("/p/:token", async (c) => {
  const deps = c.get("deps");
  const link = await usableLink(deps, c.req.param("token"));
  if (!link) return linkInvalid(c);
  const [patient, clinic] = await Promise.all([findPatient(deps.db, link.clinicId, link.patientId), findClinic(deps.db, link.clinicId)]);
  if (!patient || !clinic) return linkInvalid(c);
  return c.html(
    <LinkLandingPage
      lang={patient.preferredLanguage}
      clinicName={clinic.name}
      token={c.req.param("token")}
      survey={link.purpose === "survey"}
    />,
  );
});

portalRoutes.post("/p/:token", async (c) => {
  const deps = c.get("deps");
  if (!secretOf(c)) return c.text("The patient portal is not configured.", 503);
  const link = await usableLink(deps, c.req.param("token"));
  if (!link) return linkInvalid(c);
  await markLinkUsed(deps, link.id);
  const session = {
    patientId: link.patientId,
    clinicId: link.clinicId,
    linkId: link.id,
    csrf: newPortalCsrf(),
    startedAt: deps.clock.now(),
  };
  await issueCookie(c, session);
  await recordAudit(deps, patientActor(c, session), "portal.open", link.patientId);
  // The discharge survey's link lands on its question; every other link on the patient's page.
  return c.redirect(link.purpose === "survey" ? "/portal/survey" : "/portal", 303);
});

// Every portal page: a valid, unexpired session whose link is still usable; the cookie slides 30 minutes.
const portalSession = createMiddleware<PortalEnv>(async (c, next) => {
  const deps = c.get("deps");
  const secret = secretOf(c);
  if (!secret) return c.text("The patient portal is not configured.", 503);
  const session = await verifyPortalSession(secret, getCookie(c, PORTAL_COOKIE), deps.clock.now());
  const link = session
    ? await deps.db
        .select({
          revokedAt: patientLinks.revokedAt,
          lockedAt: patientLinks.lockedAt,
          endedAt: patientLinks.sessionsEndedAt,
          expiresAt: patientLinks.expiresAt,
        })
        .from(patientLinks)
        .where(and(eq(patientLinks.id, session.linkId), eq(patientLinks.patientId, session.patientId)))
        .get()
    : undefined;
  const now = deps.clock.now();
  // Sliding, but not for ever: a session ends with its link, and 12 hours after the link was opened at the latest.
  const ended =
    session !== null &&
    link !== undefined &&
    ((link.endedAt !== null && session.startedAt <= link.endedAt) ||
      link.expiresAt <= now ||
      session.startedAt + PORTAL_MAX_SESSION_MS <= now);
  if (!session || !link || link.revokedAt !== null || link.lockedAt !== null || ended) {
    deleteCookie(c, PORTAL_COOKIE, { path: "/" });
    return c.html(<LinkInvalidPage lang={browserLanguage(c.req.header("accept-language"))} sessionEnded />, 401);
  }
  if (c.req.method === "POST") {
    const body = await c.req.parseBody();
    if (typeof body._csrf !== "string" || !timingSafeEqual(body._csrf, session.csrf))
      return c.html(<LinkInvalidPage lang={browserLanguage(c.req.header("accept-language"))} sessionEnded />, 403);
  }
  c.set("portal", session);
  await issueCookie(c, session);
  return next();
});
portalRoutes.use("/portal", portalSession).use("/portal/*", portalSession);

// Pages with clinical detail (exercises, check-ins, questionnaires, progress, education, messages,
// preferences) need the device to have passed the step-up check; each feature registers its routes here.
// The sections are listed here, once: a test walks every portal route and fails on one that is neither
// behind the check nor on the short list of link-only pages.
export const CLINICAL_SECTIONS = ["exercises", "check-in", "progress", "questionnaires", "learn", "messages", "preferences"] as const;
for (const section of CLINICAL_SECTIONS) {
  portalRoutes.use(`/portal/${section}`, requireStepUp).use(`/portal/${section}/*`, requireStepUp);
}
portalRoutes.route("/portal", stepUpRoutes);
// Feature routes (each file's paths start with its section, e.g. "/exercises"):
portalRoutes.route("/portal", visitPortalRoutes); // link-only: /visits/:id/reschedule
portalRoutes.route("/portal", educationPortalRoutes); // /learn
portalRoutes.route("/portal", messagePortalRoutes); // /messages
portalRoutes.route("/portal", preferencePortalRoutes); // /preferences
portalRoutes.route("/portal", hepPortalRoutes); // /exercises
portalRoutes.route("/portal", outcomePortalRoutes); // /check-in, /questionnaires, /progress
portalRoutes.route("/portal", surveyPortalRoutes); // link-only: /survey (the discharge survey; nothing clinical)

/** The patient's next booked or confirmed visit, if any. */
function nextVisit(c: C, s: PortalSession) {
  const deps = c.get("deps");
  return deps.db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, s.clinicId),
        eq(appointments.patientId, s.patientId),
        gt(appointments.startsAt, deps.clock.now()),
        inArray(appointments.status, ["booked", "confirmed"]),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .get();
}

portalRoutes.get("/portal/", (c) => c.redirect("/portal", 303));
portalRoutes.get("/portal", async (c) => renderHome(c));

async function renderHome(c: C, notice?: "confirmed" | "cancelled" | "refused", status: 200 | 409 = 200) {
  const deps = c.get("deps");
  const s = c.get("portal");
  const [patient, clinic, visit] = await Promise.all([
    findPatient(deps.db, s.clinicId, s.patientId),
    findClinic(deps.db, s.clinicId),
    nextVisit(c, s),
  ]);
  if (!patient || !clinic) return c.html(<LinkInvalidPage lang="en" />, 410);
  const lang: PortalLanguage = patient.preferredLanguage;
  const zone = patient.timeZone ?? clinic.timeZone;
  const when = visit
    ? new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", {
        timeZone: zone,
        weekday: "long",
        month: "long",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
      }).format(visit.startsAt)
    : "";
  await recordAudit(deps, patientActor(c, s), "portal.view", s.patientId);
  return c.html(
    <PortalHomePage
      lang={lang}
      firstName={patient.givenName}
      clinicName={clinic.name}
      clinicPhone={clinic.phone}
      csrf={s.csrf}
      visit={visit && (visit.status === "booked" || visit.status === "confirmed") ? { id: visit.id, when, status: visit.status } : null}
      notice={notice ?? (c.req.query("done") as "confirmed" | "cancelled" | "rescheduled" | undefined)}
    />,
    status,
  );
}

async function visitAction(c: C, to: "confirmed" | "cancelled") {
  const deps = c.get("deps");
  const s = c.get("portal");
  const visit = await deps.db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(eq(appointments.clinicId, s.clinicId), eq(appointments.patientId, s.patientId), eq(appointments.id, c.req.param("id") ?? "")),
    )
    .get();
  if (!visit) return renderHome(c, "refused", 409);
  const body = await c.req.parseBody();
  const reason = typeof body.reason === "string" && body.reason.trim() ? body.reason.trim().slice(0, 200) : null;
  const result = await changeStatus(
    deps,
    patientActor(c, s),
    visit.id,
    to,
    to === "cancelled" ? (reason ?? "Cancelled by the patient online") : null,
  );
  if (!result.ok) return renderHome(c, "refused", 409);
  return c.redirect(`/portal?done=${to}`, 303);
}

portalRoutes.post("/portal/visits/:id/confirm", (c) => visitAction(c, "confirmed"));
portalRoutes.post("/portal/visits/:id/cancel", (c) => visitAction(c, "cancelled"));

// Ends the session on the server too: the same cookie replayed later opens nothing.
portalRoutes.post("/portal/logout", async (c) => {
  const deps = c.get("deps");
  const s = c.get("portal");
  await deps.db
    .update(patientLinks)
    .set({ sessionsEndedAt: deps.clock.now() })
    .where(and(eq(patientLinks.id, s.linkId), eq(patientLinks.patientId, s.patientId)));
  deleteCookie(c, PORTAL_COOKIE, { path: "/" });
  const patient = await findPatient(deps.db, s.clinicId, s.patientId);
  return c.html(<LinkInvalidPage lang={patient?.preferredLanguage ?? "en"} signedOut />);
});
