import { and, eq, gt, isNull } from "drizzle-orm";
import { clinics } from "../clinics/tables";
import { patients } from "../patients/tables";
import { DAY } from "../platform/clock";
import type { Deps } from "../platform/env";
import { newId, randomToken, sha256Hex } from "../platform/ids";
import { type LinkPurpose, patientLinks } from "./tables";

/** How long a link in a message works (a reminder link: 7 days). */
export const LINK_TTL_MS: Record<LinkPurpose, number> = {
  reminder: 7 * DAY,
  outreach: 14 * DAY,
  survey: 30 * DAY,
  general: 7 * DAY,
};

/** Makes a link for a message: the token goes in the URL, only its hash is stored. */
export async function createPatientLink(
  deps: Deps,
  input: { clinicId: string; patientId: string; purpose: LinkPurpose; ttlMs?: number },
): Promise<string> {
  const now = deps.clock.now();
  const token = randomToken(16); // 128 bits, 22 base64url characters: short enough for an SMS
  await deps.db.insert(patientLinks).values({
    id: newId(now),
    tokenHash: await sha256Hex(token),
    clinicId: input.clinicId,
    patientId: input.patientId,
    purpose: input.purpose,
    createdAt: now,
    expiresAt: now + (input.ttlMs ?? LINK_TTL_MS[input.purpose]),
  });
  return token;
}

/** A link that may still be used: not expired, revoked or locked. Read-only, for the landing page. */
export async function usableLink(deps: Deps, token: string) {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return undefined;
  return deps.db
    .select()
    .from(patientLinks)
    .where(
      and(
        eq(patientLinks.tokenHash, await sha256Hex(token)),
        gt(patientLinks.expiresAt, deps.clock.now()),
        isNull(patientLinks.revokedAt),
        isNull(patientLinks.lockedAt),
      ),
    )
    .get();
}

/** Records the exchange of a link for a session (the link stays usable until it expires). */
export async function markLinkUsed(deps: Deps, linkId: string) {
  await deps.db.update(patientLinks).set({ lastUsedAt: deps.clock.now() }).where(eq(patientLinks.id, linkId));
}

export async function revokePatientLinks(deps: Deps, clinicId: string, patientId: string) {
  await deps.db
    .update(patientLinks)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(patientLinks.clinicId, clinicId), eq(patientLinks.patientId, patientId), isNull(patientLinks.revokedAt)));
}

export function linkUrl(origin: string, token: string): string {
  return `${origin}/p/${token}`;
}

/**
 * Who a link was for, whatever its state: so an expired or revoked link still answers in the patient's
 * language and names their clinic. Nothing else about the patient is shown.
 */
export async function linkAudience(deps: Deps, token: string) {
  if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return undefined;
  const row = await deps.db
    .select({ language: patients.preferredLanguage, clinicName: clinics.name, clinicPhone: clinics.phone })
    .from(patientLinks)
    .innerJoin(patients, and(eq(patients.id, patientLinks.patientId), eq(patients.clinicId, patientLinks.clinicId)))
    .innerJoin(clinics, eq(clinics.id, patientLinks.clinicId))
    .where(eq(patientLinks.tokenHash, await sha256Hex(token)))
    .get();
  return row;
}

/** For a page without a session: the browser's preferred language when it is Spanish, else English. */
export function browserLanguage(acceptLanguage: string | undefined): "en" | "es" {
  const first = (acceptLanguage ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("es") ? "es" : "en";
}
