import { describe, expect, it } from "vitest";
import { defaultBusinessHours } from "../../../src/clinics/model";
import { CARE_SPACING_MS, withCareDefaults } from "../../../src/journey/care-timers";
import { type JourneyEvent, type JourneyEventType, journeyEventSchema } from "../../../src/journey/events";
import { type Effect, initialState, type JourneyState, type MachineContext, type Stage, transition } from "../../../src/journey/machine";
import { type CarePolicy, defaultCarePolicy, defaultJourneyPolicy } from "../../../src/journey/policy";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Monday 30 Nov 2026, 10:00 in New York (UTC-5 all through this file).
const NOW = Date.parse("2026-11-30T15:00:00Z");
/** 10:00 in New York on a December 2026 / January 2027 day. */
const at10 = (date: string) => Date.parse(`${date}T15:00:00Z`);

const ctx = (now: number, care: Partial<CarePolicy> = {}): MachineContext => ({
  now,
  policy: defaultJourneyPolicy,
  care: { ...defaultCarePolicy, ...care },
  timeZone: "America/New_York",
  businessHours: defaultBusinessHours,
});

let seq = 0;
const ev = (e: { type: JourneyEventType; occurredAt: number; [field: string]: unknown }): JourneyEvent =>
  journeyEventSchema.parse({ eventId: `c${seq++}`, ...e });
const fire = (key: string, at: number) => ev({ type: "timer.fired", key, occurredAt: at });

type Applied = { state: JourneyState; effects: Effect[] };
function apply(s: JourneyState, e: JourneyEvent, care: Partial<CarePolicy> = {}): Applied {
  const d = transition(s, e, ctx(e.occurredAt, care));
  if (d.outcome !== "applied") throw new Error(`${e.type}: ${d.outcome} (${d.reason})`);
  return d;
}

const sends = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "send_message" ? [`${e.purpose} ${e.dedupeKey}`] : []));
const timerAt = (effects: Effect[], key: string) => {
  const found = effects.filter((e) => (e.kind === "set_timer" || e.kind === "cancel_timer") && e.key === key).at(-1);
  return found?.kind === "set_timer" ? found.at : found ? "cancelled" : undefined;
};

function state(stage: Stage = "active", over: Partial<JourneyState> = {}): JourneyState {
  return { ...initialState(NOW - 30 * DAY), stage, episodeId: "ep1", visitsPrescribed: 12, ...over };
}

/** An active patient whose episode ep1 started at NOW and whose intake request already went out. */
function started(care: Partial<CarePolicy> = {}): JourneyState {
  const s = apply(state(), ev({ type: "episode.started", episodeId: "ep1", visitsPrescribed: 12, occurredAt: NOW }), care).state;
  return apply(s, fire("questionnaire", NOW), care).state;
}

describe("care timers at the start of an episode", () => {
  it("an episode in care asks for the intake questionnaire at once and arms the week and the 4-week timers", () => {
    const d = apply(state(), ev({ type: "episode.started", episodeId: "ep1", visitsPrescribed: 12, occurredAt: NOW }));
    expect(timerAt(d.effects, "questionnaire")).toBe(NOW);
    expect(timerAt(d.effects, "check-in")).toBe(at10("2026-12-07"));
    expect(timerAt(d.effects, "hep-nudge")).toBe("cancelled"); // no program yet
    const intake = apply(d.state, fire("questionnaire", NOW));
    expect(sends(intake.effects)).toEqual(["questionnaire_request questionnaire:ep1:intake"]);
    expect(intake.effects.at(-1)).toEqual({ kind: "write_projection" });
    expect(timerAt(intake.effects, "questionnaire")).toBe(at10("2026-12-28"));
    // The same timer heard again sends nothing: it is not due any more.
    const again = apply(intake.state, fire("questionnaire", NOW + 1000));
    expect(sends(again.effects)).toEqual([]);
    expect(again.effects).toContainEqual({ kind: "set_timer", key: "questionnaire", at: at10("2026-12-28") });
  });

  it("a referral's intake waits for the booking, and keeps a day's distance from the first contact", () => {
    const referred = apply(initialState(NOW), ev({ type: "episode.started", episodeId: "ep1", visitsPrescribed: 12, occurredAt: NOW }));
    expect(referred.state.stage).toBe("referred");
    expect(timerAt(referred.effects, "questionnaire")).toBe("cancelled");
    const contacted = apply(referred.state, fire("referral:0", NOW + 5 * 60_000));
    expect(sends(contacted.effects)).toEqual(["referral_first_contact referral:ep1:0"]);
    const booked = apply(
      contacted.state,
      ev({
        type: "appointment.booked",
        appointmentId: "a1",
        startsAt: NOW + 3 * DAY,
        endsAt: NOW + 3 * DAY + HOUR,
        occurredAt: NOW + HOUR,
      }),
    );
    expect(booked.state.stage).toBe("scheduled");
    expect(timerAt(booked.effects, "questionnaire")).toBe(NOW + 5 * 60_000 + CARE_SPACING_MS);
  });

  it("a questionnaire completed in the last few days makes the intake request unnecessary", () => {
    const done = apply(state(), ev({ type: "questionnaire.completed", instrumentId: "lefs", occurredAt: NOW - 2 * DAY }));
    const s = apply(done.state, ev({ type: "episode.started", episodeId: "ep1", visitsPrescribed: 12, occurredAt: NOW })).state;
    const intake = apply(s, fire("questionnaire", NOW));
    expect(sends(intake.effects)).toEqual([]);
    expect(timerAt(intake.effects, "questionnaire")).toBe(at10("2026-12-28"));
  });
});

