import { it } from "vitest";
import { rollClinic } from "../../src/analytics/rollup";
import { loadAnalytics } from "../../src/analytics/service";
import { bulkInserts } from "../../src/demo/seed";
import { fixedClock } from "../../src/platform/clock";
import { createDb, execBatch } from "../../src/platform/db";
import { makeDeps } from "../../src/platform/deps";
import {
  appointments,
  episodes,
  hepLogs,
  hepProgramItems,
  messages,
  patients,
  questionnaireResponses,
  referralSources,
  surveyAnswers,
} from "../../src/platform/schema";
import { db, makeClinic } from "../helpers/factories";
import { env } from "../helpers/http";
import { recordingD1 } from "../helpers/recording-d1";

/**
 * The analytics page for a large clinic: three years of history, every episode with its visits,
 * reminders and replies, weekly pain check-ins, home exercises and a discharge survey. Times
 * loadAnalytics (every statement the page and the CSV export run) for a 28-day, a 90-day and a
 * 365-day range, for a clinic of 5,000 and of 10,000 episodes, so what grows with the range and what
 * grows with the clinic's history can be told apart; first with every statement reading raw rows, then
 * after the nightly rollup (timed too, a first and a repeated run). Prints numbers, asserts nothing about speed.
 */
const DAY = 86_400_000;
const NOW = Date.parse("2026-12-01T15:00:00Z");
const HISTORY_DAYS = 3 * 365;

