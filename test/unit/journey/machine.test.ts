import { describe, expect, it } from "vitest";
import { defaultBusinessHours } from "../../../src/clinics/model";
import type { JourneyEvent, JourneyEventType } from "../../../src/journey/events";
import { journeyEventSchema, journeyEventTypes } from "../../../src/journey/events";
import {
  decisionTable,
  type Effect,
  initialState,
  type JourneyState,
  type MachineContext,
  type Stage,
  stages,
  transition,
} from "../../../src/journey/machine";
import { defaultCarePolicy, defaultJourneyPolicy } from "../../../src/journey/policy";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 30 Nov 2026, 10:00 in New York.
const NOW = Date.parse("2026-11-30T15:00:00Z");
const ctx = (now = NOW, policy = defaultJourneyPolicy): MachineContext => ({
  now,
  policy,
  care: defaultCarePolicy,
  timeZone: "America/New_York",
  businessHours: defaultBusinessHours,
});

let seq = 0;
const ev = (e: { type: JourneyEventType; occurredAt?: number; [field: string]: unknown }): JourneyEvent =>
  journeyEventSchema.parse({ eventId: `e${seq++}`, occurredAt: NOW, ...e });

const visit = (id: string, startsAt: number, type: JourneyEventType = "appointment.booked", occurredAt = NOW) =>
  ev({ type, appointmentId: id, startsAt, endsAt: startsAt + 45 * 60_000, episodeId: "ep1", occurredAt });

function state(stage: Stage, over: Partial<JourneyState> = {}): JourneyState {
  return { ...initialState(NOW - DAY), stage, episodeId: "ep1", visitsPrescribed: 12, ...over };
}

/** One sample event of every type, for the exhaustive walk. */
const samples: Record<JourneyEventType, JourneyEvent> = {
  "referral.received": ev({ type: "referral.received", episodeId: "ep1" }),
  "episode.started": ev({ type: "episode.started", episodeId: "ep1", visitsPrescribed: 12 }),
  "episode.updated": ev({ type: "episode.updated", episodeId: "ep1", visitsPrescribed: 10 }),
  "episode.discharged": ev({ type: "episode.discharged", episodeId: "ep1", reason: "goals_met" }),
  "appointment.booked": visit("a1", NOW + 3 * DAY),
  "appointment.rescheduled": visit("a1", NOW + 4 * DAY, "appointment.rescheduled"),
  "appointment.confirmed": visit("a1", NOW + 3 * DAY, "appointment.confirmed"),
  "appointment.arrived": visit("a1", NOW, "appointment.arrived"),
  "appointment.attended": visit("a1", NOW - HOUR, "appointment.attended"),
  "appointment.cancelled": visit("a1", NOW + DAY, "appointment.cancelled"),
  "appointment.no_show": visit("a1", NOW - HOUR, "appointment.no_show"),
  "message.inbound": ev({ type: "message.inbound", messageId: "m1", intent: "question" }),
  "message.status": ev({ type: "message.status", messageId: "m1", status: "delivered" }),
  "consent.changed": ev({ type: "consent.changed", channel: "sms", status: "revoked" }),
  "risk.changed": ev({ type: "risk.changed", band: "high" }),
  "timer.fired": ev({ type: "timer.fired", key: "lapse" }),
  "hep.program_changed": ev({ type: "hep.program_changed", episodeId: "ep1", active: true, intervalDays: 1 }),
  "hep.logged": ev({ type: "hep.logged", date: "2026-11-30" }),
  "checkin.recorded": ev({ type: "checkin.recorded", score: 4 }),
  "questionnaire.completed": ev({ type: "questionnaire.completed", instrumentId: "lefs" }),
};

const kinds = (effects: Effect[]) => effects.map((e) => e.kind);
const sent = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "send_message" ? [e.purpose] : []));
const timers = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "set_timer" ? [e] : []));

describe("journey machine: every (stage, event) pair is decided", () => {
  it("the table names every event type and every stage", () => {
    expect(Object.keys(decisionTable).sort()).toEqual([...journeyEventTypes].sort());
    for (const type of journeyEventTypes) expect(Object.keys(decisionTable[type]).sort()).toEqual([...stages].sort());
  });

  const pairs = stages.flatMap((stage) => journeyEventTypes.map((type) => [stage, type] as const));
  it.each(pairs)("%s + %s gives applied, ignored or rejected, with a reason when not applied", (stage, type) => {
    const d = transition(state(stage), samples[type], ctx());
    expect(["applied", "ignored", "rejected"]).toContain(d.outcome);
    if (d.outcome === "applied") {
      expect(stages).toContain(d.state.stage);
      // A stage change is always projected to D1.
      if (d.state.stage !== stage) expect(kinds(d.effects)).toContain("write_projection");
    } else {
      expect(d.reason.length).toBeGreaterThan(3);
    }
  });

  it.each([
    ["new", "episode.discharged"],
    ["discharged", "episode.discharged"],
    ["new", "risk.changed"],
    ["referred", "risk.changed"],
    ["alumni", "risk.changed"],
    ["active", "referral.received"],
    ["scheduled", "referral.received"],
  ] as const)("rejects %s + %s as impossible", (stage, type) => {
    expect(transition(state(stage), samples[type], ctx()).outcome).toBe("rejected");
  });
});

