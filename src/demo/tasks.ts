import { authorizationState, PROGRESS_NOTE_EVERY } from "../episodes/model";
import { DAY, HOUR, MINUTE } from "../platform/clock";
import { addDays } from "../platform/time";
import { type RuleTask, taskForExpiringAuthorization, tasksAfterAttendedVisit } from "../worklist/rules";
import type { TaskType } from "../worklist/tables";
import { attendedWithin } from "./authorizations";
import type { Random } from "./random";
import { type AuthorizationRow, idMaker, type TaskRow } from "./types";
import { type EpisodeState, isBookedAhead, type Visit } from "./visits";

export interface TaskInput {
  clinicId: string;
  now: number;
  today: string;
  instant: (date: string, minute: number) => number;
  states: EpisodeState[];
  authorizations: { rows: AuthorizationRow[]; stateOf: Map<string, EpisodeState> };
  patientIdOf: (s: EpisodeState) => string;
  therapistIds: string[];
  frontDeskId: string | null;
  referringPhysicianOf: (s: EpisodeState) => string | null;
}

type Draft = Omit<TaskRow, "id" | "clinicId">;

/**
 * The worklist as the rules and the front desk would have left it: calls for patients who
 * stopped coming, authorizations running out, progress notes due at every 10th visit, a few
 * hand-made tasks, and some done ones with what came of them. Rule tasks use the rules' own
 * keys, so a rule firing again after the seed makes no duplicate.
 */
export function buildTasks(rnd: Random, input: TaskInput): TaskRow[] {
  const { now, today } = input;
  const drafts: Draft[] = [];
  const open = (t: RuleTask | (Omit<RuleTask, "ruleKey"> & { ruleKey: null }), assigneeId: string | null, createdBy: string | null) => {
    const createdAt = Math.min(now - rnd.int(10, 300) * MINUTE, input.instant(t.dueDate, rnd.int(7 * 60, 17 * 60)));
    drafts.push({ ...t, assigneeId, status: "open", outcomeNote: null, createdBy, createdAt, completedAt: null });
  };
  const done = (t: Omit<Draft, "status" | "completedAt">, outcomeNote: string) => {
    const completedAt = Math.min(now - rnd.int(10, 600) * MINUTE, t.createdAt + rnd.int(2, 50) * HOUR);
    drafts.push({ ...t, status: "done", outcomeNote, completedAt });
  };
  const attendedVisits = (s: EpisodeState) => s.visits.filter((v) => v.status === "attended");
  const isOpen = (s: EpisodeState) => isBookedAhead(s) || s.plan.outcome === "lapsing";

  // Patients who stopped coming: no visit booked, the front desk calls.
  for (const s of input.states.filter((x) => x.plan.outcome === "lapsing")) {
    const last = s.visits.at(-1)?.date ?? s.plan.startDate;
    // Due two weeks after the last visit; the oldest ones have been pushed along to this week.
    const lapsed = addDays(last, 14);
    const recent = addDays(today, -rnd.int(0, 6));
    const dueDate = notAfter([lapsed, recent].sort()[1] ?? recent, today);
    const title = `Call to schedule: no visit since ${last}`;
    open(
      { type: "call_to_schedule", title, patientId: input.patientIdOf(s), dueDate, ruleKey: null },
      rnd.chance(0.75) ? input.frontDeskId : null,
      input.frontDeskId,
    );
  }

  // Authorizations of open episodes that run out of visits or dates.
  for (const a of input.authorizations.rows) {
    const s = input.authorizations.stateOf.get(a.id);
    if (!s || !isOpen(s)) continue;
    const state = authorizationState(a, attendedWithin(s, a), today);
    if (state.expiringSoon) {
      const dueDate = notAfter(addDays(a.endDate, -10), today);
      open(taskForExpiringAuthorization(a, dueDate), rnd.chance(0.5) ? input.frontDeskId : null, "rule");
    }
    const lastAttended = attendedVisits(s).at(-1);
    if (state.visitsLow && !state.expired && lastAttended) {
      const [task] = tasksAfterAttendedVisit({
        patientId: a.patientId,
        episodeId: s.plan.id,
        attendedInEpisode: 1,
        authorizations: [{ id: a.id, payer: a.payer, state }],
        // Overdue, but not for weeks: someone would have looked.
        today: [lastAttended.date, addDays(today, -rnd.int(1, 7))].sort()[1] ?? today,
      });
      if (task) open(task, null, "rule");
    }
  }

  // A progress note at every 10th attended visit: recent ones open for the therapist, older ones written.
  const notes: { s: EpisodeState; visit: Visit; n: number; task: RuleTask }[] = [];
  for (const s of input.states) {
    attendedVisits(s).forEach((visit, i) => {
      const n = i + 1;
      if (n % PROGRESS_NOTE_EVERY !== 0 || visit.startsAt < now - 45 * DAY) return;
      const [task] = tasksAfterAttendedVisit({
        patientId: input.patientIdOf(s),
        episodeId: s.plan.id,
        attendedInEpisode: n,
        authorizations: [],
        today: visit.date,
      });
      if (task) notes.push({ s, visit, n, task });
    });
  }
  // Open: the newest note of an open episode whose due visit was in the last five days.
  const latest = (x: (typeof notes)[number]) => x.s.attended < x.n + PROGRESS_NOTE_EVERY;
  const openNotes = notes.filter((x) => isOpen(x.s) && latest(x) && x.visit.startsAt > now - 5 * DAY);
  if (openNotes.length === 0) {
    const newest = notes.filter((x) => isOpen(x.s) && latest(x)).sort((a, b) => b.visit.startsAt - a.visit.startsAt)[0];
    if (newest) openNotes.push(newest);
  }
  for (const note of notes) {
    const therapist = input.therapistIds[note.s.plan.therapistIndex] ?? null;
    if (openNotes.includes(note)) {
      open(note.task, therapist, "rule");
      continue;
    }
    const to = input.referringPhysicianOf(note.s);
    done(
      { ...note.task, assigneeId: therapist, createdBy: "rule", outcomeNote: null, createdAt: note.visit.endsAt + rnd.int(1, 20) * MINUTE },
      to ? `Progress note signed and faxed to ${to}.` : "Progress note signed; copy given to the patient.",
    );
  }

  handMade(rnd, input, open, done);

  const nextId = idMaker(`${input.clinicId}-t`);
  return drafts.sort((a, b) => a.createdAt - b.createdAt).map((d) => ({ id: nextId(), clinicId: input.clinicId, ...d }));
}

