import { jwtVerify, SignJWT } from "jose";
import { randomToken } from "../platform/ids";

export const PORTAL_COOKIE = "rapport_portal";
export const PORTAL_IDLE_SECONDS = 30 * 60;

export interface PortalSession {
  patientId: string;
  clinicId: string;
  linkId: string;
  csrf: string;
  /** When the link was exchanged (ms); kept across re-issues so "close my page" can end the session. */
  startedAt: number;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** A patient-scoped session: a short-lived signed token, re-issued on each request (30 minutes idle). */
export async function signPortalSession(secret: string, s: PortalSession, now: number): Promise<string> {
  return new SignJWT({ cid: s.clinicId, lid: s.linkId, csrf: s.csrf, st: s.startedAt })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(s.patientId)
    .setAudience("rapport-portal")
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + PORTAL_IDLE_SECONDS)
    .sign(key(secret));
}

export async function verifyPortalSession(secret: string, token: string | undefined, now: number): Promise<PortalSession | null> {
  if (!token || token.length > 2000) return null;
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      audience: "rapport-portal",
      currentDate: new Date(now),
    });
    if (
      typeof payload.sub !== "string" ||
      typeof payload.cid !== "string" ||
      typeof payload.lid !== "string" ||
      typeof payload.csrf !== "string" ||
      typeof payload.st !== "number"
    ) {
      return null;
    }
    return { patientId: payload.sub, clinicId: payload.cid, linkId: payload.lid, csrf: payload.csrf, startedAt: payload.st };
  } catch {
    return null;
  }
}

export const newPortalCsrf = () => randomToken(18);
