import { patientEpisodes } from "../episodes/repo";
import { commitWithEvents } from "../events/publish";
import { findPatient } from "../patients/repo";
import { type Actor, auditStatement } from "../platform/audit";
import { type BatchItem, guard, isGuardFailure } from "../platform/db";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { intervalDays, isValidDose, pickDose, sameDose } from "./dose";
import { exerciseById } from "./library";
import { ADHERENCE_WINDOW_DAYS, addDays, type Dose, type HepLog, type Program, SESSION_LOG, todaysExercises } from "./model";
import * as repo from "./repo";

/** A repeat of the same log within this long is a double tap (or a resubmitted form): nothing is written. */
export const REPEAT_TAP_MS = 60_000;

export interface LoadedHep {
  /** Rows that may matter from a day before the adherence window on (one spare day absorbs time-zone differences). */
  rows: repo.ProgramItemRow[];
  /** Rows staff have not ended: the current program, in program order. */
  current: repo.ProgramItemRow[];
  program: Program;
  logs: HepLog[];
}

/** A patient's program and recent logs: two statements whatever the history. */
export async function loadHep(deps: Deps, clinicId: string, patientId: string, today: string): Promise<LoadedHep> {
  const since = addDays(today, -ADHERENCE_WINDOW_DAYS);
  const [rows, logs] = await Promise.all([
    repo.programRows(deps.db, clinicId, patientId, since),
    repo.logRows(deps.db, clinicId, patientId, since),
  ]);
  return {
    rows,
    current: rows.filter((r) => r.endedAt === null),
    program: { items: rows },
    logs: logs.map((l) => ({ date: l.date, exerciseId: l.exerciseId, at: l.loggedAt })),
  };
}

export type ProgramError = "patient_not_found" | "unknown_exercise" | "invalid_dose" | "already_in_program" | "item_not_found";

/** The patient's open episode, newest first, that a new prescription belongs to (if any). */
async function openEpisodeId(deps: Deps, clinicId: string, patientId: string): Promise<string | null> {
  const episodes = await patientEpisodes(deps.db, clinicId, patientId);
  return episodes.find((e) => e.status === "open")?.id ?? null;
}

interface ProgramChange {
  change: "added" | "changed" | "removed";
  exerciseId: string;
  itemId: string;
  episodeId: string | null;
}

/**
 * The write, its audit row and hep.program_changed in one batch; false when a guard found the program
 * changed meanwhile. `after` is the program once changed: the event says how many exercises are left
 * and the days between sessions it asks for (the journey's nudge timer).
 */
async function commitProgramChange(
  deps: Deps,
  actor: Actor,
  patientId: string,
  statements: BatchItem[],
  change: ProgramChange,
  after: readonly Dose[],
) {
  const action = { added: "hep.program_add", changed: "hep.program_change", removed: "hep.program_remove" }[change.change];
  const payload = { ...change, items: after.length, intervalDays: intervalDays(after) };
  try {
    await commitWithEvents(
      deps,
      actor,
      [...statements, auditStatement(deps, actor, action, patientId)],
      [{ type: "hep.program_changed", patientId, payload }],
    );
    return true;
  } catch (error) {
    if (isGuardFailure(error)) return false;
    throw error;
  }
}

/** Adds a library exercise to the patient's program from `today` (the clinic's local date). */
export async function addProgramItem(
  deps: Deps,
  actor: Actor,
  patientId: string,
  input: { exerciseId: string; dose: Dose },
  today: string,
): Promise<Result<string, ProgramError>> {
  if (!exerciseById(input.exerciseId)) return err("unknown_exercise");
  if (!isValidDose(input.dose)) return err("invalid_dose");
  if (!(await findPatient(deps.db, actor.clinicId, patientId))) return err("patient_not_found");
  const [open, episodeId] = await Promise.all([
    repo.openRows(deps.db, actor.clinicId, patientId),
    openEpisodeId(deps, actor.clinicId, patientId),
  ]);
  if (open.some((r) => r.exerciseId === input.exerciseId)) return err("already_in_program");
  const now = deps.clock.now();
  const id = newId(now);
  const row = { id, clinicId: actor.clinicId, patientId, episodeId, exerciseId: input.exerciseId, ...pickDose(input.dose) };
  const written = await commitProgramChange(
    deps,
    actor,
    patientId,
    [
      repo.insertItem(deps.db, { ...row, startDate: today, endDate: null, createdAt: now, createdBy: actor.actorId }),
      guard(repo.oneOpenRowFor(actor.clinicId, patientId, input.exerciseId)),
    ],
    { change: "added", exerciseId: input.exerciseId, itemId: id, episodeId },
    [...open, input.dose],
  );
  return written ? ok(id) : err("already_in_program");
}

/** The open row `itemId` of this patient, with the program it belongs to. */
async function openItem(deps: Deps, clinicId: string, patientId: string, itemId: string) {
  const open = await repo.openRows(deps.db, clinicId, patientId);
  return { item: open.find((r) => r.id === itemId), open };
}

