import { DAY, HOUR } from "../platform/clock";
import { addDays, daysBetween, localParts, zonedToUtc } from "../platform/time";
import type { JourneyEvent } from "./events";
import type { Decision, Effect, JourneyState, MachineContext, Stage } from "./machine";

/**
 * Pure: the care timers of an open episode — a HEP nudge once per gap in logging, a weekly check-in
 * request, and questionnaires at intake, every few weeks and at discharge. Every due time is derived
 * from the state alone, so re-arming after any change is idempotent: the same state gives the same timers.
 */

export interface CareState {
  /** The open episode the care timers follow: set by episode.started, cleared at discharge. */
  episodeId: string | null;
  startedAt: number | null;
  /** Clinic-local day the episode started: anchors the check-in week and the questionnaire periods. */
  startedDate: string | null;
  hep: {
    active: boolean;
    /** Prescribed days between sessions. */
    intervalDays: number;
    changedDate: string | null;
    lastLogDate: string | null;
    /** The gap (its anchor day) already nudged about: one nudge per gap. */
    nudgedFor: string | null;
  };
  checkIn: { lastDate: string | null; requestedDate: string | null };
  questionnaire: {
    /** The intake request was sent or made unnecessary. */
    intakeSettled: boolean;
    /** Periods (of questionnaireEveryDays) already requested or skipped. */
    period: number;
    lastCompletedAt: number | null;
  };
  /** An outcome questionnaire still owed for a discharged episode. */
  discharge: { episodeId: string; at: number } | null;
}

export const initialCare: CareState = {
  episodeId: null,
  startedAt: null,
  startedDate: null,
  hep: { active: false, intervalDays: 1, changedDate: null, lastLogDate: null, nudgedFor: null },
  checkIn: { lastDate: null, requestedDate: null },
  questionnaire: { intakeSettled: false, period: 0, lastCompletedAt: null },
  discharge: null,
};

/** Care messages wait this long after any automated message, so the daily cap never swallows one. */
export const CARE_SPACING_MS = DAY + HOUR;

export const careTimerKeys = ["hep-nudge", "check-in", "questionnaire"] as const;
export type CareTimer = (typeof careTimerKeys)[number];
export const DISCHARGE_QUESTIONNAIRE = "questionnaire-discharge";
const careStages: readonly Stage[] = ["scheduled", "active", "at_risk"];

/* ---------- helpers ---------- */

const localDate = (at: number, ctx: MachineContext) => localParts(at, ctx.timeZone).date;
const latest = (...dates: (string | null)[]) =>
  dates.reduce<string | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);
const notBefore = (s: JourneyState) => (s.lastAutomatedAt === null ? 0 : s.lastAutomatedAt + CARE_SPACING_MS);

function applied(state: JourneyState, effects: Effect[]): Decision {
  return { outcome: "applied", state, effects };
}

const send = (purpose: "hep_nudge" | "pain_check_in" | "questionnaire_request", dedupeKey: string): Effect => ({
  kind: "send_message",
  purpose,
  dedupeKey,
  category: "automated",
});

const hepAnchor = (c: CareState) => latest(c.hep.lastLogDate, c.hep.changedDate, c.startedDate);
const checkInAnchor = (c: CareState) => latest(c.startedDate, c.checkIn.lastDate, c.checkIn.requestedDate);
const recentlyCompleted = (c: CareState, ctx: MachineContext) =>
  c.questionnaire.lastCompletedAt !== null && c.questionnaire.lastCompletedAt > ctx.now - ctx.care.questionnaireRecentDays * DAY;

/** When each care timer is due for this state, or null when it should not run at all. */
export function careDue(s: JourneyState, ctx: MachineContext): Record<CareTimer, number | null> {
  const c = s.care;
  const p = ctx.care;
  if (c.episodeId === null || c.startedAt === null || c.startedDate === null || !careStages.includes(s.stage)) {
    return { "hep-nudge": null, "check-in": null, questionnaire: null };
  }
  const spaced = notBefore(s);
  const on = (date: string) => Math.max(zonedToUtc(date, p.messageTime, ctx.timeZone), spaced);
  const hep = hepAnchor(c);
  const checkIn = checkInAnchor(c) ?? c.startedDate;
  return {
    // Nothing logged for the interval plus the grace days: the nudge goes out the next morning.
    "hep-nudge":
      p.hepNudges && c.hep.active && hep !== null && hep !== c.hep.nudgedFor
        ? on(addDays(hep, c.hep.intervalDays + p.hepGraceDays + 1))
        : null,
    "check-in": p.painCheckIns ? on(addDays(checkIn, p.checkInEveryDays)) : null,
    questionnaire: !p.questionnaires
      ? null
      : c.questionnaire.intakeSettled
        ? on(addDays(c.startedDate, p.questionnaireEveryDays * (c.questionnaire.period + 1)))
        : Math.max(c.startedAt, spaced),
  };
}

