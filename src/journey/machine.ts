import type { BusinessHours } from "../clinics/model";
import type { TaskType } from "../worklist/tables";
import { nextOpenInstant } from "./calendar";
import {
  CARE_SPACING_MS,
  type CareState,
  careEventHandler,
  careTimerFired,
  closeCare,
  initialCare,
  isCareTimer,
  openCare,
  withCareTimers,
} from "./care-timers";
import type { JourneyEvent, JourneyEventType } from "./events";
import type { CarePolicy, JourneyPolicy } from "./policy";
import { ms } from "./policy";

/** Pure: the patient's engagement journey. No I/O, no clock: `now` and the policy come in. */

export const stages = ["new", "referred", "scheduled", "active", "at_risk", "lapsed", "discharged", "alumni", "lost"] as const;
export type Stage = (typeof stages)[number];

export interface UpcomingVisit {
  startsAt: number;
  endsAt: number;
  status: "booked" | "confirmed" | "arrived";
}

export interface JourneyState {
  stage: Stage;
  since: number;
  episodeId: string | null;
  visitsPrescribed: number;
  visitsAttended: number;
  upcoming: Record<string, UpcomingVisit>;
  /** Newest event time seen per appointment: an older event about it is stale. */
  appointmentSeen: Record<string, number>;
  lastVisitAt: number | null;
  lastInboundAt: number | null;
  riskBand: "low" | "medium" | "high" | null;
  /** Why at_risk was entered: risk-entered patients leave when the band drops. */
  atRiskCause: "risk" | "missed_visit" | null;
  consent: { sms: boolean; email: boolean };
  /** When the machine last asked for an automated (capped) message: care messages keep their distance. */
  lastAutomatedAt: number | null;
  /** The open episode's care timers (src/journey/care-timers.ts). */
  care: CareState;
}

export const initialState = (now: number): JourneyState => ({
  stage: "new",
  since: now,
  episodeId: null,
  visitsPrescribed: 0,
  visitsAttended: 0,
  upcoming: {},
  appointmentSeen: {},
  lastVisitAt: null,
  lastInboundAt: null,
  riskBand: null,
  atRiskCause: null,
  consent: { sms: false, email: false },
  lastAutomatedAt: null,
  care: initialCare,
});

export type MessagePurpose =
  | "referral_first_contact"
  | "referral_follow_up"
  | "visit_reminder"
  | "missed_visit_outreach"
  | "at_risk_outreach"
  | "reactivation"
  | "discharge_survey"
  | "alumni_check_in"
  | "hep_nudge"
  | "pain_check_in"
  | "questionnaire_request";

export type Effect =
  | {
      kind: "send_message";
      purpose: MessagePurpose;
      /** Idempotency: the same reason never sends twice. */
      dedupeKey: string;
      /** Reminders have their own cap; everything else counts as automated. */
      category: "reminder" | "automated";
      appointmentId?: string;
      step?: number;
    }
  | { kind: "set_timer"; key: string; at: number }
  | { kind: "cancel_timer"; key: string }
  | { kind: "cancel_timers"; prefix: string }
  | { kind: "create_task"; type: TaskType; title: string; ruleKey: string }
  | { kind: "write_projection" };

export interface MachineContext {
  now: number;
  policy: JourneyPolicy;
  care: CarePolicy;
  timeZone: string;
  businessHours: BusinessHours;
}

export type Decision =
  | { outcome: "applied"; state: JourneyState; effects: Effect[] }
  | { outcome: "ignored"; reason: string }
  | { outcome: "rejected"; reason: string };

type Handler = (s: JourneyState, e: JourneyEvent, ctx: MachineContext) => Decision;

const all = (h: Handler): Record<Stage, Handler> => Object.fromEntries(stages.map((st) => [st, h])) as Record<Stage, Handler>;
const reject =
  (reason: string): Handler =>
  () => ({ outcome: "rejected", reason });

/* ---------- small helpers ---------- */

