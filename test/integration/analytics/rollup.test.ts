import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rollClinic } from "../../../src/analytics/rollup";
import { loadAnalytics } from "../../../src/analytics/service";
import { analyticsDays, analyticsRollups } from "../../../src/analytics/tables";
import worker from "../../../src/index";
import { DAY, fixedClock } from "../../../src/platform/clock";
import { runCron } from "../../../src/platform/cron";
import { makeDeps } from "../../../src/platform/deps";
import type { ClinicJobEnvelope } from "../../../src/platform/env";
import { appointments, episodes, messages, surveyAnswers } from "../../../src/platform/schema";
import { queuesWith } from "../../helpers/deps";
import { db } from "../../helpers/factories";
import { recordingQueue } from "../../helpers/integrations";
import { at, buildClinic, NOW, RANGE } from "./fixture";

const unique = (word: string) => `${word} ${crypto.randomUUID().slice(0, 8)}`;
const depsAt = (now: number) => makeDeps(env, { clock: fixedClock(now) });
/** The page's numbers at NOW (all but how far the rollup reaches): the range under test, and one range over all of history. */
const pages = (clinicId: string) =>
  Promise.all(
    [RANGE, { from: "2025-06-01", to: "2026-11-30" }].map(async (range) => {
      const { rolledThrough: _, ...numbers } = await loadAnalytics(depsAt(NOW), clinicId, range);
      return numbers;
    }),
  );
type Fixture = Awaited<ReturnType<typeof buildClinic>>;
/** E5's attended visit on Oct 13 (its second: the episode's therapist stays the same whatever happens to it). */
const e5VisitOfOct13 = async (c: Fixture) =>
  db()
    .select()
    .from(appointments)
    .where(
      and(eq(appointments.clinicId, c.clinic.id), eq(appointments.episodeId, c.episodes.e5), eq(appointments.startsAt, at("2026-10-13"))),
    )
    .get();
/** That visit moved to the next day and to the other therapist, as an EHR update would. */
async function moveToOct14WithT2(c: Fixture) {
  const visit = await e5VisitOfOct13(c);
  await db()
    .update(appointments)
    .set({ startsAt: at("2026-10-14"), endsAt: at("2026-10-14", "10:45"), therapistId: c.t2 })
    .where(eq(appointments.id, visit?.id ?? ""));
}
const rollupRows = (clinicId: string) => db().select().from(analyticsDays).where(eq(analyticsDays.clinicId, clinicId)).all();

