import { type SQL, sql } from "drizzle-orm";
import type { PeriodBounds } from "./range";
import type { RollChunk } from "./rollup-days";

/**
 * Where the facts dated by an instant (visits, discharges, messages, survey answers) are counted: one
 * span [fromMs, toMs) read through an index, and the bucket each row falls in. The page's buckets are
 * its two periods; the nightly rollup's are local days. Both run the very same statements.
 */
export interface Buckets {
  fromMs: number;
  toMs: number;
  /** The bucket of an epoch-ms column, as SQL: 'current' / 'previous', or a local date. */
  of(column: SQL): SQL;
}

/** The page: the previous period ends where the current one starts, so the two make one span. */
export function periodBuckets(current: PeriodBounds, previous: PeriodBounds): Buckets {
  return {
    fromMs: previous.fromMs,
    toMs: current.toMs,
    of: (column) => sql`CASE WHEN ${column} >= ${current.fromMs} THEN 'current' ELSE 'previous' END`,
  };
}

/** The page's part of its periods after `fromMs`: what the rollup does not cover yet (empty when it covers all). */
export function bucketsFrom(buckets: Buckets, fromMs: number): Buckets {
  return { ...buckets, fromMs: Math.min(Math.max(buckets.fromMs, fromMs), buckets.toMs) };
}

/**
 * The nightly rollup: each local day of a chunk. Inside a chunk the zone keeps one offset, so an
 * instant's local date is plain arithmetic; a day with a clock change is a chunk of its own and is
 * its only bucket.
 */
export function dayBuckets(chunk: RollChunk): Buckets {
  const { offsetMs } = chunk;
  return {
    fromMs: chunk.fromMs,
    toMs: chunk.toMs,
    of: (column) => (offsetMs === null ? sql`${chunk.from}` : sql`date((${column} + ${offsetMs}) / 1000, 'unixepoch')`),
  };
}
