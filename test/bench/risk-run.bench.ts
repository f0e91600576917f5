import { it } from "vitest";
import { bulkInserts } from "../../src/demo/seed";
import { fixedClock } from "../../src/platform/clock";
import { execBatch } from "../../src/platform/db";
import { makeDeps } from "../../src/platform/deps";
import type { RiskEnvelope } from "../../src/platform/env";
import { appointments, episodes, patients } from "../../src/platform/schema";
import { enqueueRiskScoring } from "../../src/risk/jobs";
import { scoreChunk } from "../../src/risk/service";
import { queuesWith } from "../helpers/deps";
import { db, makeClinic } from "../helpers/factories";
import { env } from "../helpers/http";
import { recordingQueue } from "../helpers/integrations";

/**
 * One full scoring run (cron + every chunk through the consumer's service) for a generated clinic of
 * 10,000 and of 100,000 open episodes, each with four visits (two attended, a no-show, one booked).
 * Journeys are a counting fake here, so the numbers are D1 features + scoring + writes; band changes
 * (DO calls) are counted and reported separately. Prints numbers, asserts nothing about speed.
 */
const DAY = 86_400_000;
const NOW = Date.parse("2026-12-01T15:00:00Z");

async function generateClinic(size: number) {
  const clinic = await makeClinic(`Risk bench ${size}`);
  const therapistId = clinic.staff.therapist.id;
  const pad = (n: number) => n.toString(36).padStart(8, "0");
  const stamp = `${size.toString(36)}${Date.now().toString(36)}`;
  const p: (typeof patients.$inferInsert)[] = [];
  const e: (typeof episodes.$inferInsert)[] = [];
  const a: (typeof appointments.$inferInsert)[] = [];
  for (let i = 0; i < size; i++) {
    const pid = `rbp${stamp}${pad(i)}`;
    const eid = `rbe${stamp}${pad(i)}`;
    p.push({
      id: pid,
      clinicId: clinic.id,
      givenName: "Pat",
      familyName: `Bench${i}`,
      searchName: `bench${i} pat`,
      dateOfBirth: "1980-01-01",
      sex: "female",
      createdAt: NOW - 60 * DAY,
      updatedAt: NOW - 60 * DAY,
    });
    e.push({
      id: eid,
      clinicId: clinic.id,
      patientId: pid,
      bodyRegion: "knee",
      diagnosis: "Knee pain",
      startDate: "2026-10-15",
      visitsPrescribed: 12,
      frequencyPerWeek: 2,
      durationWeeks: 6,
      createdAt: NOW - 50 * DAY,
      updatedAt: NOW - 50 * DAY,
    });
    const visit = (k: number, at: number, status: "attended" | "no_show" | "booked") =>
      a.push({
        id: `rba${stamp}${pad(i)}${k}`,
        clinicId: clinic.id,
        patientId: pid,
        therapistId,
        episodeId: eid,
        startsAt: at,
        endsAt: at + 45 * 60_000,
        durationMinutes: 45,
        type: "follow_up",
        status,
        createdAt: NOW - 50 * DAY,
        updatedAt: NOW - 50 * DAY,
      });
    const offset = (i % 17) * 3_600_000;
    visit(0, NOW - 40 * DAY + offset, "attended");
    visit(1, NOW - 30 * DAY + offset, "attended");
    visit(2, NOW - (i % 20) * DAY - DAY + offset, i % 3 === 0 ? "no_show" : "attended");
    if (i % 4 !== 0) visit(3, NOW + ((i % 9) + 1) * DAY + offset, "booked");
  }
  const statements = [...bulkInserts(patients, p), ...bulkInserts(episodes, e), ...bulkInserts(appointments, a)];
  for (let i = 0; i < statements.length; i += 20) await execBatch(db(), statements.slice(i, i + 20));
  return clinic.id;
}

it("one full scoring run: 10,000 vs 100,000 open episodes", async () => {
  const results: Record<string, number | string>[] = [];
  for (const size of [10_000, 100_000]) {
    const t0 = Date.now();
    const clinicId = await generateClinic(size);
    const seeded = Date.now() - t0;
    let journeyCalls = 0;
    const journeys = {
      idFromName: (name: string) => name,
      get: () => ({
        dispatch: async () => {
          journeyCalls++;
          return { outcome: "applied" };
        },
      }),
    } as unknown as DurableObjectNamespace<import("../../src/journey/journey-object").PatientJourney>;
    const { queue, sent } = recordingQueue<RiskEnvelope>();
    const deps = makeDeps(env, { clock: fixedClock(NOW), journeys, queues: queuesWith({ risk: queue }) });

    const c0 = Date.now();
    await enqueueRiskScoring(deps);
    const cronMs = Date.now() - c0;
    const chunks = sent.filter((m) => m.clinicId === clinicId);
    const s0 = Date.now();
    let slowestChunk = 0;
    const perChunk: number[] = [];
    for (const chunk of chunks) {
      const t = Date.now();
      await scoreChunk(deps, chunk);
      perChunk.push(Date.now() - t);
      slowestChunk = Math.max(slowestChunk, Date.now() - t);
    }
    const mean = (xs: number[]) => +(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)).toFixed(1);
    const scoringMs = Date.now() - s0;
    results.push({
      openEpisodes: size,
      seedSeconds: +(seeded / 1000).toFixed(1),
      cronMs,
      chunks: chunks.length,
      scoringSeconds: +(scoringMs / 1000).toFixed(2),
      usPerEpisode: Math.round((scoringMs * 1000) / size),
      msPerChunk: +(scoringMs / chunks.length).toFixed(1),
      slowestChunkMs: slowestChunk,
      // Whether a chunk costs more because the clinic is large, or because the database grew during the run.
      msPerChunkFirst100: mean(perChunk.slice(0, 100)),
      msPerChunkLast100: mean(perChunk.slice(-100)),
      bandChangesToJourneys: journeyCalls,
    });
  }
  const [small, large] = results;
  const ratio = Number(large?.scoringSeconds) / Number(small?.scoringSeconds);
  console.log(JSON.stringify({ results, ratio100kTo10k: +ratio.toFixed(2), linear: ratio >= 8 && ratio <= 12.5 }, null, 2));
});
