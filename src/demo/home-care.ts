import type { BodyRegion } from "../episodes/tables";
import { intervalDays } from "../hep/dose";
import { type Exercise, exercisesForRegion, type BodyRegion as LibraryRegion } from "../hep/library";
import { type Dose, SESSION_LOG } from "../hep/model";
import { MINUTE } from "../platform/clock";
import { addDays, localParts } from "../platform/time";
import { type Engagement, rateOn } from "./engagement";
import type { Discharge } from "./episodes";
import type { EventDraft } from "./history";
import type { Random } from "./random";
import { type HepLogRow, type HepProgramItemRow, idMaker } from "./types";
import type { EpisodeState, Visit } from "./visits";

/**
 * Library regions to draw an episode's exercises from, its own first. The two vocabularies are the same
 * words, but the library is thin for some regions (two neck exercises, one for the wrist and hand), so a
 * neck gets postural thoracic work and the wrist and elbow share theirs, as a therapist would prescribe.
 */
export const LIBRARY_REGIONS: Record<BodyRegion, readonly LibraryRegion[]> = {
  neck: ["neck", "thoracic"],
  shoulder: ["shoulder"],
  elbow: ["elbow", "wrist_hand"],
  wrist_hand: ["wrist_hand", "elbow"],
  thoracic: ["thoracic"],
  low_back: ["low_back"],
  hip: ["hip"],
  knee: ["knee"],
  ankle_foot: ["ankle_foot"],
  other: ["other"],
};

/**
 * Logs cover every day of the programs in care over the last six months (two 90-day analytics periods
 * see whole programs); older programs, to keep the seed quick, only their last month before discharge,
 * which holds the adherence window of the dropout model's training cut-off (two weeks before discharge:
 * src/risk/training-data.ts).
 */
export const LOG_DAYS = { recent: 182, ended: 31 } as const;

export interface HomeCareInput {
  clinicId: string;
  now: number;
  states: readonly EpisodeState[];
  engagement: readonly Engagement[];
  discharges: readonly (Discharge | null)[];
  patientIdOf: (s: EpisodeState) => string;
  /** The patient's own time zone, else the clinic's: their log dates are their local dates. */
  zoneOf: (s: EpisodeState) => string;
  /** An instant from a local date and minute in that zone. */
  instantOf: (s: EpisodeState) => (date: string, minute: number) => number;
  /** The clinic's local date of an instant (program dates are clinic dates, as staff enter them). */
  localDate: (at: number) => string;
  therapistIds: readonly string[];
}

/**
 * Home exercise programs as therapists would have built them: 3-6 exercises for the episode's region at
 * the library's dose, from the evaluation to discharge, some progressed once mid-episode; and what patients
 * logged, each as diligent as their engagement says, in the morning and evening of their own day.
 */
export function homeExercises(rnd: Random, input: HomeCareInput) {
  const nextItem = idMaker(`${input.clinicId}-h`);
  const items: HepProgramItemRow[] = [];
  const logs: Omit<HepLogRow, "id">[] = [];
  const events: EventDraft[] = [];
  input.states.forEach((s, i) => {
    const e = input.engagement[i];
    if (!e?.hasProgram || !e.evaluation) return;
    const program = buildProgram(rnd, input, s, e.evaluation, input.discharges[i] ?? null, nextItem);
    items.push(...program.rows);
    events.push(...program.events);
    logs.push(...logsFor(rnd, input, s, e, program.rows));
  });
  const nextLog = idMaker(`${input.clinicId}-l`);
  const hepLogs: HepLogRow[] = logs.sort((a, b) => a.loggedAt - b.loggedAt).map((l) => ({ id: nextLog(), ...l }));
  return { items, logs: hepLogs, events };
}

function buildProgram(
  rnd: Random,
  input: HomeCareInput,
  s: EpisodeState,
  evaluation: Visit,
  discharge: Discharge | null,
  nextItem: () => string,
) {
  const patientId = input.patientIdOf(s);
  const episodeId = s.plan.id;
  const createdBy = input.therapistIds[s.plan.therapistIndex] ?? null;
  const endDate = discharge ? input.localDate(discharge.at) : null;
  const endedAt = discharge?.at ?? null;
  const chosen = chooseExercises(rnd, s.plan.condition.bodyRegion);
  // Built at the end of the evaluation, one row per exercise, all from that day.
  const createdAt = Math.min(evaluation.endsAt - rnd.int(2, 10) * MINUTE, input.now);
  const rows: HepProgramItemRow[] = chosen.map((exercise) => ({
    id: nextItem(),
    clinicId: input.clinicId,
    patientId,
    episodeId,
    exerciseId: exercise.id,
    ...exercise.defaults,
    startDate: evaluation.date,
    endDate,
    note: null,
    createdAt,
    createdBy,
    endedAt,
  }));
  const events = rows.map((row, k) => changeEvent("added", row, createdAt, k + 1, intervalDays(rows.slice(0, k + 1))));
  // About a third are progressed once, at a later visit: the old dose ends the day before.
  const later = s.visits.filter(
    (v) => v.status === "attended" && v.date >= addDays(evaluation.date, 10) && (endDate === null || v.date <= endDate),
  );
  const at = later[Math.floor(later.length / 2)];
  if (at && rnd.chance(0.35)) {
    const changedAt = Math.min(at.endsAt - rnd.int(2, 10) * MINUTE, input.now);
    for (const old of rnd.shuffle(rows).slice(0, rnd.int(1, 2))) {
      const dose = progressed(rnd, old);
      if (!dose) continue;
      old.endDate = addDays(at.date, -1);
      old.endedAt = changedAt;
      const row: HepProgramItemRow = { ...old, ...dose, id: nextItem(), startDate: at.date, endDate, createdAt: changedAt, endedAt };
      rows.push(row);
      const current = rows.filter((r) => r.endedAt === null || r.endedAt > changedAt);
      events.push(changeEvent("changed", row, changedAt, current.length, intervalDays(current)));
    }
  }
  return { rows, events };
}

