import { z } from "zod";
import { findClinic } from "../clinics/repo";
import type { Deps } from "../platform/env";
import { AppError } from "../platform/errors";
import { addDays, daysBetween, localParts, offsetAt, zonedToUtc } from "../platform/time";
import { bucketsFrom, periodBuckets } from "./buckets";
import { startMonths, weeklyVisits } from "./chart-queries";
import { hepEpisodes, messageCounts, surveyCounts } from "./engagement-queries";
import { hepCounts } from "./hep-adherence";
import { addCounts, emptyCounts, type KpiCounts } from "./kpis";
import * as q from "./queries";
import { boundsOf, type PeriodBounds, previousRange, resolveRange } from "./range";
import { type RetentionMonth, retentionByMonth, retentionSpan } from "./retention";
import { rolledCounts, rolledThrough, rolledWeeks } from "./rollup-queries";

export interface GroupReport {
  /** A staff or referral source id; null for visits with no therapist or episodes with no source. */
  id: string | null;
  name: string;
  current: KpiCounts;
  previous: KpiCounts;
}

export interface AnalyticsReport {
  current: PeriodBounds;
  previous: PeriodBounds;
  /** The clinic's charge per visit, or null when the clinic has not set one. */
  visitRate: number | null;
  overall: { current: KpiCounts; previous: KpiCounts };
  therapists: GroupReport[];
  sources: GroupReport[];
  /** Visits per week of the range, each week starting on `weekStart` (a local date). */
  trend: { weekStart: string; attended: number; cancelled: number; noShow: number }[];
  /** Episodes started in the range -> evaluated (an attended visit) -> completed the plan of care. */
  funnel: { referrals: number; evaluated: number; completed: number };
  /** The 12 calendar months up to the range's last day: episodes started in each, and where they stand now. */
  retention: RetentionMonth[];
  /** The last day the clinic's nightly rollup covers, or null before its first night. */
  rolledThrough: string | null;
}

/**
 * The charge per visit, read from the clinic's settings JSON when it holds a positive `visitRate`.
 * The settings form does not offer it yet; until it does, revenue shows as "rate not set".
 */
const visitRateSchema = z.object({ visitRate: z.number().positive().optional().catch(undefined) }).catch({});
function visitRateOf(settingsJson: string): number | null {
  try {
    return visitRateSchema.parse(JSON.parse(settingsJson)).visitRate ?? null;
  } catch {
    return null;
  }
}

/**
 * Everything the analytics page and its CSV export show for the asked range (default: the last 28 days in
 * the clinic's zone), against the period of the same length before it. Fourteen statements whatever the
 * size of the clinic: the clinic and how far its nightly rollup reaches, then twelve in parallel. Visits,
 * discharges, messages and survey answers come from the rollup for the days it covers and from raw rows
 * only after it (rollup.ts); starts, check-ins and home exercise depend on the range or on today, so they
 * are read raw, each bounded by the episodes in care during the range; then the charts' series and the
 * group names.
 */
