import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "./env";
import { AppError } from "./errors";
import { newId, timingSafeEqual } from "./ids";

/**
 * Strict CSP: scripts and styles only from our own origin, no inline script
 * (htmx runs with eval off, configured by a meta tag), no framing, forms post home only.
 */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: undefined,
    strictTransportSecurity: "max-age=63072000; includeSubDomains",
    referrerPolicy: "same-origin",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
    // A route's own stricter header (no-referrer on link landings) wins over the default.
    overwrite: false,
  });

/** Request id on every response, and CSP plus no-store on every dynamic answer. */
export const baseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : newId();
  c.set("requestId", requestId);
  await next();
  c.header("X-Request-Id", requestId);
  c.header("Content-Security-Policy", contentSecurityPolicy);
  // Dynamic pages may carry patient data: never cache them anywhere.
  if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
});

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Paths that authenticate by signature or API key rather than by cookie. */
const csrfExempt = [/^\/webhooks\//, /^\/api\//, /^\/fhir\//, /^\/dev\/seed$/];

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * CSRF defence in two layers: the browser's Origin / Sec-Fetch-Site must be our own,
 * and a signed-in request must carry the session's token (form field or the header htmx sends).
 */
export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  if (!unsafeMethods.has(c.req.method) || csrfExempt.some((p) => p.test(c.req.path))) return next();

  // Browsers send Sec-Fetch-Site on every request; pages with Referrer-Policy: no-referrer (link
  // landings) make them send "Origin: null", so Origin is only the check for older clients.
  const site = c.req.header("sec-fetch-site");
  if (site) {
    if (site !== "same-origin" && site !== "none") throw new AppError("csrf", "Cross-site request refused");
  } else {
    const origin = c.req.header("origin");
    if (origin && origin !== new URL(c.req.url).origin) throw new AppError("csrf", "Cross-origin request refused");
  }

  // Portal pages carry their own token (in the patient's session); a staff cookie in the same browser is irrelevant there.
  const staff = /^\/(p|portal)(\/|$)/.test(c.req.path) ? undefined : c.get("staff");
  if (staff) {
    let token = c.req.header(CSRF_HEADER) ?? "";
    if (!token) {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const body = await c.req.parseBody();
        token = typeof body[CSRF_FIELD] === "string" ? body[CSRF_FIELD] : "";
      }
    }
    if (!timingSafeEqual(token, staff.csrfToken)) throw new AppError("csrf", "Your form expired. Reload the page and try again.");
  }
  return next();
});