/**
 * A new dose from today: the old row ends yesterday and a new row starts today, so past days keep
 * counting against what was prescribed then and today counts against the new dose only (a row that
 * started today thus never counts, as if it had been typed wrong). Returns the id of the current row.
 */
export async function changeProgramItem(
  deps: Deps,
  actor: Actor,
  patientId: string,
  itemId: string,
  dose: Dose,
  today: string,
): Promise<Result<string, ProgramError>> {
  if (!isValidDose(dose)) return err("invalid_dose");
  const { item, open } = await openItem(deps, actor.clinicId, patientId, itemId);
  if (!item) return err("item_not_found");
  if (sameDose(item, dose)) return ok(item.id);
  const now = deps.clock.now();
  const id = newId(now);
  const written = await commitProgramChange(
    deps,
    actor,
    patientId,
    [
      guard(repo.itemIsOpen(actor.clinicId, item.id)),
      repo.endItem(deps.db, actor.clinicId, item.id, addDays(today, -1), now),
      repo.insertItem(deps.db, {
        id,
        clinicId: actor.clinicId,
        patientId,
        episodeId: item.episodeId,
        exerciseId: item.exerciseId,
        ...pickDose(dose),
        startDate: today,
        endDate: null,
        note: item.note,
        createdAt: now,
        createdBy: actor.actorId,
      }),
      guard(repo.oneOpenRowFor(actor.clinicId, patientId, item.exerciseId)),
    ],
    { change: "changed", exerciseId: item.exerciseId, itemId: id, episodeId: item.episodeId },
    open.map((r) => (r.id === item.id ? dose : r)),
  );
  return written ? ok(id) : err("item_not_found");
}

/**
 * Takes an exercise out of the program. It ends yesterday (gone from today's list), unless the patient
 * already did it today (alone or in a whole session): then it ends today, so today's work stays counted.
 */
export async function removeProgramItem(
  deps: Deps,
  actor: Actor,
  patientId: string,
  itemId: string,
  today: string,
): Promise<Result<true, ProgramError>> {
  const [{ item, open }, todays] = await Promise.all([
    openItem(deps, actor.clinicId, patientId, itemId),
    repo.logRows(deps.db, actor.clinicId, patientId, today),
  ]);
  if (!item) return err("item_not_found");
  const doneToday = todays.some((l) => l.date === today && (l.exerciseId === item.exerciseId || l.exerciseId === SESSION_LOG));
  const endDate = doneToday && item.startDate <= today ? today : addDays(today, -1);
  const written = await commitProgramChange(
    deps,
    actor,
    patientId,
    [guard(repo.itemIsOpen(actor.clinicId, item.id)), repo.endItem(deps.db, actor.clinicId, item.id, endDate, deps.clock.now())],
    { change: "removed", exerciseId: item.exerciseId, itemId: item.id, episodeId: item.episodeId },
    open.filter((r) => r.id !== item.id),
  );
  return written ? ok(true) : err("item_not_found");
}

export type LogOutcome = "logged" | "repeat" | "already_done";
export type LogError = "unknown_exercise" | "not_in_program" | "nothing_today";

/**
 * The patient did one exercise, or their whole session (exerciseId "session"), on `today`, their local
 * date. Only what is in today's program can be logged. Nothing is written when it is already done for
 * today or when the same log was written less than REPEAT_TAP_MS ago (checked inside the write batch).
 */
export async function logExercise(
  deps: Deps,
  actor: Actor,
  patientId: string,
  exerciseId: string,
  today: string,
): Promise<Result<LogOutcome, LogError>> {
  if (exerciseId !== SESSION_LOG && !exerciseById(exerciseId)) return err("unknown_exercise");
  const hep = await loadHep(deps, actor.clinicId, patientId, today);
  const todays = todaysExercises(hep.program, hep.logs, today);
  if (exerciseId === SESSION_LOG) {
    if (todays.length === 0) return err("nothing_today");
    if (todays.every((e) => e.done)) return ok("already_done");
  } else {
    const entry = todays.find((e) => e.item.exerciseId === exerciseId);
    if (!entry) return err("not_in_program");
    if (entry.done) return ok("already_done");
  }
  const now = deps.clock.now();
  try {
    await commitWithEvents(
      deps,
      actor,
      [
        // Before the insert, or the new row would satisfy it.
        guard(repo.noLogSince(actor.clinicId, patientId, exerciseId, now - REPEAT_TAP_MS)),
        repo.insertLog(deps.db, { id: newId(now), clinicId: actor.clinicId, patientId, exerciseId, date: today, loggedAt: now }),
        auditStatement(deps, actor, "hep.log", patientId),
      ],
      [{ type: "hep.logged", patientId, payload: { date: today, exerciseId } }],
    );
  } catch (error) {
    if (isGuardFailure(error)) return ok("repeat");
    throw error;
  }
  return ok("logged");
}