function enter(s: JourneyState, stage: Stage, now: number): JourneyState {
  return s.stage === stage ? s : { ...s, stage, since: now };
}

function applied(before: JourneyState, after: JourneyState, effects: Effect[]): Decision {
  const changed = before.stage !== after.stage || effects.some((e) => e.kind !== "write_projection");
  return { outcome: "applied", state: after, effects: changed ? [...effects, { kind: "write_projection" }] : effects };
}

const hasUpcoming = (s: JourneyState, now: number) => Object.values(s.upcoming).some((v) => v.endsAt > now);

/**
 * Reminders at each configured lead time before the visit. Lead times already passed when the
 * visit is booked collapse into one reminder now (a visit booked 47 h ahead is reminded now and 2 h before).
 */
function reminderEffects(id: string, v: UpcomingVisit, ctx: MachineContext): Effect[] {
  if (!ctx.policy.enabled.visitReminders || v.startsAt <= ctx.now) return [];
  const planned = ctx.policy.remindersHoursBefore.map((h) => ({ h, at: v.startsAt - h * ms.hour })).sort((a, b) => a.at - b.at);
  const future = planned.filter(({ at }) => at > ctx.now);
  const passed = planned.filter(({ at }) => at <= ctx.now);
  const latestPassed = passed[passed.length - 1];
  const timers = [...(latestPassed ? [{ h: latestPassed.h, at: ctx.now }] : []), ...future];
  return [
    { kind: "cancel_timers", prefix: `reminder:${id}:` },
    ...timers.map(({ h, at }): Effect => ({ kind: "set_timer", key: `reminder:${id}:${h}:${v.startsAt}`, at })),
  ];
}

function lapseTimer(s: JourneyState, ctx: MachineContext): Effect[] {
  // Only someone mid-plan, with no visit ahead, can lapse.
  if (hasUpcoming(s, ctx.now) || (s.visitsPrescribed > 0 && s.visitsAttended >= s.visitsPrescribed))
    return [{ kind: "cancel_timer", key: "lapse" }];
  const from = s.lastVisitAt ?? ctx.now;
  return [{ kind: "set_timer", key: "lapse", at: Math.max(ctx.now, from + ctx.policy.lapseAfterDays * ms.day) }];
}

/** Keep only appointment versions that can still matter (upcoming, or in the last 60 days). */
function pruneSeen(seen: Record<string, number>, upcoming: Record<string, UpcomingVisit>, now: number) {
  const out: Record<string, number> = {};
  for (const [id, at] of Object.entries(seen)) if (upcoming[id] || at > now - 60 * ms.day) out[id] = at;
  return out;
}

/* ---------- appointment events ---------- */

type AppointmentEvent = Extract<JourneyEvent, { appointmentId: string }>;

