/**
 * Home-exercise adherence for the analytics page, by the same rules as the 14-day adherence that the
 * patient's portal, the staff page and the risk features show (src/hep/model.ts): for each episode and
 * period, the sessions its program prescribed and the sessions logged on the days it was in care. Pure.
 *
 * Summing sessions, not averaging each episode's percentage, weighs an episode by how much it was asked
 * to do. Each episode counts at most what it was prescribed, as `adherence` caps at 1: a patient who does
 * a 3-days-a-week program every day is fully adherent, not more.
 */
import { type HepLog, type ProgramItem, sessionsLogged, sessionsPrescribed } from "../hep/model";
import { localParts } from "../platform/time";
import type { HepEpisodeRow } from "./engagement-queries";
import type { GroupedCounts, PeriodName } from "./queries";
import type { DateRange } from "./range";

export interface HepWindowInput {
  periods: Record<PeriodName, DateRange>;
  /** Today in the clinic's zone: days after it have not happened yet. */
  today: string;
  timeZone: string;
}

/** Sessions prescribed and done for one episode over [from, to] (local dates, inclusive). */
export function episodeSessions(items: readonly ProgramItem[], logs: readonly HepLog[], from: string, to: string) {
  if (from > to) return { prescribed: 0, done: 0 };
  const program = { items };
  const prescribed = sessionsPrescribed(program, from, to);
  return { prescribed, done: Math.min(prescribed, sessionsLogged(logs, from, to, program)) };
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * One counts row per episode and period in which its program asked for anything. An episode is in care
 * from its start date to the day it was discharged (inclusive: the last visit's day still has its
 * exercises) or today.
 */
export function hepCounts(rows: readonly HepEpisodeRow[], input: HepWindowInput): GroupedCounts[] {
  const out: GroupedCounts[] = [];
  for (const row of rows) {
    const items = JSON.parse(row.items) as ProgramItem[];
    const logs = (JSON.parse(row.logs) as [string, number, string][]).map(([date, at, exerciseId]) => ({ date, at, exerciseId }));
    const lastDay = row.discharged_at === null ? input.today : earlier(localParts(row.discharged_at, input.timeZone).date, input.today);
    for (const period of ["current", "previous"] as const) {
      const range = input.periods[period];
      const { prescribed, done } = episodeSessions(items, logs, later(range.from, row.start_date), earlier(range.to, lastDay));
      if (prescribed === 0) continue;
      out.push({
        period,
        therapist_id: row.therapist_id,
        source_id: row.source_id,
        hepSessionsPrescribed: prescribed,
        hepSessionsDone: done,
      });
    }
  }
  return out;
}
