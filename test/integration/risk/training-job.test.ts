import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { DAY, fixedClock } from "../../../src/platform/clock";
import { runCron } from "../../../src/platform/cron";
import { makeDeps } from "../../../src/platform/deps";
import type { ClinicJobEnvelope } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { trainingMetricsSchema } from "../../../src/risk/model-store";
import { DEFAULT_MODEL, riskModelSchema } from "../../../src/risk/score";
import { clinicScoring } from "../../../src/risk/service";
import { riskModels } from "../../../src/risk/tables";
import { modelVersionOf, trainClinicModel } from "../../../src/risk/training-job";
import { queuesWith, testDeps } from "../../helpers/deps";
import { db } from "../../helpers/factories";
import { env } from "../../helpers/http";
import { recordingQueue } from "../../helpers/integrations";
import { generatedClinic, NOW } from "./training-fixture";

const modelsOf = (clinicId: string) =>
  db().select().from(riskModels).where(eq(riskModels.clinicId, clinicId)).orderBy(riskModels.trainedAt).all();
const metricsOf = (row: { metrics: string }) => trainingMetricsSchema.parse(JSON.parse(row.metrics));

/** The daily cron at `at`, its risk-training messages recorded instead of sent (test files share one database). */
async function dailyCron(at: number): Promise<ClinicJobEnvelope[]> {
  const { queue: training, sent } = recordingQueue<ClinicJobEnvelope>();
  // The daily job's analytics rollups are recorded too, so they never roll other test files' clinics.
  const { queue: rollup } = recordingQueue<ClinicJobEnvelope>();
  await runCron("0 10 * * *", makeDeps(env, { clock: fixedClock(at), queues: queuesWith({ training, rollup }) }));
  return sent;
}