function appointmentHandler(kind: "upsert" | "arrived" | "attended" | "missed"): Handler {
  return (s, event, ctx) => {
    const e = event as AppointmentEvent;
    const seen = s.appointmentSeen[e.appointmentId];
    if (seen !== undefined && e.occurredAt < seen)
      return { outcome: "ignored", reason: "stale: a newer event about this visit was already applied" };
    const upcoming = { ...s.upcoming };
    const effects: Effect[] = [];
    let next: JourneyState = { ...s, appointmentSeen: { ...s.appointmentSeen, [e.appointmentId]: e.occurredAt } };

    if (kind === "upsert") {
      const status = e.type === "appointment.confirmed" ? "confirmed" : (upcoming[e.appointmentId]?.status ?? "booked");
      const visit: UpcomingVisit = { startsAt: e.startsAt, endsAt: e.endsAt, status };
      const moved = upcoming[e.appointmentId]?.startsAt !== e.startsAt;
      upcoming[e.appointmentId] = visit;
      if (moved || e.type === "appointment.booked") effects.push(...reminderEffects(e.appointmentId, visit, ctx));
      next = { ...next, upcoming };
      effects.push(
        { kind: "cancel_timers", prefix: "referral:" },
        { kind: "cancel_timer", key: "lapse" },
        { kind: "cancel_timers", prefix: "reactivation:" },
      );
      // A booking moves a referral, a lost referral, a lapsed or alumni patient (back) into care.
      if (["new", "referred", "lost", "lapsed", "alumni", "discharged"].includes(s.stage)) next = enter(next, "scheduled", ctx.now);
      return applied(s, next, effects);
    }

    if (kind === "arrived") {
      const prior = upcoming[e.appointmentId];
      upcoming[e.appointmentId] = { startsAt: e.startsAt, endsAt: e.endsAt, status: "arrived" };
      if (prior?.status !== "arrived") effects.push({ kind: "cancel_timers", prefix: `reminder:${e.appointmentId}:` });
      return applied(s, { ...next, upcoming }, effects);
    }

    delete upcoming[e.appointmentId];
    effects.push({ kind: "cancel_timers", prefix: `reminder:${e.appointmentId}:` });
    next = { ...next, upcoming, appointmentSeen: pruneSeen(next.appointmentSeen, upcoming, ctx.now) };

    if (kind === "attended") {
      next = {
        ...next,
        visitsAttended: s.visitsAttended + 1,
        lastVisitAt: Math.max(s.lastVisitAt ?? 0, e.startsAt),
        atRiskCause: null,
      };
      // Attending returns an at-risk or lapsed patient to active care.
      if (["new", "referred", "scheduled", "at_risk", "lapsed", "lost", "alumni"].includes(s.stage)) next = enter(next, "active", ctx.now);
      effects.push(...lapseTimer(next, ctx));
      return applied(s, next, effects);
    }

    // Cancelled or no-show: without another visit booked, the patient is at risk of dropping out.
    const missed = e.type === "appointment.no_show" ? "no-show" : "cancellation";
    if (!hasUpcoming(next, ctx.now) && ["scheduled", "active", "at_risk"].includes(s.stage)) {
      next = { ...enter(next, "at_risk", ctx.now), atRiskCause: "missed_visit" };
      if (ctx.policy.enabled.atRiskOutreach) {
        effects.push(
          {
            kind: "send_message",
            purpose: "missed_visit_outreach",
            dedupeKey: `missed:${e.appointmentId}`,
            category: "automated",
            appointmentId: e.appointmentId,
          },
          {
            kind: "create_task",
            type: "at_risk_outreach",
            title: `Call to rebook after a ${missed} with no next visit`,
            ruleKey: `missed-visit:${e.appointmentId}`,
          },
        );
      }
      effects.push(...lapseTimer(next, ctx));
    }
    return applied(s, next, effects);
  };
}

/* ---------- timers ---------- */

