import type { Context } from "hono";
import type { PortalLanguage } from "../../templates/portal/strings";
import { findClinic } from "../clinics/repo";
import { findPatient } from "../patients/repo";
import type { Actor } from "../platform/audit";
import { clientIp, userAgent } from "../platform/client";
import type { AppEnv } from "../platform/env";
import { localParts } from "../platform/time";
import type { PortalSession } from "./session";

/** Portal requests carry the patient's session (set by the session middleware in routes.tsx). */
export type PortalEnv = AppEnv & { Variables: { portal: PortalSession } };
export type PortalContext = Context<PortalEnv>;

/** The patient as the actor of a change: audit rows and domain events say "patient". */
export function patientActor(c: PortalContext, s: PortalSession = c.get("portal")): Actor {
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

export interface PortalPatient {
  patient: NonNullable<Awaited<ReturnType<typeof findPatient>>>;
  clinic: NonNullable<Awaited<ReturnType<typeof findClinic>>>;
  lang: PortalLanguage;
  /** The patient's own time zone, else the clinic's: what dates and times are shown in. */
  zone: string;
}

/** The signed-in patient and their clinic, always scoped by the session's clinic. */
export async function loadPortalPatient(c: PortalContext): Promise<PortalPatient | null> {
  const deps = c.get("deps");
  const s = c.get("portal");
  const [patient, clinic] = await Promise.all([findPatient(deps.db, s.clinicId, s.patientId), findClinic(deps.db, s.clinicId)]);
  if (!patient || !clinic) return null;
  return { patient, clinic, lang: patient.preferredLanguage, zone: patient.timeZone ?? clinic.timeZone };
}

/** The patient's local calendar date, YYYY-MM-DD. */
export const localDate = (at: number, zone: string): string => localParts(at, zone).date;