/** Deterministic pseudo-random numbers, so both runs see the same shape of clinic. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function generateClinic(size: number) {
  const clinic = await makeClinic(`Analytics bench ${size}`);
  const therapists = Object.values(clinic.staff).map((s) => s.id);
  const rnd = random(size);
  const stamp = `${size.toString(36)}${Date.now().toString(36)}`;
  const pad = (n: number) => n.toString(36).padStart(7, "0");
  const sources: (typeof referralSources.$inferInsert)[] = [];
  for (let i = 0; i < 8; i++) {
    sources.push({ id: `abs${stamp}${i}`, clinicId: clinic.id, name: `Dr. Source ${i}`, kind: "physician", createdAt: NOW - 1_200 * DAY });
  }
  const rows = {
    p: [] as (typeof patients.$inferInsert)[],
    e: [] as (typeof episodes.$inferInsert)[],
    a: [] as (typeof appointments.$inferInsert)[],
    m: [] as (typeof messages.$inferInsert)[],
    q: [] as (typeof questionnaireResponses.$inferInsert)[],
    h: [] as (typeof hepProgramItems.$inferInsert)[],
    l: [] as (typeof hepLogs.$inferInsert)[],
    s: [] as (typeof surveyAnswers.$inferInsert)[],
  };
  for (let i = 0; i < size; i++) {
    const pid = `abp${stamp}${pad(i)}`;
    const eid = `abe${stamp}${pad(i)}`;
    const therapistId = therapists[i % therapists.length] as string;
    const startMs = NOW - Math.floor(rnd() * HISTORY_DAYS) * DAY;
    const planned = 8 + Math.floor(rnd() * 8);
    const dropsAfter = rnd() < 0.25 ? 2 + Math.floor(rnd() * 4) : planned;
    rows.p.push({
      id: pid,
      clinicId: clinic.id,
      givenName: "Pat",
      familyName: `Bench${i}`,
      searchName: `bench${i} pat`,
      dateOfBirth: "1970-01-01",
      sex: "female",
      createdAt: startMs - DAY,
      updatedAt: startMs - DAY,
    });
    let lastVisit = startMs;
    let attended = 0;
    for (let k = 0; k < dropsAfter; k++) {
      const at = startMs + Math.round(k * 3.5 * DAY) + 15 * 3_600_000;
      const r = rnd();
      const status = at > NOW ? "booked" : r < 0.85 ? "attended" : r < 0.94 ? "cancelled" : "no_show";
      if (status === "attended") attended++;
      lastVisit = at;
      const id = `aba${stamp}${pad(i)}${k.toString(36)}`;
      rows.a.push({
        id,
        clinicId: clinic.id,
        patientId: pid,
        therapistId,
        episodeId: eid,
        startsAt: at,
        endsAt: at + 45 * 60_000,
        durationMinutes: 45,
        type: k === 0 ? "evaluation" : "follow_up",
        status,
        createdAt: startMs,
        updatedAt: startMs,
      });
      if (at - DAY > NOW) continue;
      const message = (n: number, direction: "outbound" | "inbound", sendAt: number) =>
        rows.m.push({
          id: `abm${stamp}${pad(i)}${k.toString(36)}${n}`,
          clinicId: clinic.id,
          patientId: pid,
          direction,
          channel: "sms",
          category: direction === "outbound" ? "reminder" : "staff",
          purpose: direction === "outbound" ? "visit_reminder" : null,
          toAddress: "+15555550100",
          body: direction === "outbound" ? "Reminder" : "C",
          status: direction === "outbound" ? "delivered" : "received",
          sendAt,
          createdAt: sendAt,
          updatedAt: sendAt,
        });
      message(0, "outbound", at - DAY);
      if (rnd() < 0.45) message(1, "inbound", at - DAY + 2 * 3_600_000);
      if (k % 2 === 1) {
        rows.q.push({
          id: `abq${stamp}${pad(i)}${k.toString(36)}`,
          clinicId: clinic.id,
          patientId: pid,
          episodeId: eid,
          instrumentId: "nprs",
          kind: "check_in",
          score: Math.max(0, 7 - k / 2),
          resource: "{}",
          source: "portal",
          authoredAt: at - 3_600_000,
        });
      }
      for (let d = 0; d < 3; d++) {
        if (rnd() < 0.6) {
          const date = isoDate(at + d * DAY);
          rows.l.push({
            id: `abl${stamp}${pad(i)}${k.toString(36)}${d}`,
            clinicId: clinic.id,
            patientId: pid,
            exerciseId: "ex-quad-sets",
            date,
            loggedAt: at + d * DAY,
          });
        }
      }
    }
    const open = lastVisit > NOW - 7 * DAY;
    const dischargedAt = open ? null : lastVisit + DAY;
    const reason = open ? null : dropsAfter < planned ? "dropped_out" : rnd() < 0.85 ? "goals_met" : "other";
    rows.e.push({
      id: eid,
      clinicId: clinic.id,
      patientId: pid,
      bodyRegion: "knee",
      diagnosis: "Knee pain",
      startDate: isoDate(startMs),
      visitsPrescribed: planned,
      frequencyPerWeek: 2,
      durationWeeks: Math.ceil(planned / 2),
      referralSourceId: rnd() < 0.8 ? (sources[i % sources.length]?.id ?? null) : null,
      status: open ? "open" : "discharged",
      dischargeReason: reason,
      dischargedAt,
      createdAt: startMs,
      updatedAt: dischargedAt ?? startMs,
    });
    rows.h.push({
      id: `abh${stamp}${pad(i)}`,
      clinicId: clinic.id,
      patientId: pid,
      episodeId: eid,
      exerciseId: "ex-quad-sets",
      sets: 3,
      reps: 10,
      holdSeconds: 0,
      timesPerDay: 1,
      daysPerWeek: 7,
      startDate: isoDate(startMs),
      endDate: dischargedAt ? isoDate(dischargedAt) : null,
      createdAt: startMs,
      endedAt: dischargedAt,
    });
    if (dischargedAt && attended > 0 && rnd() < 0.6) {
      rows.s.push({
        id: `abs${stamp}${pad(i)}`,
        clinicId: clinic.id,
        patientId: pid,
        episodeId: eid,
        score: reason === "dropped_out" ? Math.floor(rnd() * 9) : 6 + Math.floor(rnd() * 5),
        channel: "sms",
        answeredAt: dischargedAt + 2 * DAY,
      });
    }
  }
  const statements = [
    ...bulkInserts(referralSources, sources),
    ...bulkInserts(patients, rows.p),
    ...bulkInserts(episodes, rows.e),
    ...bulkInserts(appointments, rows.a),
    ...bulkInserts(messages, rows.m),
    ...bulkInserts(questionnaireResponses, rows.q),
    ...bulkInserts(hepProgramItems, rows.h),
    ...bulkInserts(hepLogs, rows.l),
    ...bulkInserts(surveyAnswers, rows.s),
  ];
  for (let i = 0; i < statements.length; i += 20) await execBatch(db(), statements.slice(i, i + 20));
  const counts = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length]));
  return { clinicId: clinic.id, counts };
}

/** Median of five runs of the page for each range, after a warm-up run. */
async function pageTimings(deps: ReturnType<typeof makeDeps>, clinicId: string, label: string) {
  const timings: Record<string, number> = {};
  for (const days of [28, 90, 365]) {
    const query = { from: isoDate(NOW - (days - 1) * DAY), to: isoDate(NOW) };
    await loadAnalytics(deps, clinicId, query); // warm
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = Date.now();
      await loadAnalytics(deps, clinicId, query);
      runs.push(Date.now() - t);
    }
    runs.sort((x, y) => x - y);
    timings[`${label}${days}dMs`] = runs[2] ?? 0;
  }
  return timings;
}