function timerHandler(s: JourneyState, event: JourneyEvent, ctx: MachineContext): Decision {
  const { key } = event as Extract<JourneyEvent, { type: "timer.fired" }>;
  const [purpose, a, b, c] = key.split(":");
  const p = ctx.policy;
  if (isCareTimer(key)) return careTimerFired(s, key, ctx);

  if (purpose === "referral") {
    if (s.stage !== "referred") return { outcome: "ignored", reason: "referral timer after the referral was settled" };
    const step = Number(a);
    const effects: Effect[] = [];
    if (step < p.referralFollowUpDays.length + 1) {
      effects.push({
        kind: "send_message",
        purpose: step === 0 ? "referral_first_contact" : "referral_follow_up",
        dedupeKey: `referral:${s.episodeId ?? "none"}:${step}`,
        category: "automated",
        step,
      });
      const nextDays = p.referralFollowUpDays[step];
      const anchor = s.since;
      if (nextDays !== undefined)
        effects.push({ kind: "set_timer", key: `referral:${step + 1}`, at: Math.max(ctx.now + ms.hour, anchor + nextDays * ms.day) });
      else effects.push({ kind: "set_timer", key: `referral:${step + 1}`, at: ctx.now + ms.day });
      return applied(s, s, effects);
    }
    // Every touch went unanswered: the referral is lost, and a person calls.
    return applied(s, enter(s, "lost", ctx.now), [
      {
        kind: "create_task",
        type: "call_to_schedule",
        title: "Referral never booked: call before closing it",
        ruleKey: `referral-lost:${s.episodeId ?? s.since}`,
      },
    ]);
  }

  if (purpose === "reminder") {
    const visit = a ? s.upcoming[a] : undefined;
    if (!visit || String(visit.startsAt) !== c || visit.status === "arrived" || visit.startsAt <= ctx.now) {
      return { outcome: "ignored", reason: "reminder for a visit that moved, ended or was cancelled" };
    }
    return applied(s, s, [
      {
        kind: "send_message",
        purpose: "visit_reminder",
        dedupeKey: `reminder:${a}:${b}:${visit.startsAt}`,
        category: "reminder",
        appointmentId: a,
      },
    ]);
  }

  if (purpose === "lapse") {
    if (!["active", "at_risk"].includes(s.stage)) return { outcome: "ignored", reason: "lapse check outside active care" };
    if (hasUpcoming(s, ctx.now)) return { outcome: "ignored", reason: "a visit is booked" };
    if (s.visitsPrescribed > 0 && s.visitsAttended >= s.visitsPrescribed) return { outcome: "ignored", reason: "plan complete" };
    const effects: Effect[] = [
      {
        kind: "create_task",
        type: "call_to_schedule",
        title: "Stopped coming before the plan was complete",
        ruleKey: `lapsed:${s.episodeId ?? "none"}:${s.lastVisitAt ?? 0}`,
      },
    ];
    if (p.enabled.reactivation && p.reactivationDays.length > 0)
      effects.push({ kind: "set_timer", key: "reactivation:0", at: ctx.now + (p.reactivationDays[0] ?? 0) * ms.day });
    return applied(s, enter(s, "lapsed", ctx.now), effects);
  }

  if (purpose === "reactivation") {
    if (s.stage !== "lapsed") return { outcome: "ignored", reason: "no longer lapsed" };
    const step = Number(a);
    if (step < p.reactivationDays.length) {
      const effects: Effect[] = [
        {
          kind: "send_message",
          purpose: "reactivation",
          dedupeKey: `reactivation:${s.episodeId ?? "none"}:${step}`,
          category: "automated",
          step,
        },
      ];
      const next = p.reactivationDays[step + 1];
      effects.push({
        kind: "set_timer",
        key: `reactivation:${step + 1}`,
        at: s.since + (next ?? (p.reactivationDays[step] ?? 0) + 7) * ms.day,
      });
      return applied(s, s, effects);
    }
    // The sequence is over: stop chasing, keep in touch as an alumnus.
    return applied(s, enter(s, "alumni", ctx.now), alumniTimers(ctx));
  }

  if (purpose === "survey") {
    if (s.stage !== "discharged") return { outcome: "ignored", reason: "survey after leaving discharged" };
    return applied(s, s, [
      { kind: "send_message", purpose: "discharge_survey", dedupeKey: `survey:${s.episodeId ?? "none"}`, category: "automated" },
    ]);
  }

  if (purpose === "alumni") {
    if (s.stage !== "discharged") return { outcome: "ignored", reason: "already moved on" };
    return applied(s, enter(s, "alumni", ctx.now), alumniTimers(ctx));
  }

  if (purpose === "alumni-check-in") {
    if (s.stage !== "alumni") return { outcome: "ignored", reason: "back in care" };
    return applied(s, s, [
      {
        kind: "send_message",
        purpose: "alumni_check_in",
        dedupeKey: `alumni:${s.episodeId ?? "none"}:${a}`,
        category: "automated",
        step: Number(a),
      },
    ]);
  }

  return { outcome: "ignored", reason: `unknown timer ${purpose}` };
}