describe("HEP nudge", () => {
  const program = (s: JourneyState, at: number, intervalDays = 1, active = true) =>
    apply(s, ev({ type: "hep.program_changed", episodeId: "ep1", active, intervalDays, occurredAt: at }));
  const logged = (s: JourneyState, date: string) => apply(s, ev({ type: "hep.logged", date, occurredAt: Date.parse(`${date}T23:00:00Z`) }));

  it("fires the morning after the interval and a grace day pass without a log, once per gap; a log re-arms it", () => {
    const p = program(started(), at10("2026-12-01"));
    expect(timerAt(p.effects, "hep-nudge")).toBe(at10("2026-12-04")); // Dec 2 due, Dec 3 grace, nudge Dec 4
    const log = logged(p.state, "2026-12-02");
    expect(timerAt(log.effects, "hep-nudge")).toBe(at10("2026-12-05"));
    // The timer armed before the log, if it still fires, waits for the new due time.
    const stale = apply(log.state, fire("hep-nudge", at10("2026-12-04")));
    expect(sends(stale.effects)).toEqual([]);
    expect(stale.effects).toContainEqual({ kind: "set_timer", key: "hep-nudge", at: at10("2026-12-05") });

    const nudge = apply(log.state, fire("hep-nudge", at10("2026-12-05")));
    expect(sends(nudge.effects)).toEqual(["hep_nudge hep-nudge:ep1:2026-12-02"]);
    expect(nudge.effects).toContainEqual(expect.objectContaining({ kind: "send_message", category: "automated" }));
    expect(timerAt(nudge.effects, "hep-nudge")).toBe("cancelled");
    // Still nothing logged: no second nudge for the same gap.
    expect(transition(nudge.state, fire("hep-nudge", at10("2026-12-09")), ctx(at10("2026-12-09"))).outcome).toBe("ignored");
    // Logging again re-arms it, for a new gap with its own key.
    const back = logged(nudge.state, "2026-12-06");
    expect(timerAt(back.effects, "hep-nudge")).toBe(at10("2026-12-09"));
    expect(sends(apply(back.state, fire("hep-nudge", at10("2026-12-09"))).effects)).toEqual(["hep_nudge hep-nudge:ep1:2026-12-06"]);
  });

  it("follows the prescribed interval: three days a week gives a 3-day interval", () => {
    const p = program(started(), at10("2026-12-01"), 3);
    expect(timerAt(logged(p.state, "2026-12-02").effects, "hep-nudge")).toBe(at10("2026-12-07"));
  });

  it("no program, an emptied program, a discharge or a switched-off policy: no nudge", () => {
    expect(transition(started(), fire("hep-nudge", at10("2026-12-10")), ctx(at10("2026-12-10"))).outcome).toBe("ignored");
    const emptied = program(program(started(), at10("2026-12-01")).state, at10("2026-12-02"), 1, false);
    expect(timerAt(emptied.effects, "hep-nudge")).toBe("cancelled");
    expect(transition(emptied.state, fire("hep-nudge", at10("2026-12-10")), ctx(at10("2026-12-10"))).outcome).toBe("ignored");

    const withProgram = program(started(), at10("2026-12-01")).state;
    const discharged = apply(
      withProgram,
      ev({ type: "episode.discharged", episodeId: "ep1", reason: "dropped_out", occurredAt: at10("2026-12-02") }),
    );
    expect(timerAt(discharged.effects, "hep-nudge")).toBe("cancelled");
    expect(transition(discharged.state, fire("hep-nudge", at10("2026-12-04")), ctx(at10("2026-12-04"))).outcome).toBe("ignored");

    const offPolicy = { hepNudges: false };
    const changed = ev({ type: "hep.program_changed", episodeId: "ep1", active: true, intervalDays: 1, occurredAt: at10("2026-12-01") });
    expect(timerAt(apply(started(offPolicy), changed, offPolicy).effects, "hep-nudge")).toBe("cancelled");
  });

  it("a program changed before the episode counts from the episode's start; logs are kept in every stage", () => {
    const before = apply(
      state("scheduled"),
      ev({ type: "hep.program_changed", active: true, intervalDays: 2, occurredAt: NOW - 10 * DAY }),
    );
    expect(before.effects).toEqual([]); // no open episode: nothing to arm
    expect(before.state.care.hep).toMatchObject({ active: true, intervalDays: 2 });
    const s = apply(before.state, ev({ type: "episode.started", episodeId: "ep1", visitsPrescribed: 12, occurredAt: NOW }));
    expect(timerAt(s.effects, "hep-nudge")).toBe(at10("2026-12-04")); // Nov 30 + 2 + 1 grace + 1
  });
});

