import { and, count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { computeKpis } from "../../../src/analytics/kpis";
import { rollClinic } from "../../../src/analytics/rollup";
import { loadAnalytics } from "../../../src/analytics/service";
import { analyticsRollups } from "../../../src/analytics/tables";
import { createApp } from "../../../src/app";
import { generateDemo } from "../../../src/demo/generator";
import { fixedClock } from "../../../src/platform/clock";
import { parseVars } from "../../../src/platform/env";
import { episodes, messages, riskCurrent, riskModels, riskScores, surveyAnswers, tasks } from "../../../src/platform/schema";
import { addDays, localParts } from "../../../src/platform/time";
import { trainingMetricsSchema } from "../../../src/risk/model-store";
import { testDeps } from "../../helpers/deps";
import { db } from "../../helpers/factories";
import { BASE, env } from "../../helpers/http";

/**
 * The demo clinic's history as the dropout model, the at-risk list and the analytics page see it after
 * `npm start` seeds it. A fixed start time makes every number the same on every run (the history is
 * generated relative to it); the generator is tuned so that most other days land in the same ranges.
 */
const NOW = Date.UTC(2026, 10, 27, 14, 30, 0);
const CLINIC = "clinic-demo-pt";
const app = createApp({ vars: { ...parseVars(env), APP_ENV: "development" }, clock: fixedClock(NOW) });
const seed = () => app.request(`${BASE}/dev/seed`, { method: "POST", headers: { authorization: `Bearer ${env.DEV_SEED_TOKEN}` } }, env);

async function bandCounts() {
  const rows = await db()
    .select({ band: riskCurrent.band, n: count() })
    .from(riskCurrent)
    .where(eq(riskCurrent.clinicId, CLINIC))
    .groupBy(riskCurrent.band);
  return Object.fromEntries(rows.map((r) => [r.band, r.n])) as Partial<Record<"low" | "medium" | "high", number>>;
}

async function rowCount(table: typeof riskModels | typeof riskScores | typeof riskCurrent | typeof messages | typeof surveyAnswers) {
  const row = await db().select({ n: count() }).from(table).where(eq(table.clinicId, CLINIC)).get();
  return row?.n ?? 0;
}

describe("the demo clinic's history", { timeout: 120_000 }, () => {
  it("seeding trains the clinic's own dropout model on its closed episodes, and it separates them on held-out episodes", async () => {
    const res = await seed();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { seeded: boolean }).seeded).toBe(true);

    const stored = await db().select().from(riskModels).where(eq(riskModels.clinicId, CLINIC));
    expect(stored).toHaveLength(1);
    const metrics = trainingMetricsSchema.parse(JSON.parse(stored[0]?.metrics ?? "{}"));
    expect(metrics.episodes).toBeGreaterThanOrEqual(300);
    expect(metrics.trainEpisodes).toBeGreaterThanOrEqual(100);
    expect(metrics.fitted).toBe(true);
    // About one closed episode in three ends as a dropout (or short of the plan): both outcomes are well represented.
    expect(metrics.dropped / metrics.episodes).toBeGreaterThan(0.2);
    expect(metrics.dropped / metrics.episodes).toBeLessThan(0.5);
    expect(metrics.clinic?.auroc ?? 0).toBeGreaterThanOrEqual(0.65);
    expect(metrics.default.auroc ?? 0).toBeGreaterThanOrEqual(0.65);
    // Whichever won on the held-out episodes is the one in use.
    expect(stored[0]?.inUse).toBe(metrics.chosen === "clinic");

    // The second clinic is too small for a model of its own: the run is stored with that reason.
    const second = await db().select().from(riskModels).where(eq(riskModels.clinicId, "clinic-second-st"));
    expect(second.map((m) => trainingMetricsSchema.parse(JSON.parse(m.metrics)).reason)).toEqual(["too_few_episodes"]);
  });

  it("every open episode is scored; most are low, a fair number medium, high a minority, each with reasons", async () => {
    const open = await db()
      .select({ n: count() })
      .from(episodes)
      .where(and(eq(episodes.clinicId, CLINIC), eq(episodes.status, "open")))
      .get();
    const bands = await bandCounts();
    const total = (bands.low ?? 0) + (bands.medium ?? 0) + (bands.high ?? 0);
    expect(total).toBe(open?.n);
    expect(total).toBeGreaterThanOrEqual(60);
    expect(total).toBeLessThanOrEqual(120);
    expect(bands.low ?? 0).toBeGreaterThan(total / 2);
    expect(bands.medium ?? 0).toBeGreaterThanOrEqual(5);
    expect(bands.high ?? 0).toBeGreaterThanOrEqual(3);
    expect(bands.high ?? 0).toBeLessThan(total / 4);

    const flagged = await db()
      .select()
      .from(riskCurrent)
      .where(and(eq(riskCurrent.clinicId, CLINIC), inArray(riskCurrent.band, ["medium", "high"])));
    for (const r of flagged) expect((JSON.parse(r.reasons) as unknown[]).length, r.episodeId).toBeGreaterThan(0);
    // The patients who stopped coming (no visit booked, weeks since the last) are at the top, for the reasons that say so.
    const top = [...flagged].sort((a, b) => b.score - a.score).slice(0, 5);
    const words = top.flatMap((r) => (JSON.parse(r.reasons) as { text: string }[]).map((x) => x.text)).join(" | ");
    expect(words).toMatch(/no next visit booked|days since the last visit|missed/);
  });

  it("the last 90 days look like a real clinic's on the analytics page", async () => {
    const { deps } = testDeps(NOW);
    const today = localParts(NOW, "America/New_York").date;
    const report = await loadAnalytics(deps, CLINIC, { from: addDays(today, -89), to: today });
    const c = report.overall.current;
    const k = computeKpis(c, report.visitRate);
    const within = (value: number | null, lo: number, hi: number, name: string) => {
      expect(value, name).not.toBeNull();
      expect(value ?? Number.NaN, name).toBeGreaterThanOrEqual(lo);
      expect(value ?? Number.NaN, name).toBeLessThanOrEqual(hi);
    };
    within(k.arrivalRate, 0.85, 0.9, "arrival");
    within(k.noShowRate, 0.04, 0.08, "no-show");
    within(k.cancellationRate, 0.08, 0.14, "cancellation");
    within(k.visitsPerEpisode, 8, 12, "visits per episode");
    within(k.daysToFirstVisit, 3, 7, "days from referral to first visit");
    within(k.referralConversion, 0.75, 0.9, "referral conversion");
    within(k.completionRate, 0.6, 0.7, "plan-of-care completion");
    within(k.dropoutRate, 0.2, 0.3, "dropout");
    within(k.messageResponseRate, 0.35, 0.75, "message response");
    // Pain check-ins and home exercises: many patients keep them up, not all.
    within(k.checkInAdherence, 0.45, 0.9, "check-in adherence");
    within(k.hepAdherence, 0.35, 0.85, "HEP adherence");
    within(k.reactivations, 3, 60, "reactivations");
    within(k.nps, 40, 80, "NPS");
    expect(c.reviewsAsked).toBeGreaterThan(0);
    expect(c.reviewsOpened).toBeGreaterThan(0);
    expect(c.reviewsOpened).toBeLessThan(c.reviewsAsked);
  });

  it("discharge survey answers: mostly promoters, detractors more often after a dropout, each detractor with a recovery task", async () => {
    const answers = await db()
      .select({ answer: surveyAnswers, reason: episodes.dischargeReason })
      .from(surveyAnswers)
      .innerJoin(episodes, eq(episodes.id, surveyAnswers.episodeId))
      .where(eq(surveyAnswers.clinicId, CLINIC));
    const discharged = await db()
      .select({ n: count() })
      .from(episodes)
      .where(and(eq(episodes.clinicId, CLINIC), eq(episodes.status, "discharged")))
      .get();
    expect(answers.length).toBeGreaterThan((discharged?.n ?? 0) * 0.4);
    expect(answers.length).toBeLessThan(discharged?.n ?? 0);
    const share = (pick: (score: number) => boolean, rows = answers) => rows.filter((r) => pick(r.answer.score)).length / rows.length;
    expect(share((s) => s >= 9)).toBeGreaterThan(0.6);
    expect(share((s) => s >= 9)).toBeLessThan(0.8);
    expect(share((s) => s === 7 || s === 8)).toBeGreaterThan(0.1);
    expect(share((s) => s === 7 || s === 8)).toBeLessThan(0.25);
    expect(share((s) => s <= 6)).toBeGreaterThan(0.07);
    expect(share((s) => s <= 6)).toBeLessThan(0.18);
    const dropped = answers.filter((r) => r.reason === "dropped_out");
    const completed = answers.filter((r) => r.reason === "goals_met" || r.reason === "plan_completed");
    expect(share((s) => s <= 6, dropped)).toBeGreaterThan(share((s) => s <= 6, completed));
    expect(new Set(answers.map((r) => r.answer.channel))).toEqual(new Set(["sms", "portal"]));

    // Promoters were sent the clinic's review page (set in its settings); some opened it.
    const promoters = answers.filter((r) => r.answer.score >= 9).map((r) => r.answer);
    expect(promoters.filter((a) => a.reviewAskedAt !== null).length).toBeGreaterThan(promoters.length * 0.8);
    for (const a of promoters)
      if (a.reviewOpenedAt !== null) expect(a.reviewOpenedAt).toBeGreaterThan(a.reviewAskedAt ?? Number.POSITIVE_INFINITY);
    const asked = await db()
      .select({ body: messages.body })
      .from(messages)
      .where(and(eq(messages.clinicId, CLINIC), eq(messages.purpose, "review_request")));
    expect(asked.length).toBe(promoters.filter((a) => a.reviewAskedAt !== null).length);
    for (const m of asked) expect(m.body).toContain("https://g.page/r/demo-clinic-review");

    // Each detractor's answer points at a service-recovery task for that patient, still open or done with a note.
    const detractors = answers.filter((r) => r.answer.score <= 6).map((r) => r.answer);
    const recovery = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.clinicId, CLINIC), eq(tasks.type, "service_recovery")));
    expect(recovery).toHaveLength(detractors.length);
    for (const a of detractors) {
      const task = recovery.find((t) => t.id === a.recoveryTaskId);
      expect(task?.patientId, a.id).toBe(a.patientId);
      expect(task?.ruleKey).toBe(`service_recovery:${a.episodeId}`);
      if (task?.status === "done") expect(task.outcomeNote).toBeTruthy();
    }
    for (const a of [...promoters, ...answers.filter((r) => r.answer.score === 7 || r.answer.score === 8).map((r) => r.answer)]) {
      expect(a.recoveryTaskId).toBeNull();
    }
  });

  it("a second start adds nothing: no second model, no new scores, the same bands", async () => {
    const before = {
      models: await rowCount(riskModels),
      scores: await rowCount(riskScores),
      current: await rowCount(riskCurrent),
      messages: await rowCount(messages),
      answers: await rowCount(surveyAnswers),
      bands: await bandCounts(),
    };
    const res = await seed();
    expect(res.status).toBe(200);
    expect(((await res.json()) as { seeded: boolean }).seeded).toBe(false);
    expect({
      models: await rowCount(riskModels),
      scores: await rowCount(riskScores),
      current: await rowCount(riskCurrent),
      messages: await rowCount(messages),
      answers: await rowCount(surveyAnswers),
      bands: await bandCounts(),
    }).toEqual(before);
  });

  it("seeding rolls up the demo's analytics, and the page reads the same numbers from the rollup as from raw rows", async () => {
    const { deps } = testDeps(NOW);
    const today = localParts(NOW, "America/New_York").date;
    const state = await db().select().from(analyticsRollups).where(eq(analyticsRollups.clinicId, CLINIC)).get();
    expect(state?.rolledThrough).toBe(addDays(today, -3));
    // Fifteen months of history: a short range, a quarter, a year, and a range across the spring clock change.
    const ranges = [
      { from: addDays(today, -27), to: today },
      { from: addDays(today, -89), to: today },
      { from: addDays(today, -364), to: today },
      { from: "2026-02-15", to: "2026-03-31" },
    ];
    const read = () =>
      Promise.all(
        ranges.map(async (range) => {
          const { rolledThrough: _, ...numbers } = await loadAnalytics(deps, CLINIC, range);
          return numbers;
        }),
      );
    const rolled = await read();
    // Without the clinic's rollup state every day is read raw.
    await db().delete(analyticsRollups).where(eq(analyticsRollups.clinicId, CLINIC));
    const raw = await read();
    expect(rolled).toEqual(raw);
    expect((await rollClinic(deps, CLINIC))?.written).toBe(0);
  });

  it("is deterministic: the same start time gives the same history, row for row", () => {
    const sizes = (d: ReturnType<typeof generateDemo>) =>
      d.map((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.isArray(v) ? v.length : 1])));
    const a = generateDemo(NOW);
    const b = generateDemo(NOW);
    expect(sizes(b)).toEqual(sizes(a));
    expect(b[0]?.episodes).toEqual(a[0]?.episodes);
    expect(b[0]?.messages).toEqual(a[0]?.messages);
    expect(b[0]?.surveyAnswers).toEqual(a[0]?.surveyAnswers);
  });
});
