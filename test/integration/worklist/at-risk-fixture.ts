import { and, eq, like } from "drizzle-orm";
import { expect } from "vitest";
import { DAY } from "../../../src/platform/clock";
import { newId } from "../../../src/platform/ids";
import { auditEvents, consents, domainEvents, messages, riskCurrent, riskOutreach, tasks } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { insertEpisode, insertVisit } from "../risk/fixture";

/** Test data for the at-risk worklist: risk_current rows are written directly, as the hourly scorer would. */

export const htmx = { headers: { "hx-request": "true" } };

export const reason = (text: string, contribution = 1) => ({ factor: "recent_no_shows", text, contribution });

export async function scoredEpisode(
  clinicId: string,
  patientId: string,
  score: number,
  band: "low" | "medium" | "high",
  reasons: { factor: string; text: string; contribution: number }[] = [],
) {
  const episodeId = await insertEpisode(clinicId, patientId);
  await db()
    .insert(riskCurrent)
    .values({
      clinicId,
      episodeId,
      patientId,
      score,
      band,
      reasons: JSON.stringify(reasons),
      modelVersion: "default-1",
      computedAt: Date.now() - 60_000,
    });
  return episodeId;
}

/** A clinic with a signed-in front desk and one high-risk patient (consented to texts), ready for outreach. */
export async function outreachClinic() {
  const clinic = await makeClinic("Outreach Clinic");
  const patient = await makePatient(clinic.id, { givenName: "Rosa", familyName: "Díaz" });
  const episodeId = await scoredEpisode(clinic.id, patient.id, 0.74, "high", [reason("missed 2 of the last 3 visits", 1.4)]);
  const desk = await signIn(clinic.staff.front_desk.email);
  return { clinic, patient, episodeId, desk };
}

/** Revokes SMS consent now: the newest consent row wins. */
export async function revokeSms(clinicId: string, patientId: string) {
  await db()
    .insert(consents)
    .values({ id: newId(), clinicId, patientId, channel: "sms", status: "revoked", source: "staff", recordedAt: Date.now() });
}

export const outreachOf = (clinicId: string) => db().select().from(riskOutreach).where(eq(riskOutreach.clinicId, clinicId)).all();

/** Everything starting an outreach could write for a clinic, counted. */
export async function writesOf(clinicId: string) {
  const [t, o, m, a, e] = await Promise.all([
    db().select().from(tasks).where(eq(tasks.clinicId, clinicId)).all(),
    outreachOf(clinicId),
    db().select().from(messages).where(eq(messages.clinicId, clinicId)).all(),
    db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, clinicId), like(auditEvents.action, "%.%")))
      .all(),
    db().select().from(domainEvents).where(eq(domainEvents.clinicId, clinicId)).all(),
  ]);
  return {
    tasks: t.map((x) => `${x.id}:${x.status}`).sort(),
    outreach: o.map((x) => `${x.id}:${x.outcome}:${x.messageId}`).sort(),
    messages: m.length,
    // Reads (list views) are audited too; only writes count here.
    audit: a.filter((x) => !["risk.worklist", "task.list"].includes(x.action)).length,
    events: e.length,
  };
}

/** The episode ids of the listed rows, in order. */
export async function listedEpisodes(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  return [...(await res.text()).matchAll(/<tr id="risk-([^"]+)"/g)].map((m) => m[1] ?? "");
}

/** A visit with a status, for "next visit" and "came back". */
export function visit(
  clinic: { id: string; staff: { therapist: { id: string } } },
  patientId: string,
  episodeId: string,
  startsAt: number,
  status: "booked" | "attended" | "cancelled",
) {
  return insertVisit(clinic.id, patientId, clinic.staff.therapist.id, episodeId, startsAt, status, startsAt - 7 * DAY);
}