/** What staff wrote themselves: letters and insurance checks for new patients, check-ins after misses, and a few closed calls. */
function handMade(
  rnd: Random,
  input: TaskInput,
  open: (t: Omit<RuleTask, "ruleKey"> & { ruleKey: null }, assigneeId: string | null, createdBy: string | null) => void,
  done: (t: Omit<Draft, "status" | "completedAt">, outcomeNote: string) => void,
) {
  const { today, now } = input;
  const desk = input.frontDeskId;
  const task = (type: TaskType, title: string, s: EpisodeState, dueDate: string) => ({
    type,
    title,
    patientId: input.patientIdOf(s),
    dueDate,
    ruleKey: null,
  });
  const fresh = input.states.filter((s) => s.plan.outcome === "fresh");
  for (const s of fresh.slice(0, 2)) {
    const evaluation = s.visits.find((v) => v.startsAt >= now);
    const due = evaluation ? notAfter(addDays(evaluation.date, -1), today) : today;
    open(task("other", "Verify insurance benefits before the evaluation", s, due), desk, desk);
  }
  const started = input.states.filter((s) => s.plan.outcome === "active" && s.attended > 0 && s.plan.startDate >= addDays(today, -10));
  for (const s of started.slice(0, 2)) {
    const doctor = input.referringPhysicianOf(s);
    if (doctor) open(task("other", `Send plan of care to ${doctor} for signature`, s, addDays(today, rnd.int(0, 1))), desk, desk);
  }
  const missing = input.states.filter(
    (s) =>
      isBookedAhead(s) &&
      s.visits.filter((v) => (v.status === "no_show" || v.status === "cancelled") && v.startsAt > now - 21 * DAY).length >= 2,
  );
  for (const s of missing.slice(0, 2))
    open(task("at_risk_outreach", "Two missed visits in three weeks: call to check in", s, today), null, desk);

  const closed = (s: EpisodeState, type: TaskType, title: string, daysAgo: number, note: string) =>
    done(
      {
        ...task(type, title, s, addDays(today, -daysAgo)),
        assigneeId: desk,
        createdBy: desk,
        outcomeNote: null,
        createdAt: now - (daysAgo + 1) * DAY,
      },
      note,
    );
  const droppedRecently = input.states.filter((s) => s.plan.outcome === "dropped_out" && (s.visits.at(-1)?.startsAt ?? 0) > now - 60 * DAY);
  for (const s of droppedRecently.slice(0, 3)) {
    closed(
      s,
      "call_to_schedule",
      "Call to schedule: stopped coming",
      rnd.int(3, 20),
      "Left two voicemails and sent a text; no reply. Discharged as dropped out.",
    );
  }
  const rebooked = input.states.filter(
    (s) => s.plan.outcome === "active" && s.visits.some((v) => v.status === "no_show" && v.startsAt > now - 14 * DAY),
  );
  for (const s of rebooked.slice(0, 3)) {
    closed(
      s,
      "call_to_schedule",
      "No-show: call to rebook",
      rnd.int(1, 6),
      "Reached the patient: car trouble. Rebooked for later this week.",
    );
  }
  const renewed = input.states.filter((s) => s.plan.outcome === "active" && s.attended >= 6);
  for (const s of renewed.slice(0, 2)) {
    closed(
      s,
      "message_follow_up",
      "Patient asked about parking validation",
      rnd.int(2, 9),
      "Answered by text: validation at the front desk. No further action.",
    );
  }
}

/** The earlier of two local dates. */
function notAfter(date: string, limit: string): string {
  return date > limit ? limit : date;
}