/** The risk-training consumer, as the queue would call it, on one clinic's message. */
async function consume(body: ClinicJobEnvelope, attempts = 1) {
  const batch = createMessageBatch("risk-training", [{ id: `m-${body.clinicId}`, timestamp: new Date(body.at), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env);
  return getQueueResult(batch, ctx);
}

describe("nightly risk training", { timeout: 60_000 }, () => {
  it("below 100 closed episodes stores the run's metrics, keeps the default and stops using an older clinic model", async () => {
    const { clinic } = await generatedClinic(40, 11);
    // A model an earlier night put in use: the latest training's verdict replaces it.
    await db()
      .insert(riskModels)
      .values({
        id: newId(NOW - 30 * DAY),
        clinicId: clinic.id,
        version: "clinic-2026-10-31",
        model: JSON.stringify({ ...DEFAULT_MODEL, version: "clinic-2026-10-31" }),
        metrics: "{}",
        inUse: true,
        trainedAt: NOW - 30 * DAY,
      });
    const { deps } = testDeps(NOW);

    const result = await trainClinicModel(deps, clinic.id);

    expect(result).toEqual({ version: "clinic-2026-11-30", stored: true, chosen: "default" });
    const rows = await modelsOf(clinic.id);
    expect(rows.map((r) => [r.version, r.inUse])).toEqual([
      ["clinic-2026-10-31", false],
      ["clinic-2026-11-30", false],
    ]);
    const metrics = metricsOf(rows[1] as { metrics: string });
    expect(metrics).toMatchObject({
      episodes: 40,
      skipped: 0,
      trainEpisodes: 30,
      heldOut: 10,
      chosen: "default",
      reason: "too_few_episodes",
    });
    expect(metrics.fitted).toBe(true);
    expect(metrics.default.auroc).not.toBeNull();
    expect(metrics.default.brier).toBeGreaterThan(0);
    expect(metrics.clinic?.auroc).not.toBeNull();
    expect((await clinicScoring(deps, clinic.id)).model).toBe(DEFAULT_MODEL);
  });

  it("uses the clinic's model when it has enough closed episodes and beats the default on the held-out ones", async () => {
    const { clinic, dropouts } = await generatedClinic(140);
    expect(dropouts).toBeGreaterThan(30);
    const { deps } = testDeps(NOW);

    expect(await trainClinicModel(deps, clinic.id)).toEqual({ version: "clinic-2026-11-30", stored: true, chosen: "clinic" });

    const [row] = await modelsOf(clinic.id);
    expect(row?.inUse).toBe(true);
    const metrics = metricsOf(row as { metrics: string });
    expect(metrics).toMatchObject({ episodes: 140, dropped: dropouts, trainEpisodes: 105, heldOut: 35, reason: "better" });
    expect(metrics.clinic?.auroc).toBeGreaterThan(0.8);
    expect(metrics.default.auroc).toBeLessThan(0.5);
    expect(metrics.clinic?.brier).toBeLessThan(metrics.default.brier as number);
    // The stored model is the one scoring now uses, under the run's version.
    const scoring = await clinicScoring(deps, clinic.id);
    expect(scoring.model.version).toBe("clinic-2026-11-30");
    expect(scoring.model).toEqual(riskModelSchema.parse(JSON.parse(row?.model ?? "")));
    // What it learned: an untracked home program is this clinic's dropout sign.
    expect(scoring.model.factors.hep_not_tracked.weight).toBeGreaterThan(0.5);
  });

  it("is idempotent per day: a re-run (also through the daily cron) stores nothing new; the next night stores one more", async () => {
    const { clinic } = await generatedClinic(120, 3);
    const first = testDeps(NOW).deps;
    expect((await trainClinicModel(first, clinic.id)).chosen).toBe("clinic");
    const once = await modelsOf(clinic.id);
    expect(once).toHaveLength(1);

    const later = testDeps(NOW + 5 * 60 * 60_000).deps;
    expect(await trainClinicModel(later, clinic.id)).toEqual({ version: modelVersionOf(NOW), stored: false });
    const rerun = (await dailyCron(NOW + 5 * 60 * 60_000)).find((m) => m.clinicId === clinic.id);
    expect(rerun).toBeDefined();
    expect((await consume(rerun as ClinicJobEnvelope)).explicitAcks).toHaveLength(1);
    expect(await modelsOf(clinic.id)).toEqual(once);

    const next = (await dailyCron(NOW + DAY)).find((m) => m.clinicId === clinic.id);
    await consume(next as ClinicJobEnvelope);
    const twice = await modelsOf(clinic.id);
    expect(twice.map((r) => r.version)).toEqual(["clinic-2026-11-30", "clinic-2026-12-01"]);
    // One model in use: the newest, chosen again on the same history; the night before's is cleared in the same batch.
    expect(twice.map((r) => r.inUse)).toEqual([false, true]);
  });

  it("the daily cron sends one training message per clinic, and the consumer trains one with no closed episodes yet", async () => {
    const { clinic } = await generatedClinic(0);
    const sent = await dailyCron(NOW + 2 * DAY);
    // Every clinic once, all as of the cron's time; this clinic among them.
    expect(new Set(sent.map((m) => m.clinicId)).size).toBe(sent.length);
    expect(new Set(sent.map((m) => m.at))).toEqual(new Set([NOW + 2 * DAY]));
    const mine = sent.filter((m) => m.clinicId === clinic.id);
    expect(mine).toEqual([{ v: 1, clinicId: clinic.id, at: NOW + 2 * DAY }]);
    // The consumer trains as of the message's time, not its own clock (a retry is later): the night's version.
    expect((await consume(mine[0] as ClinicJobEnvelope, 2)).explicitAcks).toHaveLength(1);
    const row = await db()
      .select()
      .from(riskModels)
      .where(and(eq(riskModels.clinicId, clinic.id), eq(riskModels.version, "clinic-2026-12-02")))
      .get();
    expect(row?.inUse).toBe(false);
    expect(metricsOf(row as { metrics: string })).toMatchObject({
      episodes: 0,
      fitted: false,
      chosen: "default",
      reason: "no_clinic_model",
    });
  });

  it("a malformed training message is acked and dropped, not retried", async () => {
    const batch = createMessageBatch("risk-training", [{ id: "bad", timestamp: new Date(NOW), attempts: 1, body: { v: 2 } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["bad"]);
    expect(result.retryMessages).toEqual([]);
  });
});