/** The payload the HEP service publishes with hep.program_changed. */
function changeEvent(change: "added" | "changed", row: HepProgramItemRow, at: number, items: number, interval: number): EventDraft {
  return {
    type: "hep.program_changed",
    patientId: row.patientId,
    occurredAt: at,
    payload: { change, exerciseId: row.exerciseId, itemId: row.id, episodeId: row.episodeId, items, intervalDays: interval },
  };
}

/** 3-6 distinct exercises: the region's own first, then its neighbours' (see LIBRARY_REGIONS). */
export function chooseExercises(rnd: Random, region: BodyRegion): Exercise[] {
  const [own, ...neighbours] = LIBRARY_REGIONS[region];
  const first = rnd.shuffle(own ? exercisesForRegion(own) : []);
  const rest = rnd.shuffle(neighbours.flatMap((r) => exercisesForRegion(r))).filter((x) => !first.includes(x));
  const pool = [...first, ...rest.filter((x, i) => rest.indexOf(x) === i)];
  return pool.slice(0, rnd.int(3, 6));
}

/** A therapist's usual progression: more reps or sets, a longer hold, or fewer but fuller sessions. */
export function progressed(rnd: Random, d: Dose): Dose | null {
  const base: Dose = { sets: d.sets, reps: d.reps, holdSeconds: d.holdSeconds, timesPerDay: d.timesPerDay, daysPerWeek: d.daysPerWeek };
  const options: Dose[] = [];
  if (d.reps >= 10 && d.reps <= 45) options.push({ ...base, reps: d.reps + 5 });
  if (d.sets < 3) options.push({ ...base, sets: d.sets + 1 });
  if (d.holdSeconds >= 20 && d.holdSeconds <= 105) options.push({ ...base, holdSeconds: d.holdSeconds + 15 });
  if (d.timesPerDay > 1) options.push({ ...base, timesPerDay: d.timesPerDay - 1 });
  return options.length > 0 ? rnd.pick(options) : null;
}

/** When in the patient's day the t-th session of the day is done (local minutes). */
const sessionWindows: readonly (readonly [number, number])[] = [
  [6 * 60 + 30, 9 * 60 + 30],
  [18 * 60, 21 * 60 + 30],
  [12 * 60, 14 * 60 + 30],
];

/**
 * Layer t of a day (its t-th session) is due on max(daysPerWeek of items done t or more times a day) days a
 * week (see hep/model sessionsPrescribed). A patient with rate r does layer t with chance r x days/7, drawn
 * once per day so that a second session is only done on days the first was.
 */
function logsFor(
  rnd: Random,
  input: HomeCareInput,
  s: EpisodeState,
  e: Engagement,
  rows: readonly HepProgramItemRow[],
): Omit<HepLogRow, "id">[] {
  const out: Omit<HepLogRow, "id">[] = [];
  const patientId = input.patientIdOf(s);
  const instant = input.instantOf(s);
  const today = localParts(input.now, input.zoneOf(s)).date;
  const dates = (list: string[]) => list.sort();
  const start = dates(rows.map((r) => r.startDate))[0] ?? today;
  const ends = rows.map((r) => r.endDate ?? today);
  // The last day of the program, or today while it runs.
  const last = dates([...dates(ends).slice(-1), today])[0] ?? today;
  const recent = last >= addDays(today, -LOG_DAYS.recent);
  const first = recent ? start : (dates([addDays(last, -(LOG_DAYS.ended - 1)), start])[1] ?? start);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    // hep/model isActiveOn, by plain string order of YYYY-MM-DD (it runs for every day of every program).
    const active = rows.filter((r) => r.startDate <= date && (r.endDate === null || date <= r.endDate));
    const layers = Math.max(0, ...active.map((r) => r.timesPerDay));
    const u = rnd.next();
    const rate = rateOn(e, date);
    for (let t = 1; t <= layers; t++) {
      const days = Math.max(0, ...active.filter((r) => r.timesPerDay >= t).map((r) => r.daysPerWeek));
      if (u >= (rate * days) / 7) break;
      const [from, to] = sessionWindows[(t - 1) % sessionWindows.length] ?? [9 * 60, 10 * 60];
      let at = instant(date, rnd.int(from, to));
      // Nothing before the program (or today's dose) existed: the evaluation day starts in the afternoon.
      if (active.some((r) => r.createdAt > at)) continue;
      const exercises = e.logsEach ? active.filter((r) => r.timesPerDay >= t).map((r) => r.exerciseId) : [SESSION_LOG];
      for (const exerciseId of exercises) {
        if (at > input.now) break;
        out.push({ clinicId: input.clinicId, patientId, exerciseId, date, loggedAt: at });
        at += rnd.int(1, 4) * MINUTE + rnd.int(0, 59_000);
      }
    }
  }
  return out;
}