describe("weekly check-in request", () => {
  it("asks 7 days after the start and every 7 days; a recorded check-in resets the week", () => {
    const s = started();
    const week1 = apply(s, fire("check-in", at10("2026-12-07")));
    expect(sends(week1.effects)).toEqual(["pain_check_in check-in:ep1:2026-11-30"]);
    expect(timerAt(week1.effects, "check-in")).toBe(at10("2026-12-14"));
    const checked = apply(week1.state, ev({ type: "checkin.recorded", score: 3, occurredAt: Date.parse("2026-12-10T20:00:00Z") }));
    expect(timerAt(checked.effects, "check-in")).toBe(at10("2026-12-17"));
    expect(sends(apply(checked.state, fire("check-in", at10("2026-12-14"))).effects)).toEqual([]);
    expect(sends(apply(checked.state, fire("check-in", at10("2026-12-17"))).effects)).toEqual(["pain_check_in check-in:ep1:2026-12-10"]);
  });

  it("pauses outside care (lapsed) and resumes when the patient comes back; off when switched off", () => {
    const s = { ...started(), stage: "lapsed" as const };
    expect(transition(s, fire("check-in", at10("2026-12-07")), ctx(at10("2026-12-07"))).outcome).toBe("ignored");
    const back = apply(
      s,
      ev({
        type: "appointment.attended",
        appointmentId: "a1",
        startsAt: at10("2026-12-09"),
        endsAt: at10("2026-12-09") + HOUR,
        occurredAt: at10("2026-12-09"),
      }),
    );
    expect(back.state.stage).toBe("active");
    expect(timerAt(back.effects, "check-in")).toBe(at10("2026-12-09")); // overdue: now
    const off = transition(
      started({ painCheckIns: false }),
      fire("check-in", at10("2026-12-07")),
      ctx(at10("2026-12-07"), { painCheckIns: false }),
    );
    expect(off.outcome).toBe("ignored");
  });
});

describe("questionnaires every 4 weeks and at discharge", () => {
  it("asks at 4 and 8 weeks; one completed in the last few days skips that period", () => {
    let s = started();
    const four = apply(s, fire("questionnaire", at10("2026-12-28")));
    expect(sends(four.effects)).toEqual(["questionnaire_request questionnaire:ep1:1"]);
    expect(timerAt(four.effects, "questionnaire")).toBe(at10("2027-01-25"));
    s = apply(four.state, ev({ type: "questionnaire.completed", instrumentId: "lefs", occurredAt: at10("2027-01-23") })).state;
    const eight = apply(s, fire("questionnaire", at10("2027-01-25")));
    expect(sends(eight.effects)).toEqual([]);
    expect(timerAt(eight.effects, "questionnaire")).toBe(at10("2027-02-22"));
  });

  it("discharge with goals met asks once at once and moves the satisfaction survey a day later", () => {
    const d = apply(started(), ev({ type: "episode.discharged", episodeId: "ep1", reason: "goals_met", occurredAt: at10("2026-12-20") }));
    expect(d.state.stage).toBe("discharged");
    expect(timerAt(d.effects, "questionnaire-discharge")).toBe(at10("2026-12-20"));
    expect(timerAt(d.effects, "survey")).toBe(at10("2026-12-20") + CARE_SPACING_MS);
    for (const key of ["hep-nudge", "check-in", "questionnaire"]) expect(timerAt(d.effects, key)).toBe("cancelled");
    const asked = apply(d.state, fire("questionnaire-discharge", at10("2026-12-20")));
    expect(sends(asked.effects)).toEqual(["questionnaire_request questionnaire:ep1:discharge"]);
    expect(transition(asked.state, fire("questionnaire-discharge", at10("2026-12-21")), ctx(at10("2026-12-21"))).outcome).toBe("ignored");
  });

  it("discharge for another reason asks nothing and keeps the survey's own time", () => {
    const d = apply(started(), ev({ type: "episode.discharged", episodeId: "ep1", reason: "dropped_out", occurredAt: at10("2026-12-20") }));
    expect(timerAt(d.effects, "questionnaire-discharge")).toBeUndefined();
    expect(timerAt(d.effects, "survey")).toBe(at10("2026-12-20") + 2 * HOUR);
  });
});

