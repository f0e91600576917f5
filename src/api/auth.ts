import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { hitRateLimit } from "../auth/repo";
import { apiKeyHash, parseScopes } from "../integrations/model";
import type { ApiScope } from "../integrations/tables";
import type { Actor } from "../platform/audit";
import { clientIp, userAgent } from "../platform/client";
import { MINUTE } from "../platform/clock";
import type { AppEnv } from "../platform/env";
import { findLiveKey, touchKey } from "./key-repo";

/** Requests per key per minute (fixed window). Generous for a sync job, low enough to stop a runaway loop. */
export const API_RATE_LIMIT = 300;
const RATE_WINDOW_MS = MINUTE;
/** last_used_at is informative: writing it once a minute per key is enough. */
const TOUCH_EVERY_MS = MINUTE;

/** Who is calling: the key's clinic scopes every query; the integration (or the key) is the audit actor. */
export interface ApiCaller {
  keyId: string;
  clinicId: string;
  clinicTimeZone: string;
  integrationId: string | null;
  scopes: ApiScope[];
}

export type ApiEnv = { Bindings: AppEnv["Bindings"]; Variables: AppEnv["Variables"] & { caller: ApiCaller } };

export type AuthFailure =
  | { status: 401; reason: "missing" | "invalid"; message: string; headers: Record<string, string> }
  | { status: 403; reason: "scope"; message: string; headers: Record<string, string> }
  | { status: 429; reason: "rate_limited"; message: string; headers: Record<string, string> };

/** Each API answers a refused key in its own error shape (OperationOutcome, problem+json). */
export type FailureResponder = (c: Context<ApiEnv>, failure: AuthFailure) => Response;

const BEARER = /^Bearer ([\x21-\x7e]{1,256})$/i;
const challenge = 'Bearer realm="rapport"';

/**
 * API-key authentication: `Authorization: Bearer <key>`, looked up by its SHA-256 (never stored in
 * clear), revoked keys refused; then the per-key rate limit, then the scope the route needs.
 * No cookie is read here: these routes are mounted before the session middleware.
 */
export function requireApiKey(scopeFor: (c: Context<ApiEnv>) => ApiScope, respond: FailureResponder) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) {
      return respond(c, {
        status: 401,
        reason: "missing",
        message: "Send an API key as 'Authorization: Bearer <key>'.",
        headers: { "WWW-Authenticate": challenge },
      });
    }
    const token = BEARER.exec(header.trim())?.[1];
    const deps = c.get("deps");
    const key = token ? await findLiveKey(deps.db, await apiKeyHash(token)) : undefined;
    if (!key || key.integrationDisabledAt !== null) {
      return respond(c, {
        status: 401,
        reason: "invalid",
        message: "This API key is not valid: it is unknown, revoked, or its integration is disabled.",
        headers: { "WWW-Authenticate": `${challenge}, error="invalid_token"` },
      });
    }

    const now = deps.clock.now();
    const windowStart = now - (now % RATE_WINDOW_MS);
    const [used] = await Promise.all([
      hitRateLimit(deps.db, `api-key:${key.id}`, windowStart),
      key.lastUsedAt === null || key.lastUsedAt < now - TOUCH_EVERY_MS ? touchKey(deps.db, key.id, now, TOUCH_EVERY_MS) : null,
    ]);
    if (used > API_RATE_LIMIT) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - now) / 1000));
      return respond(c, {
        status: 429,
        reason: "rate_limited",
        message: `At most ${API_RATE_LIMIT} requests a minute per key. Try again in ${retryAfter} s.`,
        headers: { "Retry-After": String(retryAfter) },
      });
    }

    const scopes = parseScopes(key.scopes);
    const needed = scopeFor(c);
    if (!scopes.includes(needed)) {
      return respond(c, {
        status: 403,
        reason: "scope",
        message: `This API key lacks the ${needed} scope.`,
        headers: { "WWW-Authenticate": `${challenge}, error="insufficient_scope", scope="${needed}"` },
      });
    }
    c.set("caller", {
      keyId: key.id,
      clinicId: key.clinicId,
      clinicTimeZone: key.clinicTimeZone,
      integrationId: key.integrationId,
      scopes,
    });
    return next();
  });
}

/** The audit actor of an API request: the integration the key belongs to, else the key itself. */
export function integrationActor(c: Context<ApiEnv>): Actor {
  const caller = c.get("caller");
  return {
    clinicId: caller.clinicId,
    actorType: "integration",
    actorId: caller.integrationId ?? caller.keyId,
    route: `${c.req.method} ${c.req.routePath}`,
    clientIp: clientIp(c),
    userAgent: userAgent(c),
    requestId: c.get("requestId"),
  };
}