describe("nightly analytics rollup", { timeout: 30_000 }, () => {
  it("the page reads the same numbers from the rollup as from the raw rows, for a range rolled in part and for all of history", async () => {
    const home = await buildClinic(unique("Rolled"));
    // Another clinic rolled too: its rows must never reach the home clinic's page.
    const other = await buildClinic(unique("Other rolled"));
    const raw = await pages(home.clinic.id);

    // At NOW (Nov 30) the closed days end on Nov 27: the range is rolled up to there and read raw for Nov 28.
    expect(await rollClinic(depsAt(NOW), home.clinic.id)).toMatchObject({ through: "2026-11-27", deleted: 0 });
    await rollClinic(depsAt(NOW), other.clinic.id);
    expect((await rollupRows(home.clinic.id)).length).toBeGreaterThan(20);
    expect(await pages(home.clinic.id)).toEqual(raw);

    // Rolled a month later, every day of both ranges comes from the rollup.
    const later = await rollClinic(depsAt(NOW + 30 * DAY), home.clinic.id);
    expect(later).toMatchObject({ through: "2026-12-27", written: 0, deleted: 0 });
    expect(await pages(home.clinic.id)).toEqual(raw);
  });

  it("rolled days are read from the rollup, and the next night repairs them after a late EHR update", async () => {
    const home = await buildClinic(unique("Late update"));
    await rollClinic(depsAt(NOW), home.clinic.id);
    const before = await loadAnalytics(depsAt(NOW), home.clinic.id, RANGE);

    // E5's attended visit on Oct 13 is marked a no-show by the EHR weeks later.
    const visit = await e5VisitOfOct13(home);
    expect(visit?.status).toBe("attended");
    await db()
      .update(appointments)
      .set({ status: "no_show" })
      .where(eq(appointments.id, visit?.id ?? ""));

    // Until the next night the page keeps the rolled count for that day...
    const stale = await loadAnalytics(depsAt(NOW), home.clinic.id, RANGE);
    expect(stale.overall.previous).toEqual(before.overall.previous);
    // ...and the next night's rollup rewrites the two rows the visit is in (Oct 13's visits, and E5's
    // discharge on Oct 30, which counts the episode's visits), after which the page agrees with the raw rows.
    const night = await rollClinic(depsAt(NOW + DAY), home.clinic.id);
    expect(night).toMatchObject({ written: 2, deleted: 0 });
    const repaired = await loadAnalytics(depsAt(NOW), home.clinic.id, RANGE);
    expect(repaired.overall.previous.attended).toBe(before.overall.previous.attended - 1);
    expect(repaired.overall.previous.noShow).toBe(before.overall.previous.noShow + 1);
    expect(repaired.overall.previous.dischargedVisits).toBe(before.overall.previous.dischargedVisits - 1);

    // A second run finds nothing to change.
    expect(await rollClinic(depsAt(NOW + DAY), home.clinic.id)).toMatchObject({ written: 0, deleted: 0 });
  });

  it("a visit moved to another day and therapist leaves no row behind on its old day", async () => {
    const home = await buildClinic(unique("Moved"));
    await rollClinic(depsAt(NOW), home.clinic.id);
    await moveToOct14WithT2(home);
    const night = await rollClinic(depsAt(NOW + DAY), home.clinic.id);
    expect(night?.deleted).toBeGreaterThanOrEqual(1);
    const oldDay = (await rollupRows(home.clinic.id)).filter((r) => r.day === "2026-10-13");
    expect(oldDay.map((r) => r.attended)).toEqual([]);
    // Compared with a second, identical clinic that is only ever read raw.
    const twin = await buildClinic(unique("Moved twin"));
    await moveToOct14WithT2(twin);
    const [rolled, raw] = await Promise.all([pages(home.clinic.id), pages(twin.clinic.id)]);
    // Staff ids and names differ between the clinics: the therapist table is compared by its counts.
    const plain = (report: (typeof rolled)[number]) => ({
      overall: report.overall,
      therapists: report.therapists.map((t) => JSON.stringify([t.current, t.previous])).sort(),
      trend: report.trend,
    });
    expect(rolled.map(plain)).toEqual(raw.map(plain));
  });

  it("a clinic whose facts are all gone has its old rows cleared, and is marked rolled", async () => {
    const home = await buildClinic(unique("Emptied"));
    await rollClinic(depsAt(NOW), home.clinic.id);
    const before = (await rollupRows(home.clinic.id)).length;
    expect(before).toBeGreaterThan(0);
    // The EHR withdrew the history (deleted here): nothing is left to count on any day.
    const c = home.clinic.id;
    await db().delete(messages).where(eq(messages.clinicId, c));
    await db().delete(surveyAnswers).where(eq(surveyAnswers.clinicId, c));
    await db().delete(appointments).where(eq(appointments.clinicId, c));
    await db().update(episodes).set({ status: "open", dischargedAt: null, dischargeReason: null }).where(eq(episodes.clinicId, c));

    expect(await rollClinic(depsAt(NOW + DAY), c)).toEqual({ through: "2026-11-28", chunks: 0, written: 0, deleted: before });
    expect(await rollupRows(c)).toEqual([]);
    const page = await loadAnalytics(depsAt(NOW), c, RANGE);
    expect(page.overall.previous).toMatchObject({ attended: 0, discharged: 0, messagesSent: 0, surveyAnswers: 0 });
  });
});

describe("analytics-rollup queue", () => {
  it("the daily cron enqueues one message per clinic; the consumer rolls the clinic and records how far", async () => {
    const home = await buildClinic(unique("Queued"));
    const { queue, sent } = recordingQueue<ClinicJobEnvelope>();
    const training = recordingQueue<unknown>().queue as Queue<never>;
    await runCron("0 10 * * *", makeDeps(env, { clock: fixedClock(NOW), queues: queuesWith({ rollup: queue, training }) }));
    const mine = sent.filter((m) => m.clinicId === home.clinic.id);
    expect(mine).toEqual([{ v: 1, clinicId: home.clinic.id, at: NOW }]);

    const batch = createMessageBatch("analytics-rollup", [
      { id: "m-good", timestamp: new Date(NOW), attempts: 1, body: mine[0] },
      { id: "m-bad", timestamp: new Date(NOW), attempts: 1, body: { v: 2, clinicId: "" } as unknown as ClinicJobEnvelope },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["m-bad", "m-good"]);
    const state = await db().select().from(analyticsRollups).where(eq(analyticsRollups.clinicId, home.clinic.id)).get();
    expect(state).toEqual({ clinicId: home.clinic.id, rolledThrough: "2026-11-27", rolledAt: NOW });
  });

  it("dead letters are acknowledged", async () => {
    const batch = createMessageBatch("analytics-rollup-dlq", [
      { id: "d1", timestamp: new Date(NOW), attempts: 4, body: { v: 1, clinicId: "c", at: NOW } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["d1"]);
  });
});