describe("care messages share the caps", () => {
  it("two care timers due the same morning go out a day apart", () => {
    let s = started();
    for (const date of ["2026-12-07", "2026-12-14", "2026-12-21"]) s = apply(s, fire("check-in", at10(date))).state;
    const checkIn = apply(s, fire("check-in", at10("2026-12-28")));
    expect(sends(checkIn.effects)).toEqual(["pain_check_in check-in:ep1:2026-12-21"]);
    expect(timerAt(checkIn.effects, "questionnaire")).toBe(at10("2026-12-28") + CARE_SPACING_MS);
    const early = apply(checkIn.state, fire("questionnaire", at10("2026-12-28")));
    expect(sends(early.effects)).toEqual([]);
    const later = apply(checkIn.state, fire("questionnaire", at10("2026-12-28") + CARE_SPACING_MS));
    expect(sends(later.effects)).toEqual(["questionnaire_request questionnaire:ep1:1"]);
  });

  it("ten weeks of care: every message has its own key, none within a day of another, each timer once per reason", () => {
    const timers = new Map<string, number>();
    const sent: { at: number; line: string }[] = [];
    let s = state();
    const run = (e: JourneyEvent) => {
      const d = transition(s, e, ctx(e.occurredAt));
      if (d.outcome !== "applied") return;
      s = d.state;
      for (const x of d.effects) {
        if (x.kind === "set_timer") timers.set(x.key, x.at);
        if (x.kind === "cancel_timer") timers.delete(x.key);
        if (x.kind === "cancel_timers") for (const k of [...timers.keys()]) if (k.startsWith(x.prefix)) timers.delete(k);
        if (x.kind === "send_message") sent.push({ at: e.occurredAt, line: `${x.purpose} ${x.dedupeKey}` });
      }
    };
    const days = (n: number) => NOW + n * DAY;
    const inputs: JourneyEvent[] = [
      ev({ type: "episode.started", episodeId: "ep1", visitsPrescribed: 12, occurredAt: NOW }),
      ev({ type: "hep.program_changed", episodeId: "ep1", active: true, intervalDays: 1, occurredAt: days(1) }),
      // Logs every day for ten days, then a gap, one log on day 20, then nothing.
      ...Array.from({ length: 10 }, (_, i) => ev({ type: "hep.logged", date: null, occurredAt: days(i + 1) + 2 * HOUR })),
      ev({ type: "hep.logged", date: null, occurredAt: days(20) + 2 * HOUR }),
      ev({ type: "checkin.recorded", score: 5, occurredAt: days(17) }),
    ].sort((a, b) => a.occurredAt - b.occurredAt);
    const end = days(70);
    for (;;) {
      const [key, due] = [...timers.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0] ?? ["", Number.POSITIVE_INFINITY];
      const next = inputs[0];
      if (Math.min(due, next?.occurredAt ?? Number.POSITIVE_INFINITY) > end) break;
      if (next && next.occurredAt <= due) run(inputs.shift() as JourneyEvent);
      else {
        timers.delete(key);
        run(fire(key, due));
      }
    }
    const lines = sent.map((x) => x.line);
    expect(new Set(lines).size).toBe(lines.length);
    const gaps = sent.slice(1).map((x, i) => x.at - (sent[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(CARE_SPACING_MS);
    expect(lines.filter((l) => l.startsWith("hep_nudge"))).toEqual([
      "hep_nudge hep-nudge:ep1:2026-12-10",
      "hep_nudge hep-nudge:ep1:2026-12-20",
    ]);
    expect(lines.filter((l) => l.startsWith("questionnaire_request"))).toEqual([
      "questionnaire_request questionnaire:ep1:intake",
      "questionnaire_request questionnaire:ep1:1",
      "questionnaire_request questionnaire:ep1:2",
    ]);
    // Weekly, with the check-in recorded on day 17 resetting the week (no request that week).
    expect(lines.filter((l) => l.startsWith("pain_check_in")).length).toBeGreaterThanOrEqual(8);
    expect(lines).not.toContain("pain_check_in check-in:ep1:2026-12-14");
  });
});

describe("journeys stored before care timers", () => {
  it("gain the care fields; an episode already in care is followed from now on without an intake request", () => {
    const { care: _care, lastAutomatedAt: _last, ...old } = state("active");
    const s = withCareDefaults(old, NOW, "America/New_York");
    expect(s.lastAutomatedAt).toBeNull();
    expect(s.care).toMatchObject({ episodeId: "ep1", startedDate: "2026-11-30", questionnaire: { intakeSettled: true } });
    const fresh = withCareDefaults({ ...old, stage: "new", episodeId: null }, NOW, "America/New_York");
    expect(fresh.care.episodeId).toBeNull();
  });
});
