import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { LinkInvalidPage, LinkLandingPage, PortalHomePage } from "../../templates/portal/pages";
import type { PortalLanguage } from "../../templates/portal/strings";
import { cookieIsSecure } from "../auth/model";
import { findClinic } from "../clinics/repo";
import { findPatient } from "../patients/repo";
import type { Actor } from "../platform/audit";
import { recordAudit } from "../platform/audit";
import { clientIp, userAgent } from "../platform/client";
import type { AppEnv } from "../platform/env";
import { timingSafeEqual } from "../platform/ids";
import { changeStatus } from "../scheduling/service";
import { appointments } from "../scheduling/tables";
import { markLinkUsed, usableLink } from "./links";
import { newPortalCsrf, PORTAL_COOKIE, PORTAL_IDLE_SECONDS, type PortalSession, signPortalSession, verifyPortalSession } from "./session";
import { patientLinks } from "./tables";

type PortalEnv = AppEnv & { Variables: { portal: PortalSession } };
type C = Context<PortalEnv>;

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

function patientActor(c: C, s: PortalSession): Actor {
  return {
    clinicId: s.clinicId,
    actorType: "patient",
    actorId: s.patientId,
    route: `${c.req.method} ${c.req.routePath}`,
    clientIp: clientIp(c),
    userAgent: userAgent(c),
    requestId: c.get("requestId"),
  };
}

portalRoutes.use("/p/*", async (c, next) => {
  c.header("Referrer-Policy", "no-referrer");
  await next();
});

portalRoutes.get("/p/:token", async (c) => {
  const deps = c.get("deps");
  const link = await usableLink(deps, c.req.param("token"));
  if (!link) return c.html(<LinkInvalidPage lang="en" />, 410);
  const [patient, clinic] = await Promise.all([findPatient(deps.db, link.clinicId, link.patientId), findClinic(deps.db, link.clinicId)]);
  if (!patient || !clinic) return c.html(<LinkInvalidPage lang="en" />, 410);
  return c.html(<LinkLandingPage lang={patient.preferredLanguage} clinicName={clinic.name} token={c.req.param("token")} />);
});

portalRoutes.post("/p/:token", async (c) => {
  const deps = c.get("deps");
  if (!secretOf(c)) return c.text("The patient portal is not configured.", 503);
  const link = await usableLink(deps, c.req.param("token"));
  if (!link) return c.html(<LinkInvalidPage lang="en" />, 410);
  await markLinkUsed(deps, link.id);
  const session = { patientId: link.patientId, clinicId: link.clinicId, linkId: link.id, csrf: newPortalCsrf() };
  await issueCookie(c, session);
  await recordAudit(deps, patientActor(c, session), "portal.open", link.patientId);
  return c.redirect("/portal", 303);
});

// Every portal page: a valid, unexpired session whose link is still usable; the cookie slides 30 minutes.
const portalSession = createMiddleware<PortalEnv>(async (c, next) => {
  const deps = c.get("deps");
  const secret = secretOf(c);
  if (!secret) return c.text("The patient portal is not configured.", 503);
  const session = await verifyPortalSession(secret, getCookie(c, PORTAL_COOKIE), deps.clock.now());
  const link = session
    ? await deps.db
        .select({ revokedAt: patientLinks.revokedAt, lockedAt: patientLinks.lockedAt })
        .from(patientLinks)
        .where(and(eq(patientLinks.id, session.linkId), eq(patientLinks.patientId, session.patientId)))
        .get()
    : undefined;
  if (!session || !link || link.revokedAt !== null || link.lockedAt !== null) {
    deleteCookie(c, PORTAL_COOKIE, { path: "/" });
    return c.html(<LinkInvalidPage lang="en" sessionEnded />, 401);
  }
  if (c.req.method === "POST") {
    const body = await c.req.parseBody();
    if (typeof body._csrf !== "string" || !timingSafeEqual(body._csrf, session.csrf))
      return c.text("Your page expired. Open the link again.", 403);
  }
  c.set("portal", session);
  await issueCookie(c, session);
  return next();
});
portalRoutes.use("/portal", portalSession).use("/portal/*", portalSession);

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
      notice={notice ?? (c.req.query("done") as "confirmed" | "cancelled" | undefined)}
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

portalRoutes.post("/portal/logout", (c) => {
  deleteCookie(c, PORTAL_COOKIE, { path: "/" });
  return c.html(<LinkInvalidPage lang="en" sessionEnded />);
});