function alumniTimers(ctx: MachineContext): Effect[] {
  if (!ctx.policy.enabled.alumniCheckIns) return [];
  return ctx.policy.alumniCheckInDays.map((d): Effect => ({ kind: "set_timer", key: `alumni-check-in:${d}`, at: ctx.now + d * ms.day }));
}

/* ---------- care events ---------- */

const startReferral: Handler = (s, event, ctx) => {
  const episodeId = "episodeId" in event ? (event.episodeId ?? s.episodeId) : s.episodeId;
  const visitsPrescribed = "visitsPrescribed" in event ? event.visitsPrescribed : s.visitsPrescribed;
  const fresh = event.type === "episode.started" && episodeId !== s.episodeId;
  let next: JourneyState = { ...s, episodeId, visitsPrescribed, ...(fresh ? { visitsAttended: 0 } : {}) };
  const effects: Effect[] = [];
  if (hasUpcoming(s, ctx.now)) return applied(s, enter(next, "scheduled", ctx.now), effects);
  if (["new", "lost", "alumni", "discharged", "referred"].includes(s.stage)) {
    next = enter(next, "referred", ctx.now);
    if (ctx.policy.enabled.referralOutreach && s.stage !== "referred") {
      const first = nextOpenInstant(ctx.now + ctx.policy.referralFirstContactMinutes * ms.minute, ctx.businessHours, ctx.timeZone);
      effects.push(
        { kind: "cancel_timers", prefix: "alumni-check-in:" },
        { kind: "set_timer", key: "referral:0", at: first },
        {
          kind: "create_task",
          type: "call_to_schedule",
          title: "New referral: call to schedule the evaluation",
          ruleKey: `referral:${episodeId ?? ctx.now}`,
        },
      );
    }
  }
  return applied(s, next, effects);
};

/** An episode also starts its care timers (intake questionnaire, weekly check-in, HEP nudges). */
const startEpisode: Handler = (s, event, ctx) => {
  const d = startReferral(s, event, ctx);
  if (d.outcome !== "applied" || event.type !== "episode.started") return d;
  return { ...d, state: { ...d.state, care: openCare(d.state.care, event.episodeId, event.occurredAt, ctx) } };
};

const episodeUpdated: Handler = (s, event) => {
  const e = event as Extract<JourneyEvent, { type: "episode.updated" }>;
  if (s.episodeId !== null && e.episodeId !== s.episodeId) return { outcome: "ignored", reason: "update of another episode" };
  return applied(s, { ...s, episodeId: e.episodeId, visitsPrescribed: e.visitsPrescribed }, []);
};

const discharge: Handler = (s, event, ctx) => {
  const e = event as Extract<JourneyEvent, { type: "episode.discharged" }>;
  if (s.episodeId !== null && e.episodeId !== s.episodeId) return { outcome: "ignored", reason: "discharge of another episode" };
  const closed = closeCare(s, e, ctx);
  const effects: Effect[] = [
    { kind: "cancel_timers", prefix: "referral:" },
    { kind: "cancel_timer", key: "lapse" },
    { kind: "cancel_timers", prefix: "reactivation:" },
    { kind: "set_timer", key: "alumni", at: ctx.now + ctx.policy.alumniAfterDischargeDays * ms.day },
    ...closed.effects,
  ];
  if (ctx.policy.enabled.dischargeSurvey && e.reason !== "moved") {
    // The outcome questionnaire goes first; the survey keeps its distance so the daily cap takes neither.
    const surveyAt = ctx.now + ctx.policy.surveyAfterDischargeHours * ms.hour;
    const at = closed.questionnaireAt === null ? surveyAt : Math.max(surveyAt, closed.questionnaireAt + CARE_SPACING_MS);
    effects.push({ kind: "set_timer", key: "survey", at });
  }
  return applied(s, { ...enter(closed.state, "discharged", ctx.now), atRiskCause: null }, effects);
};

