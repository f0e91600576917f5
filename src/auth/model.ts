import type { StaffRole } from "../clinics/tables";
import { MINUTE } from "../platform/clock";

export const LOGIN_TOKEN_TTL_MS = 15 * MINUTE;
export const SESSION_COOKIE = "rapport_session";
/** Refresh last_seen_at at most this often, to avoid a write on every request. */
export const SESSION_TOUCH_INTERVAL_MS = MINUTE;

export const loginRateLimits = {
  /** Per address: enough for a typo or two, not for mail-bombing a colleague. */
  perEmail: { limit: 5, windowMs: 15 * MINUTE },
  /** Per client IP: a clinic shares one IP, so this is higher. */
  perIp: { limit: 30, windowMs: 15 * MINUTE },
};

export interface SessionTimes {
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** A session lives until idle for `idleMinutes` or past its absolute expiry, whichever is first. */
export function sessionIsLive(s: SessionTimes, now: number, idleMinutes: number): boolean {
  if (s.revokedAt !== null) return false;
  if (now >= s.expiresAt) return false;
  return now - s.lastSeenAt < idleMinutes * MINUTE;
}

/** Cookies are Secure everywhere except plain-http localhost, where browsers would drop them. */
export function cookieIsSecure(url: URL): boolean {
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return !(url.protocol === "http:" && local);
}

export const managerRoles: readonly StaffRole[] = ["owner", "admin"];

export function canManageClinic(role: StaffRole): boolean {
  return managerRoles.includes(role);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