/** The timer effects that make the stored timers match the state. */
export function careTimers(s: JourneyState, ctx: MachineContext): Effect[] {
  const due = careDue(s, ctx);
  return careTimerKeys.map((key): Effect => {
    const at = due[key];
    return at === null ? { kind: "cancel_timer", key } : { kind: "set_timer", key, at: Math.max(ctx.now, at) };
  });
}

/**
 * Runs after every applied transition: remembers when the last automated message was asked for, and
 * re-derives the care timers when the stage, the care state or that spacing changed.
 */
export function withCareTimers(before: JourneyState, d: Extract<Decision, { outcome: "applied" }>, ctx: MachineContext): Decision {
  const automated = d.effects.some((e) => e.kind === "send_message" && e.category === "automated");
  const state = automated ? { ...d.state, lastAutomatedAt: ctx.now } : d.state;
  const involved = before.care.episodeId !== null || state.care.episodeId !== null;
  const changed = before.stage !== state.stage || before.care !== state.care || before.lastAutomatedAt !== state.lastAutomatedAt;
  const extra = involved && changed ? careTimers(state, ctx) : [];
  const effects = [...d.effects.filter((e) => e.kind !== "write_projection"), ...extra];
  const project = before.stage !== state.stage || effects.length > 0;
  return { outcome: "applied", state, effects: project ? [...effects, { kind: "write_projection" }] : effects };
}

/* ---------- episode start and discharge ---------- */

/** A new episode starts its own care clock; the same episode heard again changes nothing. */
export function openCare(c: CareState, episodeId: string, at: number, ctx: MachineContext): CareState {
  if (c.episodeId === episodeId) return c;
  return {
    ...c,
    episodeId,
    startedAt: at,
    startedDate: localDate(at, ctx),
    checkIn: { ...c.checkIn, requestedDate: null },
    // A discharge questionnaire still owed for the previous episode stays owed.
    questionnaire: { ...c.questionnaire, intakeSettled: false, period: 0 },
  };
}

/**
 * Discharge stops the care timers. A good outcome (goals met, plan completed) owes one last outcome
 * questionnaire: it is asked for at once unless another automated message went out within the spacing.
 */
export function closeCare(
  s: JourneyState,
  e: Extract<JourneyEvent, { type: "episode.discharged" }>,
  ctx: MachineContext,
): { state: JourneyState; effects: Effect[]; questionnaireAt: number | null } {
  if (s.care.episodeId !== e.episodeId) return { state: s, effects: [], questionnaireAt: null };
  const owed = ctx.care.questionnaires && (e.reason === "goals_met" || e.reason === "plan_completed");
  const care: CareState = { ...s.care, episodeId: null, discharge: owed ? { episodeId: e.episodeId, at: ctx.now } : null };
  if (!owed) return { state: { ...s, care }, effects: [], questionnaireAt: null };
  const at = Math.max(ctx.now, notBefore(s));
  return { state: { ...s, care }, effects: [{ kind: "set_timer", key: DISCHARGE_QUESTIONNAIRE, at }], questionnaireAt: at };
}

/* ---------- what the patient did ---------- */