const riskChanged: Handler = (s, event, ctx) => {
  const { band } = event as Extract<JourneyEvent, { type: "risk.changed" }>;
  let next: JourneyState = { ...s, riskBand: band };
  const effects: Effect[] = [];
  if (band === "high" && s.stage === "active") {
    next = { ...enter(next, "at_risk", ctx.now), atRiskCause: "risk" };
    if (ctx.policy.enabled.atRiskOutreach) {
      effects.push(
        { kind: "send_message", purpose: "at_risk_outreach", dedupeKey: `risk:${s.episodeId ?? "none"}:${ctx.now}`, category: "automated" },
        {
          kind: "create_task",
          type: "at_risk_outreach",
          title: "High dropout risk: check in with the patient",
          ruleKey: `risk:${s.episodeId ?? "none"}:${s.visitsAttended}`,
        },
      );
    }
  } else if (band !== "high" && s.stage === "at_risk" && s.atRiskCause === "risk") {
    next = { ...enter(next, "active", ctx.now), atRiskCause: null };
  }
  return applied(s, next, effects);
};

const consentChanged: Handler = (s, event) => {
  const e = event as Extract<JourneyEvent, { type: "consent.changed" }>;
  return applied(s, { ...s, consent: { ...s.consent, [e.channel]: e.status === "granted" } }, []);
};

const inbound: Handler = (s, event) => applied(s, { ...s, lastInboundAt: event.occurredAt }, []);
const deliveryStatus: Handler = (s) => ({ outcome: "applied", state: s, effects: [] });

/* ---------- the decision table: every (stage, event) pair, explicitly ---------- */

const careStages: Stage[] = ["scheduled", "active", "at_risk"];
const notInCare = (reason: string) =>
  Object.fromEntries(stages.map((st) => [st, careStages.includes(st) ? riskChanged : reject(reason)])) as Record<Stage, Handler>;

export const decisionTable: Record<JourneyEventType, Record<Stage, Handler>> = {
  "referral.received": {
    ...all(startReferral),
    scheduled: reject("already scheduled: the referral needs no outreach"),
    active: reject("already in active care"),
    at_risk: reject("already in care (at risk)"),
    lapsed: startReferral,
  },
  "episode.started": all(startEpisode),
  "episode.updated": { ...all(episodeUpdated), new: reject("no episode to update") },
  "episode.discharged": { ...all(discharge), new: reject("no episode to discharge"), discharged: reject("already discharged") },
  "appointment.booked": all(appointmentHandler("upsert")),
  "appointment.rescheduled": all(appointmentHandler("upsert")),
  "appointment.confirmed": all(appointmentHandler("upsert")),
  "appointment.arrived": all(appointmentHandler("arrived")),
  "appointment.attended": all(appointmentHandler("attended")),
  "appointment.cancelled": all(appointmentHandler("missed")),
  "appointment.no_show": all(appointmentHandler("missed")),
  "message.inbound": all(inbound),
  "message.status": all(deliveryStatus),
  "consent.changed": all(consentChanged),
  "risk.changed": notInCare("risk is only scored during care"),
  "timer.fired": all(timerHandler),
  // What the patient does between visits is recorded in every stage; only care stages send anything.
  "hep.program_changed": all(careEventHandler),
  "hep.logged": all(careEventHandler),
  "checkin.recorded": all(careEventHandler),
  "questionnaire.completed": all(careEventHandler),
};

/** The machine: one (state, event) -> new state and effects, or a reason it was ignored or rejected. */
export function transition(state: JourneyState, event: JourneyEvent, ctx: MachineContext): Decision {
  const decision = decisionTable[event.type][state.stage](state, event, ctx);
  return decision.outcome === "applied" ? withCareTimers(state, decision, ctx) : decision;
}

/** The next automated touch, for the D1 projection: the earliest pending timer. */
export function nextTouch(timers: { at: number }[]): number | null {
  return timers.reduce<number | null>((min, t) => (min === null || t.at < min ? t.at : min), null);
}
