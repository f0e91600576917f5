import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { DAY, fixedClock, HOUR } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import { journeyProjections, tasks } from "../../../src/platform/schema";
import { enqueueRiskScoring, scoringTimeOf } from "../../../src/risk/jobs";
import { bandChanged, scoreChunk } from "../../../src/risk/service";
import { riskCurrent, riskScores } from "../../../src/risk/tables";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { env } from "../../helpers/http";
import { insertEpisode, lapsingPatient, recordingQueue } from "./fixture";

describe("hourly risk cron", () => {
  it("enqueues every open episode of each clinic once, in chunks of at most 100, at the top of the hour", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const open: string[] = [];
    for (let i = 0; i < 130; i++) open.push(await insertEpisode(clinic.id, patient.id));
    const closed = await insertEpisode(clinic.id, patient.id, { status: "discharged", dischargedAt: Date.now() - DAY });
    const now = Date.parse("2026-11-30T15:17:42Z");
    const { queue, sent } = recordingQueue();
    const deps = makeDeps(env, { clock: fixedClock(now), queues: queuesWith({ risk: queue }) });

    await enqueueRiskScoring(deps);

    const mine = sent.filter((m) => m.clinicId === clinic.id);
    expect(mine.map((m) => m.episodeIds.length)).toEqual([100, 30]);
    expect(mine.flatMap((m) => m.episodeIds).sort()).toEqual([...open].sort());
    expect(mine.flatMap((m) => m.episodeIds)).not.toContain(closed);
    expect(new Set(mine.map((m) => m.asOf))).toEqual(new Set([Date.parse("2026-11-30T15:00:00Z")]));
    // Chunks never mix clinics, and every message is a valid v1 envelope.
    for (const m of sent) expect(m.v).toBe(1);

    // A retried cron within the hour makes the very same chunks.
    const again = recordingQueue();
    await enqueueRiskScoring(makeDeps(env, { clock: fixedClock(now + 20 * 60_000), queues: queuesWith({ risk: again.queue }) }));
    expect(again.sent.filter((m) => m.clinicId === clinic.id)).toEqual(mine);
    expect(scoringTimeOf(now)).toBe(Date.parse("2026-11-30T15:00:00Z"));
  });
});

const ASOF = Date.parse("2026-11-30T15:00:00Z");
describe("risk-scoring consumer", () => {
  it("a band going to high moves the patient to at risk through the journey, once; a re-run of the same chunk changes nothing", async () => {
    const p = await lapsingPatient();
    const deps = makeDeps(env, { clock: fixedClock(ASOF) });
    const chunk = { v: 1 as const, clinicId: p.clinic.id, episodeIds: [p.episodeId], asOf: ASOF };

    const batch = createMessageBatch("risk-scoring", [{ id: "m1", timestamp: new Date(ASOF), attempts: 1, body: chunk }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["m1"]);

    const current = await db().select().from(riskCurrent).where(eq(riskCurrent.episodeId, p.episodeId)).get();
    expect(current).toMatchObject({
      clinicId: p.clinic.id,
      patientId: p.patient.id,
      band: "high",
      modelVersion: "default-1",
      computedAt: ASOF,
    });
    expect(JSON.parse(current?.reasons ?? "[]").map((r: { text: string }) => r.text)).toContain("missed 2 of the last 3 visits");
    const snapshot = await p.stub.snapshot();
    expect(snapshot.state).toMatchObject({ stage: "at_risk", riskBand: "high", atRiskCause: "risk" });
    const projection = await db().select().from(journeyProjections).where(eq(journeyProjections.patientId, p.patient.id)).get();
    expect(projection).toMatchObject({ stage: "at_risk", riskBand: "high" });
    const outreach = () =>
      db()
        .select()
        .from(tasks)
        .where(and(eq(tasks.clinicId, p.clinic.id), eq(tasks.type, "at_risk_outreach")))
        .all();
    expect(await outreach()).toHaveLength(1);

    // The same chunk again (a retry, or a re-run cron): no second history row, no second journey event.
    await scoreChunk(deps, chunk);
    expect(await db().select().from(riskScores).where(eq(riskScores.episodeId, p.episodeId)).all()).toHaveLength(1);
    const rerun = await p.stub.snapshot();
    expect(rerun.state).toEqual(snapshot.state);
    expect(rerun.recent.filter((e) => e.type === "risk.changed")).toHaveLength(1);
    expect(await outreach()).toHaveLength(1);

    // An hour later, still high: scored again, but the journey hears nothing new.
    await scoreChunk(makeDeps(env, { clock: fixedClock(ASOF + HOUR) }), { ...chunk, asOf: ASOF + HOUR });
    expect(await db().select().from(riskScores).where(eq(riskScores.episodeId, p.episodeId)).all()).toHaveLength(2);
    expect((await p.stub.snapshot()).recent.filter((e) => e.type === "risk.changed")).toHaveLength(1);
  });

  it("a first low score tells the journey nothing; a first medium or high one is a change", () => {
    expect(bandChanged(undefined, "low")).toBe(false);
    expect(bandChanged(undefined, "medium")).toBe(true);
    expect(bandChanged("high", "high")).toBe(false);
    expect(bandChanged("high", "medium")).toBe(true);
  });

  it("acks a malformed envelope instead of retrying it forever, and scores a chunk for another clinic's ids as nothing", async () => {
    const p = await lapsingPatient();
    const other = await makeClinic();
    const batch = createMessageBatch("risk-scoring", [
      { id: "bad", timestamp: new Date(), attempts: 1, body: { v: 1, clinicId: p.clinic.id, episodeIds: [] } },
      { id: "foreign", timestamp: new Date(), attempts: 1, body: { v: 1, clinicId: other.id, episodeIds: [p.episodeId], asOf: ASOF } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks.sort()).toEqual(["bad", "foreign"]);
    expect(await db().select().from(riskScores).where(eq(riskScores.episodeId, p.episodeId)).all()).toHaveLength(0);
    expect((await p.stub.snapshot()).state?.stage).toBe("active");
  });
});