/** Each statement of the page run alone (the page runs them in parallel), slowest first: where the time goes. */
async function statementTimings(clinicId: string, query: { from: string; to: string }) {
  const { d1, statements } = recordingD1(env.DB);
  await loadAnalytics(makeDeps(env, { db: createDb(d1), clock: fixedClock(NOW) }), clinicId, query);
  const timed: { ms: number; statement: string }[] = [];
  for (const { sql, params } of statements) {
    const t = Date.now();
    await env.DB.prepare(sql)
      .bind(...params)
      .all();
    timed.push({ ms: Date.now() - t, statement: sql.replace(/\s+/g, " ").slice(0, 70) });
  }
  return timed.sort((a, b) => b.ms - a.ms).slice(0, 5);
}

it("the analytics page for a large clinic: 28, 90 and 365 days, 5,000 vs 10,000 episodes, raw and rolled up", async () => {
  const deps = makeDeps(env, { clock: fixedClock(NOW) });
  const results: Record<string, unknown>[] = [];
  for (const size of [5_000, 10_000]) {
    const t0 = Date.now();
    const { clinicId, counts } = await generateClinic(size);
    const seedSeconds = +((Date.now() - t0) / 1000).toFixed(1);
    // Before the clinic's first nightly rollup every statement reads raw rows.
    const raw = await pageTimings(deps, clinicId, "raw");
    const t1 = Date.now();
    const first = await rollClinic(deps, clinicId);
    const rollupFirstMs = Date.now() - t1;
    const t2 = Date.now();
    const again = await rollClinic(deps, clinicId);
    const rollupAgainMs = Date.now() - t2;
    const rolled = await pageTimings(deps, clinicId, "rolled");
    const slowest = await statementTimings(clinicId, { from: isoDate(NOW - 364 * DAY), to: isoDate(NOW) });
    results.push({
      episodes: size,
      visits: counts.a,
      messages: counts.m,
      checkIns: counts.q,
      hepLogs: counts.l,
      surveyAnswers: counts.s,
      seedSeconds,
      ...raw,
      rollupChunks: first?.chunks,
      rollupRowsWritten: first?.written,
      rollupFirstMs,
      rollupAgainRowsWritten: again?.written,
      rollupAgainMs,
      ...rolled,
      rolled365dSlowestStatements: slowest,
    });
  }
  console.log(JSON.stringify({ results }, null, 2));
});
