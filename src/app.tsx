import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { ErrorPage } from "../templates/error.page";
import { analyticsRoutes } from "./analytics/routes";
import { fhirRoutes } from "./api/fhir-routes";
import { apiRoutes } from "./api/v1-routes";
import { auditRoutes } from "./audit/routes";
import { loadSession, requireRole, requireStaff } from "./auth/middleware";
import { authRoutes } from "./auth/routes";
import { layoutStaff } from "./auth/view";
import { publicClinicRoutes } from "./clinics/public-routes";
import { settingsRoutes } from "./clinics/routes";
import { seedRoutes } from "./demo/routes";
import { ehrWebhookRoutes } from "./ehr/webhook-routes";
import { episodeRoutes } from "./episodes/routes";
import { apiKeyRoutes } from "./integrations/key-routes";
import { webhookLogRoutes } from "./integrations/outbound/log-routes";
import { integrationRoutes } from "./integrations/routes";
import { outboxRoutes } from "./messaging/dev-routes";
import { inboxRoutes } from "./messaging/inbox-routes";
import { templateRoutes } from "./messaging/template-routes";
import { twilioWebhookRoutes } from "./messaging/webhook-routes";
import { patientRoutes } from "./patients/routes";
import { makeDeps } from "./platform/deps";
import type { AppEnv, Deps } from "./platform/env";
import { AppError, statusOf } from "./platform/errors";
import { problem, wantsJson } from "./platform/problem";
import { baseHeaders, csrfProtection, securityHeaders } from "./platform/security";
import { portalRoutes } from "./portal/routes";
import { referralRoutes } from "./referrals/routes";
import { riskModelRoutes } from "./risk/model-routes";
import { availabilityRoutes } from "./scheduling/availability-routes";
import { scheduleRoutes } from "./scheduling/routes";
import { todayRoutes } from "./today/routes";
import { worklistRoutes } from "./worklist/routes";

/** The whole HTTP surface. `overrides` lets tests inject a clock or a fake message provider. */
export function createApp(overrides: Partial<Deps> = {}) {
  const app = new Hono<AppEnv>();

  app.use(baseHeaders, securityHeaders());
  app.use(async (c, next) => {
    const deps = makeDeps(c.env, overrides);
    c.set("deps", deps);
    const started = Date.now();
    await next();
    deps.logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      durationMs: Date.now() - started,
    });
  });

  app.get("/healthz", async (c) => {
    const deps = c.get("deps");
    let db = false;
    try {
      await deps.db.run(sql`select 1`);
      db = true;
    } catch {
      db = false;
    }
    return c.json({ ok: db, db, version: deps.vars.APP_VERSION }, db ? 200 : 503);
  });

  // Webhooks authenticate by signature, before any session or CSRF handling.
  app.route("/webhooks/sms/twilio", twilioWebhookRoutes);
  app.route("/webhooks/ehr", ehrWebhookRoutes);
  // Read APIs authenticate by API key (bearer), never by cookie: also before the session and CSRF handling.
  app.route("/fhir/R4", fhirRoutes);
  app.route("/api/v1", apiRoutes);

  app.use(loadSession, csrfProtection);
  app.route("/", authRoutes);
  app.route("/", todayRoutes);
  app.route("/", portalRoutes);
  // The clinic's public page (message links land here): no sign-in.
  app.route("/c", publicClinicRoutes);

  // Development tools answer 404 anywhere else, as if they did not exist.
  app.use("/dev/*", async (c, next) => {
    if (c.get("deps").vars.APP_ENV !== "development") return c.notFound();
    return next();
  });
  app.route("/dev", outboxRoutes);
  app.route("/dev", seedRoutes);

  for (const area of ["/patients", "/schedule", "/worklist", "/referrals", "/inbox", "/analytics"])
    app.use(area, requireStaff).use(`${area}/*`, requireStaff);
  app.route("/patients", episodeRoutes);
  app.route("/patients", patientRoutes);
  app.route("/schedule", scheduleRoutes);
  app.route("/worklist", worklistRoutes);
  app.route("/referrals", referralRoutes);
  app.route("/inbox", inboxRoutes);
  app.route("/analytics", analyticsRoutes);

  const managers = requireRole("owner", "admin");
  app.use("/settings", requireStaff, managers);
  app.use("/settings/*", requireStaff, managers);
  app.route("/settings/audit", auditRoutes);
  app.route("/settings/availability", availabilityRoutes);
  app.route("/settings/messages", templateRoutes);
  app.route("/settings/integrations", webhookLogRoutes);
  app.route("/settings/integrations", integrationRoutes);
  app.route("/settings/api-keys", apiKeyRoutes);
  app.route("/settings/risk", riskModelRoutes);
  app.route("/settings", settingsRoutes);

  app.notFound((c) => {
    if (wantsJson(c)) return problem(c, 404, "Not found");
    const staff = c.get("staff");
    return c.html(<ErrorPage status={404} title="Not found" message="There is nothing here." staff={staff && layoutStaff(staff)} />, 404);
  });

  app.onError((error, c) => {
    if (error instanceof AppError) {
      const status = statusOf(error.code);
      if (error.code === "unauthenticated" && !wantsJson(c) && c.req.header("hx-request") !== "true") {
        return c.redirect("/login", 303);
      }
      if (wantsJson(c)) return problem(c, status, error.message);
      const staff = c.get("staff");
      return c.html(
        <ErrorPage status={status} title={titleOf(status)} message={error.message} staff={staff && layoutStaff(staff)} />,
        status,
      );
    }
    c.get("deps")?.logger.error("unhandled", { requestId: c.get("requestId"), route: c.req.routePath, error });
    if (wantsJson(c)) return problem(c, 500, "Internal error", `Request id ${c.get("requestId")}`);
    return c.html(
      <ErrorPage status={500} title="Something went wrong" message={`Please try again. Request id ${c.get("requestId")}.`} />,
      500,
    );
  });

  return app;
}

function titleOf(status: number): string {
  if (status === 403) return "Not allowed";
  if (status === 404) return "Not found";
  if (status === 409) return "Conflict";
  if (status === 429) return "Too many requests";
  return "Request refused";
}
