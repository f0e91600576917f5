import { parseSettings } from "../clinics/model";
import { HOUR } from "../platform/clock";
import type { Deps, StaffSession } from "../platform/env";
import { newId, randomToken, sha256Hex } from "../platform/ids";
import { LOGIN_TOKEN_TTL_MS, loginRateLimits, normaliseEmail, SESSION_TOUCH_INTERVAL_MS, sessionIsLive } from "./model";
import * as repo from "./repo";

export type LinkRequestOutcome = "sent_if_known" | "rate_limited";

/**
 * Emails a sign-in link when the address belongs to an active staff member.
 * The caller shows the same answer either way, so the form reveals no accounts.
 */
export async function requestLoginLink(
  deps: Deps,
  input: { email: string; clientIp: string; origin: string },
): Promise<LinkRequestOutcome> {
  const now = deps.clock.now();
  const email = normaliseEmail(input.email);
  const limits = [
    { key: `login:email:${await sha256Hex(email)}`, ...loginRateLimits.perEmail },
    { key: `login:ip:${await sha256Hex(input.clientIp)}`, ...loginRateLimits.perIp },
  ];
  for (const l of limits) {
    const count = await repo.hitRateLimit(deps.db, l.key, now - (now % l.windowMs));
    if (count > l.limit) return "rate_limited";
  }

  const user = await repo.findActiveStaffByEmail(deps.db, email);
  if (!user) return "sent_if_known";

  const token = randomToken(32);
  await repo.insertLoginToken(deps.db, {
    id: newId(now),
    tokenHash: await sha256Hex(token),
    userId: user.id,
    createdAt: now,
    expiresAt: now + LOGIN_TOKEN_TTL_MS,
  });
  const link = `${input.origin}/login/verify?token=${encodeURIComponent(token)}`;
  await deps.messaging.send({
    clinicId: user.clinicId,
    channel: "email",
    to: user.email,
    subject: "Your Rapport sign-in link",
    body: `Hello ${user.name},\n\nOpen this link to sign in to Rapport. It works once and expires in 15 minutes:\n\n${link}\n\nIf you did not ask for it, ignore this email.`,
  });
  return "sent_if_known";
}

export async function loginTokenIsUsable(deps: Deps, token: string): Promise<boolean> {
  return Boolean(await repo.peekLoginToken(deps.db, await sha256Hex(token), deps.clock.now()));
}

/** Consumes the token and opens a session. Returns the cookie value, or null if the link is spent or expired. */
export async function signInWithToken(deps: Deps, token: string): Promise<{ cookie: string; maxAgeSeconds: number } | null> {
  const now = deps.clock.now();
  const used = await repo.consumeLoginToken(deps.db, await sha256Hex(token), now);
  if (!used) return null;
  const user = await repo.findStaffById(deps.db, used.userId);
  if (!user?.active) return null;
  const settings = parseSettings(await repo.findClinicSettings(deps.db, user.clinicId));
  const cookie = randomToken(32);
  const absoluteMs = settings.sessionAbsoluteHours * HOUR;
  await repo.openSession(deps.db, {
    id: await sha256Hex(cookie),
    userId: user.id,
    clinicId: user.clinicId,
    csrfToken: randomToken(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + absoluteMs,
  });
  return { cookie, maxAgeSeconds: Math.floor(absoluteMs / 1000) };
}

/** The staff member behind a session cookie, or undefined if it is missing, idle, expired or revoked. */
export async function resolveSession(deps: Deps, cookie: string | undefined): Promise<StaffSession | undefined> {
  if (!cookie || cookie.length > 200) return undefined;
  const sessionId = await sha256Hex(cookie);
  const found = await repo.findSessionWithUser(deps.db, sessionId);
  if (!found?.user.active) return undefined;
  const now = deps.clock.now();
  const settings = parseSettings(found.clinicSettings);
  if (!sessionIsLive(found.session, now, settings.sessionIdleMinutes)) return undefined;
  if (now - found.session.lastSeenAt >= SESSION_TOUCH_INTERVAL_MS) await repo.touchSession(deps.db, sessionId, now);
  return {
    sessionId,
    userId: found.user.id,
    clinicId: found.session.clinicId,
    clinicTimeZone: found.clinicTimeZone,
    role: found.user.role,
    name: found.user.name,
    email: found.user.email,
    csrfToken: found.session.csrfToken,
  };
}

export async function signOut(deps: Deps, sessionId: string): Promise<void> {
  await repo.revokeSession(deps.db, sessionId, deps.clock.now());
}