export async function loadAnalytics(deps: Deps, clinicId: string, query: { from?: string; to?: string }): Promise<AnalyticsReport> {
  const [clinic, rolled] = await Promise.all([findClinic(deps.db, clinicId), rolledThrough(deps.db, clinicId)]);
  if (!clinic) throw new AppError("not_found", "Clinic not found.");
  const now = deps.clock.now();
  const range = resolveRange(query, now, clinic.timeZone);
  const current = boundsOf(range, clinic.timeZone);
  const previous = boundsOf(previousRange(range), clinic.timeZone);
  const scope: q.Scope = { clinicId, current, previous, offsetMs: offsetAt(current.toMs, clinic.timeZone), timeZone: clinic.timeZone, now };
  // The rollup's days (none before its first night) and the raw rows' from the next local midnight on.
  // Local dates compare as strings; "" before every date means nothing rolled.
  // biome-ignore lint/complexity/useMathMinMax: the operands are date strings, which Math.min would turn into NaN.
  const through = rolled === null || rolled < previous.from ? "" : rolled > current.to ? current.to : rolled;
  const rawFromMs = through ? zonedToUtc(addDays(through, 1), "00:00", clinic.timeZone) : previous.fromMs;
  const facts = { clinicId, offsetMs: scope.offsetMs, buckets: bucketsFrom(periodBuckets(current, previous), rawFromMs) };
  const [visits, discharges, starts, checkIns, messages, surveys, hep, weeks, months, names, rolledRows, rolledWeekRows] =
    await Promise.all([
      q.visitCounts(deps.db, facts),
      q.dischargeCounts(deps.db, facts),
      q.startCounts(deps.db, scope),
      q.checkInCounts(deps.db, scope),
      messageCounts(deps.db, facts),
      surveyCounts(deps.db, facts),
      hepEpisodes(deps.db, scope),
      weeklyVisits(deps.db, scope, rawFromMs),
      startMonths(deps.db, clinicId, retentionSpan(range.to)),
      q.groupNames(deps.db, clinicId),
      rolledCounts(deps.db, clinicId, current, previous, through),
      rolledWeeks(deps.db, clinicId, current, through),
    ]);
  const exercise = hepCounts(hep, {
    periods: { current, previous },
    today: localParts(now, clinic.timeZone).date,
    timeZone: clinic.timeZone,
  });
  const rows = [...rolledRows, ...visits, ...discharges, ...starts, ...checkIns, ...messages, ...surveys, ...exercise];

  const overall = { current: emptyCounts(), previous: emptyCounts() };
  for (const row of rows) addCounts(overall[row.period as q.PeriodName], row);

  const nameOf = new Map(names.map((n) => [`${n.kind}:${n.id}`, n.name]));
  // Messages sent outside any episode have no therapist or source: they stay in the overall table only.
  const grouped = rows.filter((r) => !Number(r.unattributed ?? 0));
  const therapists = groupBy(
    grouped,
    (r) => r.therapist_id,
    (id) => (id ? (nameOf.get(`therapist:${id}`) ?? "Former staff") : "No visit yet"),
  );
  const sources = groupBy(
    grouped,
    (r) => r.source_id,
    (id) => (id ? (nameOf.get(`source:${id}`) ?? "Removed source") : "No referral source"),
  );

  // Counted in calendar days: a DST change makes the range an hour longer or shorter than whole days.
  const weekCount = Math.ceil((daysBetween(range.from, range.to) + 1) / 7);
  const trend = Array.from({ length: weekCount }, (_, week) => ({
    weekStart: addDays(range.from, week * 7),
    attended: 0,
    cancelled: 0,
    noShow: 0,
  }));
  // A week can have rolled days and raw days: both parts add up.
  for (const w of [...rolledWeekRows, ...weeks]) {
    const week = trend[Number(w.week)];
    if (!week) continue;
    week.attended += Number(w.attended ?? 0);
    week.cancelled += Number(w.cancelled ?? 0);
    week.noShow += Number(w.noShow ?? 0);
  }

  return {
    current,
    previous,
    visitRate: visitRateOf(clinic.settings),
    overall,
    therapists,
    sources,
    trend,
    funnel: { referrals: overall.current.started, evaluated: overall.current.seen, completed: overall.current.startedCompleted },
    retention: retentionByMonth(range.to, months),
    rolledThrough: rolled,
  };
}

function groupBy(rows: q.GroupedCounts[], key: (r: q.GroupedCounts) => string | null, name: (id: string | null) => string): GroupReport[] {
  const groups = new Map<string | null, GroupReport>();
  for (const row of rows) {
    const id = key(row);
    let group = groups.get(id);
    if (!group) {
      group = { id, name: name(id), current: emptyCounts(), previous: emptyCounts() };
      groups.set(id, group);
    }
    addCounts(group[row.period as q.PeriodName], row);
  }
  // Named groups by name; the "none" group last.
  return [...groups.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
}
