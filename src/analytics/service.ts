import { z } from "zod";
import { findClinic } from "../clinics/repo";
import type { Deps } from "../platform/env";
import { AppError } from "../platform/errors";
import { addDays, daysBetween, localParts, offsetAt } from "../platform/time";
import { startMonths, weeklyVisits } from "./chart-queries";
import { hepEpisodes, messageCounts, surveyCounts } from "./engagement-queries";
import { hepCounts } from "./hep-adherence";
import { addCounts, emptyCounts, type KpiCounts } from "./kpis";
import * as q from "./queries";
import { boundsOf, type PeriodBounds, previousRange, resolveRange } from "./range";
import { type RetentionMonth, retentionByMonth, retentionSpan } from "./retention";

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
 * the clinic's zone), against the period of the same length before it. Eleven statements whatever the
 * size of the clinic: the clinic, then ten in parallel (visits, discharges, starts, check-ins, messages,
 * survey answers, home exercise, the two charts' series, the group names).
 */
export async function loadAnalytics(deps: Deps, clinicId: string, query: { from?: string; to?: string }): Promise<AnalyticsReport> {
  const clinic = await findClinic(deps.db, clinicId);
  if (!clinic) throw new AppError("not_found", "Clinic not found.");
  const now = deps.clock.now();
  const range = resolveRange(query, now, clinic.timeZone);
  const current = boundsOf(range, clinic.timeZone);
  const previous = boundsOf(previousRange(range), clinic.timeZone);
  const scope: q.Scope = { clinicId, current, previous, offsetMs: offsetAt(current.toMs, clinic.timeZone), timeZone: clinic.timeZone, now };
  const [visits, discharges, starts, checkIns, messages, surveys, hep, weeks, months, names] = await Promise.all([
    q.visitCounts(deps.db, scope),
    q.dischargeCounts(deps.db, scope),
    q.startCounts(deps.db, scope),
    q.checkInCounts(deps.db, scope),
    messageCounts(deps.db, scope),
    surveyCounts(deps.db, scope),
    hepEpisodes(deps.db, scope),
    weeklyVisits(deps.db, scope),
    startMonths(deps.db, clinicId, retentionSpan(range.to)),
    q.groupNames(deps.db, clinicId),
  ]);
  const exercise = hepCounts(hep, {
    periods: { current, previous },
    today: localParts(now, clinic.timeZone).date,
    timeZone: clinic.timeZone,
  });
  const rows = [...visits, ...discharges, ...starts, ...checkIns, ...messages, ...surveys, ...exercise];

  const overall = { current: emptyCounts(), previous: emptyCounts() };
  for (const row of rows) addCounts(overall[row.period], row);

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

  const trend = [];
  // Counted in calendar days: a DST change makes the range an hour longer or shorter than whole days.
  const weekCount = Math.ceil((daysBetween(range.from, range.to) + 1) / 7);
  const byWeek = new Map(weeks.map((w) => [Number(w.week), w]));
  for (let week = 0; week < weekCount; week++) {
    const w = byWeek.get(week);
    trend.push({
      weekStart: addDays(range.from, week * 7),
      attended: Number(w?.attended ?? 0),
      cancelled: Number(w?.cancelled ?? 0),
      noShow: Number(w?.noShow ?? 0),
    });
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
    addCounts(group[row.period], row);
  }
  // Named groups by name; the "none" group last.
  return [...groups.values()].sort((a, b) => (a.id === null ? 1 : b.id === null ? -1 : a.name.localeCompare(b.name)));
}
