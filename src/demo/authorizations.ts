import { HOUR, MINUTE } from "../platform/clock";
import { addDays } from "../platform/time";
import { payers } from "./catalog";
import type { Random } from "./random";
import { type AuthorizationRow, idMaker } from "./types";
import type { EpisodeState } from "./visits";

export interface AuthorizationInput {
  clinicId: string;
  now: number;
  today: string;
  states: EpisodeState[];
  patientIdOf: (s: EpisodeState) => string;
  /** How many open episodes to leave with two visits or fewer, and how many ending within ten days. */
  runningLow: number;
  endingSoon: number;
}

/** Attended visits that fall within an authorization's dates: the only ones that use it. */
export function attendedWithin(s: EpisodeState, a: Pick<AuthorizationRow, "startDate" | "endDate">): number {
  return s.visits.filter((v) => v.status === "attended" && v.date >= a.startDate && v.date <= a.endDate).length;
}

/**
 * Payer authorizations for the episodes planned with one (about 60%), for the visits prescribed or, for
 * a patient whose coverage runs short (traits.ts), fewer. A few open episodes are then made to need
 * attention: nearly used up, or ending soon.
 */
export function buildAuthorizations(
  rnd: Random,
  input: AuthorizationInput,
): { rows: AuthorizationRow[]; stateOf: Map<string, EpisodeState> } {
  const nextId = idMaker(`${input.clinicId}-z`);
  const rows: AuthorizationRow[] = [];
  const stateOf = new Map<string, EpisodeState>();
  for (const s of input.states) {
    const p = s.plan;
    if (p.authorizedVisits === null) continue;
    const row: AuthorizationRow = {
      id: nextId(),
      clinicId: input.clinicId,
      episodeId: p.id,
      patientId: input.patientIdOf(s),
      payer: rnd.weighted(payers),
      visitsAuthorized: p.authorizedVisits,
      startDate: p.startDate,
      endDate: addDays(p.startDate, p.durationWeeks * 7 + rnd.int(7, 28)),
      createdAt: Math.max(p.createdAt + MINUTE, Math.min(p.createdAt + rnd.int(1, 48) * HOUR, input.now - rnd.int(10, 600) * MINUTE)),
    };
    rows.push(row);
    stateOf.set(row.id, s);
  }
  const open = rnd.shuffle(rows.filter((a) => stateOf.get(a.id)?.plan.outcome === "active"));
  // Patients still coming had their authorizations renewed along the way, all but the few below.
  for (const a of open) {
    const s = stateOf.get(a.id);
    if (!s) continue;
    a.visitsAuthorized = Math.max(a.visitsAuthorized, attendedWithin(s, a) + 3);
    if (a.endDate <= addDays(input.today, 10)) a.endDate = addDays(input.today, rnd.int(20, 60));
  }
  const low = open.filter((a) => (stateOf.get(a.id)?.attended ?? 0) >= 4).slice(0, input.runningLow);
  for (const a of low) {
    const s = stateOf.get(a.id);
    if (s) a.visitsAuthorized = attendedWithin(s, a) + rnd.int(1, 2);
  }
  for (const a of open.filter((x) => !low.includes(x)).slice(0, input.endingSoon)) {
    a.endDate = addDays(input.today, rnd.int(1, 10));
    if (a.endDate < a.startDate) a.endDate = a.startDate;
  }
  return { rows, stateOf };
}