describe("referral outreach", () => {
  it("a referral in business hours gets first contact within 5 minutes, a call task, then follow-ups, then lost", () => {
    const d = transition(initialState(NOW), samples["referral.received"], ctx());
    if (d.outcome !== "applied") throw new Error(d.reason);
    expect(d.state.stage).toBe("referred");
    expect(timers(d.effects)).toEqual([{ kind: "set_timer", key: "referral:0", at: NOW + 5 * 60_000 }]);
    expect(d.effects).toContainEqual(expect.objectContaining({ kind: "create_task", type: "call_to_schedule" }));

    let s = d.state;
    const purposes: string[] = [];
    for (let step = 0; step <= 4; step++) {
      const r = transition(s, ev({ type: "timer.fired", key: `referral:${step}` }), ctx(NOW + step * 2 * DAY));
      if (r.outcome !== "applied") throw new Error(r.reason);
      purposes.push(...sent(r.effects));
      s = r.state;
    }
    expect(purposes).toEqual(["referral_first_contact", "referral_follow_up", "referral_follow_up", "referral_follow_up"]);
    expect(s.stage).toBe("lost");
  });

  it("a referral at night is first contacted when the clinic opens", () => {
    const night = Date.parse("2026-12-01T03:00:00Z"); // Mon 22:00 in New York
    const d = transition(initialState(night), samples["referral.received"], ctx(night));
    if (d.outcome !== "applied") throw new Error(d.reason);
    expect(timers(d.effects)[0]?.at).toBe(Date.parse("2026-12-01T12:00:00Z")); // Tue 07:00 opening
  });

  it("booking ends the outreach", () => {
    const d = transition(state("referred"), visit("a1", NOW + 2 * DAY), ctx());
    if (d.outcome !== "applied") throw new Error(d.reason);
    expect(d.state.stage).toBe("scheduled");
    expect(d.effects).toContainEqual({ kind: "cancel_timers", prefix: "referral:" });
    const late = transition(d.state, ev({ type: "timer.fired", key: "referral:1" }), ctx());
    expect(late.outcome).toBe("ignored");
  });
});

describe("visit reminders", () => {
  it("sets reminders 48 h and 2 h before, and moves them on reschedule", () => {
    const start = NOW + 3 * DAY;
    const d = transition(state("scheduled"), visit("a1", start), ctx());
    if (d.outcome !== "applied") throw new Error(d.reason);
    expect(timers(d.effects).map((t) => t.at)).toEqual([start - 48 * HOUR, start - 2 * HOUR]);
    const moved = transition(d.state, visit("a1", start + DAY, "appointment.rescheduled"), ctx());
    if (moved.outcome !== "applied") throw new Error(moved.reason);
    expect(moved.effects).toContainEqual({ kind: "cancel_timers", prefix: "reminder:a1:" });
    expect(timers(moved.effects).map((t) => t.at)).toEqual([start + DAY - 48 * HOUR, start + DAY - 2 * HOUR]);
    // The old 48 h timer, if it still fired, would not send.
    const stale = transition(moved.state, ev({ type: "timer.fired", key: `reminder:a1:48:${start}` }), ctx(start - 48 * HOUR));
    expect(stale.outcome).toBe("ignored");
    const fresh = transition(moved.state, ev({ type: "timer.fired", key: `reminder:a1:48:${start + DAY}` }), ctx(start + DAY - 48 * HOUR));
    expect(fresh.outcome === "applied" && sent(fresh.effects)).toEqual(["visit_reminder"]);
  });

  it("a visit booked 47 hours ahead is reminded at once and again 2 hours before", () => {
    const d = transition(state("scheduled"), visit("a1", NOW + 47 * HOUR), ctx());
    expect(d.outcome === "applied" && timers(d.effects).map((t) => t.at)).toEqual([NOW, NOW + 45 * HOUR]);
    const soon = transition(state("scheduled"), visit("a2", NOW + HOUR), ctx());
    expect(soon.outcome === "applied" && timers(soon.effects).map((t) => t.at)).toEqual([NOW]);
  });

  it("cancelling a visit cancels its reminders", () => {
    const booked = transition(state("active"), visit("a1", NOW + 3 * DAY), ctx());
    if (booked.outcome !== "applied") throw new Error(booked.reason);
    const other = transition(booked.state, visit("a2", NOW + 5 * DAY), ctx());
    if (other.outcome !== "applied") throw new Error(other.reason);
    const cancelled = transition(other.state, visit("a1", NOW + 3 * DAY, "appointment.cancelled", NOW + 1), ctx());
    if (cancelled.outcome !== "applied") throw new Error(cancelled.reason);
    expect(cancelled.effects).toContainEqual({ kind: "cancel_timers", prefix: "reminder:a1:" });
    // Another visit is booked, so no outreach.
    expect(cancelled.state.stage).toBe("active");
    expect(sent(cancelled.effects)).toEqual([]);
  });
});

