import { allClinicIds, findClinic } from "../clinics/repo";
import { sendClinicJobs } from "../platform/clinic-jobs";
import { execBatch } from "../platform/db";
import type { Deps } from "../platform/env";
import { localParts, offsetAt } from "../platform/time";
import { dayBuckets } from "./buckets";
import { messageCounts, surveyCounts } from "./engagement-queries";
import { dischargeCounts, type FactScope, visitCounts } from "./queries";
import { lastClosedDay, rollChunks } from "./rollup-days";
import {
  clearOutsideStatement,
  deleteRowsStatement,
  firstFactMs,
  markRolledStatement,
  storedRows,
  upsertRowsStatement,
} from "./rollup-queries";
import { inSlices, rollupChanges, rollupRows } from "./rollup-rows";

/**
 * Nightly: a clinic's per-day counts of the facts dated by an instant, for every closed day of its
 * history, counted by the page's own statements bucketed by day. Every night recounts all the days and
 * writes only the rows that changed, so a late EHR update (an old visit marked no-show, a discharge
 * moved, a visit given to another therapist) is in the rollup by the next morning without tracking
 * what it touched. Cost: five reads per chunk (up to 184 days of one UTC offset) and at most one
 * write batch; three years of history are about 15 chunks.
 */

export interface ClinicRollup {
  /** The last day now rolled. */
  through: string;
  chunks: number;
  /** Rows inserted or changed, and rows deleted. */
  written: number;
  deleted: number;
}

export async function rollClinic(deps: Deps, clinicId: string, now = deps.clock.now()): Promise<ClinicRollup | null> {
  const clinic = await findClinic(deps.db, clinicId);
  if (!clinic) return null;
  const through = lastClosedDay(localParts(now, clinic.timeZone).date);
  const firstMs = await firstFactMs(deps.db, clinicId);
  const first = firstMs === null ? null : localParts(firstMs, clinic.timeZone).date;
  const chunks = first !== null && first <= through ? rollChunks(first, through, clinic.timeZone) : [];

  let written = 0;
  let deleted = 0;
  for (const chunk of chunks) {
    const scope: FactScope = {
      clinicId,
      offsetMs: chunk.offsetMs ?? offsetAt(chunk.fromMs, clinic.timeZone),
      buckets: dayBuckets(chunk),
    };
    const [visits, discharges, messages, surveys, stored] = await Promise.all([
      visitCounts(deps.db, scope),
      dischargeCounts(deps.db, scope),
      messageCounts(deps.db, scope),
      surveyCounts(deps.db, scope),
      storedRows(deps.db, clinicId, chunk.from, chunk.to),
    ]);
    const { upserts, deletes } = rollupChanges(stored, rollupRows([...visits, ...discharges, ...messages, ...surveys]));
    // One batch per chunk: a chunk's days are replaced all at once or not at all. Rows go in slices so
    // each statement's JSON stays far below D1's 2 MB value limit, however many groups a day has.
    await execBatch(deps.db, [
      ...inSlices(deletes, ROWS_PER_STATEMENT).map((rows) => deleteRowsStatement(clinicId, chunk.from, chunk.to, rows)),
      ...inSlices(upserts, ROWS_PER_STATEMENT).map((rows) => upsertRowsStatement(clinicId, rows)),
    ]);
    written += upserts.length;
    deleted += deletes.length;
  }

  // Days before the first fact (its rows were deleted since) hold nothing any more.
  const [cleared] = await execBatch(deps.db, [
    clearOutsideStatement(clinicId, first ?? through, through),
    markRolledStatement(clinicId, through, now),
  ]);
  deleted += cleared?.meta.changes ?? 0;
  deps.logger.info("analytics.rolled", { job: "analytics-rollup", clinicId, count: written + deleted });
  return { through, chunks: chunks.length, written, deleted };
}

/** Rows per write statement: about 120 kB of JSON. */
const ROWS_PER_STATEMENT = 2_000;

/** Daily cron step: one analytics-rollup message per clinic; the consumer rolls one clinic per invocation. */
export async function enqueueAnalyticsRollups(deps: Deps): Promise<{ clinics: number }> {
  const ids = await allClinicIds(deps.db);
  await sendClinicJobs(deps.queues.rollup, ids, deps.clock.now());
  deps.logger.info("analytics.rollup_enqueued", { job: "analytics-rollup", count: ids.length });
  return { clinics: ids.length };
}