export const careEventHandler = (s: JourneyState, event: JourneyEvent, ctx: MachineContext): Decision => {
  const c = s.care;
  const today = localDate(event.occurredAt, ctx);
  switch (event.type) {
    case "hep.program_changed":
      return applied(
        { ...s, care: { ...c, hep: { ...c.hep, active: event.active, intervalDays: event.intervalDays, changedDate: today } } },
        [],
      );
    case "hep.logged": {
      // The patient's own day, but never beyond tomorrow here (time zones differ by at most a day).
      const day = event.date && event.date <= addDays(today, 1) ? event.date : today;
      return applied({ ...s, care: { ...c, hep: { ...c.hep, lastLogDate: latest(c.hep.lastLogDate, day) } } }, []);
    }
    case "checkin.recorded":
      return applied({ ...s, care: { ...c, checkIn: { ...c.checkIn, lastDate: latest(c.checkIn.lastDate, today) } } }, []);
    case "questionnaire.completed": {
      const lastCompletedAt = Math.max(c.questionnaire.lastCompletedAt ?? 0, event.occurredAt);
      return applied({ ...s, care: { ...c, questionnaire: { ...c.questionnaire, lastCompletedAt } } }, []);
    }
    default:
      return { outcome: "ignored", reason: "not a care event" };
  }
};

/* ---------- timers ---------- */

export const isCareTimer = (key: string) => key === DISCHARGE_QUESTIONNAIRE || (careTimerKeys as readonly string[]).includes(key);

export function careTimerFired(s: JourneyState, key: string, ctx: MachineContext): Decision {
  const c = s.care;
  if (key === DISCHARGE_QUESTIONNAIRE) {
    if (!c.discharge) return { outcome: "ignored", reason: "no discharge questionnaire owed" };
    const due = Math.max(c.discharge.at, notBefore(s));
    if (due > ctx.now) return applied(s, [{ kind: "set_timer", key, at: due }]);
    const dedupeKey = `questionnaire:${c.discharge.episodeId}:discharge`;
    return applied({ ...s, care: { ...c, discharge: null } }, [send("questionnaire_request", dedupeKey)]);
  }
  const timer = key as CareTimer;
  const due = careDue(s, ctx)[timer];
  if (due === null) return { outcome: "ignored", reason: "care timer with nothing due (out of care, switched off, or already sent)" };
  // Moved later since it was armed (another message went out meanwhile): wait again.
  if (due > ctx.now) return applied(s, [{ kind: "set_timer", key, at: due }]);
  const episodeId = c.episodeId ?? "none";
  const today = localDate(ctx.now, ctx);

  if (timer === "hep-nudge") {
    const anchor = hepAnchor(c) ?? today;
    return applied({ ...s, care: { ...c, hep: { ...c.hep, nudgedFor: anchor } } }, [send("hep_nudge", `hep-nudge:${episodeId}:${anchor}`)]);
  }
  if (timer === "check-in") {
    const anchor = checkInAnchor(c) ?? today;
    return applied({ ...s, care: { ...c, checkIn: { ...c.checkIn, requestedDate: today } } }, [
      send("pain_check_in", `check-in:${episodeId}:${anchor}`),
    ]);
  }
  const recent = recentlyCompleted(c, ctx);
  if (!c.questionnaire.intakeSettled) {
    const care = { ...c, questionnaire: { ...c.questionnaire, intakeSettled: true } };
    return applied({ ...s, care }, recent ? [] : [send("questionnaire_request", `questionnaire:${episodeId}:intake`)]);
  }
  // The period reached today: a request overdue by several periods (a long break) is sent once.
  const elapsed = Math.floor(daysBetween(c.startedDate ?? today, today) / ctx.care.questionnaireEveryDays);
  const period = Math.max(c.questionnaire.period + 1, elapsed);
  const care = { ...c, questionnaire: { ...c.questionnaire, period } };
  return applied({ ...s, care }, recent ? [] : [send("questionnaire_request", `questionnaire:${episodeId}:${period}`)]);
}

/**
 * State as stored by an older version lacks the care fields. An episode already in care is followed
 * from now on, with its intake long past.
 */
export function withCareDefaults(stored: StoredState, now: number, timeZone: string): JourneyState {
  const base: JourneyState = { ...stored, lastAutomatedAt: stored.lastAutomatedAt ?? null, care: stored.care ?? initialCare };
  if (stored.care || stored.episodeId === null || ![...careStages, "lapsed"].includes(stored.stage)) return base;
  return {
    ...base,
    care: {
      ...initialCare,
      episodeId: stored.episodeId,
      startedAt: now,
      startedDate: localParts(now, timeZone).date,
      questionnaire: { ...initialCare.questionnaire, intakeSettled: true },
    },
  };
}

export type StoredState = Omit<JourneyState, "care" | "lastAutomatedAt"> & Partial<Pick<JourneyState, "care" | "lastAutomatedAt">>;