describe("at risk, lapsed, discharge and alumni", () => {
  it("a no-show without a rebooking -> at_risk with outreach and a task; the next attended visit -> active", () => {
    const d = transition(state("active"), samples["appointment.no_show"], ctx());
    if (d.outcome !== "applied") throw new Error(d.reason);
    expect(d.state.stage).toBe("at_risk");
    expect(sent(d.effects)).toEqual(["missed_visit_outreach"]);
    expect(d.effects).toContainEqual(expect.objectContaining({ kind: "create_task", type: "at_risk_outreach" }));
    const back = transition(d.state, visit("a9", NOW + DAY, "appointment.attended", NOW + DAY), ctx(NOW + DAY));
    expect(back.outcome === "applied" && back.state.stage).toBe("active");
  });

  it("a stale event about a visit changes nothing", () => {
    const attended = transition(state("scheduled"), visit("a1", NOW - HOUR, "appointment.attended", NOW), ctx());
    if (attended.outcome !== "applied") throw new Error(attended.reason);
    const stale = transition(attended.state, visit("a1", NOW - HOUR, "appointment.booked", NOW - DAY), ctx());
    expect(stale.outcome).toBe("ignored");
  });

  it("no future visit for 10 days before the plan is complete -> lapsed with a 3-touch sequence, then alumni", () => {
    const attended = transition(state("active", { visitsAttended: 3 }), visit("a1", NOW - HOUR, "appointment.attended"), ctx());
    if (attended.outcome !== "applied") throw new Error(attended.reason);
    const lapse = timers(attended.effects).find((t) => t.key === "lapse");
    expect(lapse?.at).toBe(NOW - HOUR + 10 * DAY);
    let s = attended.state;
    const fired = transition(s, ev({ type: "timer.fired", key: "lapse" }), ctx(lapse?.at));
    if (fired.outcome !== "applied") throw new Error(fired.reason);
    expect(fired.state.stage).toBe("lapsed");
    s = fired.state;
    const touches: string[] = [];
    for (let step = 0; step <= 3; step++) {
      const r = transition(s, ev({ type: "timer.fired", key: `reactivation:${step}` }), ctx((lapse?.at ?? 0) + step * 7 * DAY));
      if (r.outcome !== "applied") throw new Error(r.reason);
      touches.push(...sent(r.effects));
      s = r.state;
    }
    expect(touches).toEqual(["reactivation", "reactivation", "reactivation"]);
    expect(s.stage).toBe("alumni");
  });

  it("a complete plan does not lapse", () => {
    const done = transition(state("active", { visitsAttended: 11 }), visit("a1", NOW - HOUR, "appointment.attended"), ctx());
    if (done.outcome !== "applied") throw new Error(done.reason);
    expect(timers(done.effects).some((t) => t.key === "lapse")).toBe(false);
  });

  it("discharge -> survey, then alumni with check-ins at 30, 90 and 180 days", () => {
    const d = transition(state("active"), samples["episode.discharged"], ctx());
    if (d.outcome !== "applied") throw new Error(d.reason);
    expect(d.state.stage).toBe("discharged");
    const survey = transition(d.state, ev({ type: "timer.fired", key: "survey" }), ctx(NOW + 2 * HOUR));
    expect(survey.outcome === "applied" && sent(survey.effects)).toEqual(["discharge_survey"]);
    const alumni = transition(d.state, ev({ type: "timer.fired", key: "alumni" }), ctx(NOW + 7 * DAY));
    if (alumni.outcome !== "applied") throw new Error(alumni.reason);
    expect(alumni.state.stage).toBe("alumni");
    expect(timers(alumni.effects).map((t) => (t.at - (NOW + 7 * DAY)) / DAY)).toEqual([30, 90, 180]);
  });

  it("risk bands move active <-> at_risk only when risk put them there", () => {
    const high = transition(state("active"), samples["risk.changed"], ctx());
    if (high.outcome !== "applied") throw new Error(high.reason);
    expect(high.state.stage).toBe("at_risk");
    const low = transition(high.state, ev({ type: "risk.changed", band: "low" }), ctx());
    expect(low.outcome === "applied" && low.state.stage).toBe("active");
    const missed = transition(state("active"), samples["appointment.no_show"], ctx());
    if (missed.outcome !== "applied") throw new Error(missed.reason);
    const stillAtRisk = transition(missed.state, ev({ type: "risk.changed", band: "low" }), ctx());
    expect(stillAtRisk.outcome === "applied" && stillAtRisk.state.stage).toBe("at_risk");
  });

  it("policy switches turn behaviours off", () => {
    const policy = { ...defaultJourneyPolicy, enabled: { ...defaultJourneyPolicy.enabled, visitReminders: false, atRiskOutreach: false } };
    const booked = transition(state("scheduled"), visit("a1", NOW + 3 * DAY), ctx(NOW, policy));
    expect(booked.outcome === "applied" && timers(booked.effects)).toEqual([]);
    const missed = transition(state("active"), samples["appointment.no_show"], ctx(NOW, policy));
    expect(missed.outcome === "applied" && sent(missed.effects)).toEqual([]);
  });
});
