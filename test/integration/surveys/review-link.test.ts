import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clinics, messages } from "../../../src/platform/schema";
import { reviewToken } from "../../../src/surveys/review-link";
import { recordAnswer } from "../../../src/surveys/service";
import { db } from "../../helpers/factories";
import { env, fetchApp } from "../../helpers/http";
import { answerOf, DAY, dischargedPatient, REVIEW_URL, surveyDeps } from "./setup";

async function promoter() {
  const now = Date.now();
  const t = await dischargedPatient(now);
  const { deps } = surveyDeps(now);
  const actor = {
    clinicId: t.clinic.id,
    actorType: "patient" as const,
    actorId: t.patient.id,
    route: "test",
    clientIp: null,
    userAgent: null,
    requestId: null,
  };
  const saved = await recordAnswer(deps, actor, {
    patientId: t.patient.id,
    episodeId: t.episodeId,
    score: 10,
    comment: null,
    channel: "sms",
  });
  if (!saved.ok) throw new Error(saved.error);
  const token = await reviewToken(env.PORTAL_SESSION_SECRET, saved.value.answerId);
  return { ...t, answerId: saved.value.answerId, token };
}

describe("the review link", () => {
  it("records the first open and redirects (302) to the clinic's review page, telling it nothing", async () => {
    const t = await promoter();
    expect((await answerOf(t.clinic.id, t.episodeId))?.reviewOpenedAt).toBeNull();
    const before = Date.now();
    const res = await fetchApp(`/p/r/${t.token}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(REVIEW_URL);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const opened = (await answerOf(t.clinic.id, t.episodeId))?.reviewOpenedAt ?? 0;
    expect(opened).toBeGreaterThanOrEqual(before);
    // A second tap still goes to the review page; the first open is what counts.
    const again = await fetchApp(`/p/r/${t.token}`);
    expect(again.status).toBe(302);
    expect((await answerOf(t.clinic.id, t.episodeId))?.reviewOpenedAt).toBe(opened);
  });

  it("a tampered, forged or malformed link answers 404 and records nothing", async () => {
    const t = await promoter();
    const [id, mac = ""] = t.token.split(".");
    const tampered = `${id}.${mac.startsWith("A") ? "B" : "A"}${mac.slice(1)}`;
    const otherAnswer = `${"0".repeat(26)}.${mac}`;
    for (const bad of [tampered, otherAnswer, id ?? "", `${t.token}x`, "not-a-token"]) {
      const res = await fetchApp(`/p/r/${bad}`);
      expect(res.status, bad).toBe(404);
      expect(res.headers.get("location")).toBeNull();
    }
    expect((await answerOf(t.clinic.id, t.episodeId))?.reviewOpenedAt).toBeNull();
  });

  it("once the clinic removes its review page, the link goes nowhere", async () => {
    const t = await promoter();
    await db().update(clinics).set({ settings: "{}" }).where(eq(clinics.id, t.clinic.id));
    expect((await fetchApp(`/p/r/${t.token}`)).status).toBe(404);
    expect((await answerOf(t.clinic.id, t.episodeId))?.reviewOpenedAt).toBeNull();
  });

  it("the link in the promoter's text is the one that works", async () => {
    const t = await dischargedPatient(Date.now() - DAY);
    const { deps } = surveyDeps(Date.now());
    const actor = {
      clinicId: t.clinic.id,
      actorType: "patient" as const,
      actorId: t.patient.id,
      route: "test",
      clientIp: null,
      userAgent: null,
      requestId: null,
    };
    await recordAnswer(deps, actor, { patientId: t.patient.id, episodeId: t.episodeId, score: 9, comment: null, channel: "portal" });
    const sms = await db().select().from(messages).where(eq(messages.patientId, t.patient.id)).get();
    const path = /\/p\/r\/[0-9a-z]{26}\.[A-Za-z0-9_-]{22}/.exec(sms?.body ?? "")?.[0] ?? "";
    const res = await fetchApp(path);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(REVIEW_URL);
  });
});
