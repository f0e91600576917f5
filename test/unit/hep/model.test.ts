import { describe, expect, it } from "vitest";
import {
  addDays,
  adherence,
  type HepLog,
  type Program,
  type ProgramItem,
  SAME_SESSION_MS,
  sessionsLogged,
  sessionsPrescribed,
  todaysExercises,
} from "../../../src/hep/model";

const today = "2026-11-30";
const windowStart = "2026-11-17"; // 13 days before today: the 14-day window

const item = (overrides: Partial<ProgramItem> = {}): ProgramItem => ({
  exerciseId: "bridge",
  sets: 2,
  reps: 10,
  holdSeconds: 3,
  timesPerDay: 1,
  daysPerWeek: 7,
  startDate: "2026-10-01",
  endDate: null,
  ...overrides,
});
const program = (...items: ProgramItem[]): Program => ({ items });

/** A log on `date` at `hour`:`minute` UTC (only the order and spacing of `at` matter). */
const log = (date: string, exerciseId = "bridge", hour = 9, minute = 0): HepLog => ({
  date,
  exerciseId,
  at: Date.parse(`${date}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`),
});
/** One log on each of the `n` days ending today. */
const lastDays = (n: number, exerciseId = "bridge") => Array.from({ length: n }, (_, i) => log(addDays(today, -i), exerciseId));

describe("sessionsPrescribed", () => {
  it("once a day every day for 14 days: 14", () => {
    expect(sessionsPrescribed(program(item()), windowStart, today)).toBe(14);
  });

  it("3 days a week over 14 days: 6", () => {
    expect(sessionsPrescribed(program(item({ daysPerWeek: 3 })), windowStart, today)).toBe(6);
  });

  it("twice a day, 5 days a week over 14 days: 20", () => {
    expect(sessionsPrescribed(program(item({ timesPerDay: 2, daysPerWeek: 5 })), windowStart, today)).toBe(20);
  });

  it("a program in its 4th day counts only its 4 days", () => {
    expect(sessionsPrescribed(program(item({ startDate: addDays(today, -3) })), windowStart, today)).toBe(4);
  });

  it("a partial week of a 3-days-a-week item rounds up: 4 days x 3/7 = 12/7 -> 2", () => {
    expect(sessionsPrescribed(program(item({ daysPerWeek: 3, startDate: addDays(today, -3) })), windowStart, today)).toBe(2);
  });

  it("a program that ended 5 days ago counts only its active days (9 of 14)", () => {
    expect(sessionsPrescribed(program(item({ endDate: addDays(today, -5) })), windowStart, today)).toBe(9);
  });

  it("items done together share sessions: the day needs what the most demanding item needs", () => {
    // Two daily items, once a day: still one session a day.
    expect(sessionsPrescribed(program(item(), item({ exerciseId: "clamshell" })), windowStart, today)).toBe(14);
    // Once a day every day + twice a day 3 days a week: layer 1 on 7 days, layer 2 on 3 days = 10 a week.
    const mixed = program(item(), item({ exerciseId: "quad-set", timesPerDay: 2, daysPerWeek: 3 }));
    expect(sessionsPrescribed(mixed, windowStart, today)).toBe(20);
  });

  it("nothing active: 0", () => {
    expect(sessionsPrescribed(program(), windowStart, today)).toBe(0);
    expect(sessionsPrescribed(program(item({ startDate: addDays(today, 1) })), windowStart, today)).toBe(0);
  });

  it("crosses month and year ends", () => {
    expect(sessionsPrescribed(program(item()), "2026-12-25", "2027-01-07")).toBe(14);
  });
});

describe("sessionsLogged", () => {
  it("two taps the same day on the same exercise: 1 session", () => {
    const logs = [log(today, "bridge", 9, 0), log(today, "bridge", 9, 1)];
    expect(sessionsLogged(logs, windowStart, today)).toBe(1);
    // Even when the program allows two sessions that day.
    expect(sessionsLogged(logs, windowStart, today, program(item({ timesPerDay: 2 })))).toBe(1);
  });

  it("several exercises and a whole-session log in one sitting: 1 session", () => {
    const logs = [log(today, "bridge", 9, 0), log(today, "clamshell", 9, 10), log(today, "session", 9, 30)];
    expect(sessionsLogged(logs, windowStart, today)).toBe(1);
  });

  it("morning and evening: 2 sessions, capped at the day's timesPerDay", () => {
    const logs = [log(today, "bridge", 8), log(today, "bridge", 18)];
    expect(sessionsLogged(logs, windowStart, today)).toBe(2);
    expect(sessionsLogged(logs, windowStart, today, program(item({ timesPerDay: 2 })))).toBe(2);
    expect(sessionsLogged(logs, windowStart, today, program(item({ timesPerDay: 1 })))).toBe(1);
  });

  it("a new session starts SAME_SESSION_MS after the first log of the previous one", () => {
    const first = log(today, "bridge", 8);
    const almost = { ...first, at: first.at + SAME_SESSION_MS - 1 };
    const exactly = { ...first, at: first.at + SAME_SESSION_MS };
    expect(sessionsLogged([first, almost], windowStart, today)).toBe(1);
    expect(sessionsLogged([first, exactly], windowStart, today)).toBe(2);
  });

  it("a log outside the window is ignored", () => {
    const logs = [log(addDays(windowStart, -1)), log(windowStart), log(today), log(addDays(today, 1))];
    expect(sessionsLogged(logs, windowStart, today)).toBe(2);
  });

  it("with a program, a day with no active item counts nothing", () => {
    const p = program(item({ startDate: addDays(today, -3) }));
    expect(sessionsLogged(lastDays(14), windowStart, today, p)).toBe(4);
  });
});

describe("adherence", () => {
  it("1 session a day every day for 14 days, 7 days logged: 0.5", () => {
    const logs = [0, 2, 4, 6, 8, 10, 12].map((i) => log(addDays(today, -i)));
    expect(adherence(program(item()), logs, today)).toBe(0.5);
  });

  it("a program started 3 days before today counts only its 4 days", () => {
    const p = program(item({ startDate: addDays(today, -3) }));
    expect(adherence(p, lastDays(2), today)).toBe(0.5);
    expect(adherence(p, lastDays(4), today)).toBe(1);
  });

  it("3 days a week, 3 sessions logged in the window: 3/6", () => {
    const logs = [log(today), log(addDays(today, -5)), log(addDays(today, -10))];
    expect(adherence(program(item({ daysPerWeek: 3 })), logs, today)).toBe(0.5);
  });

  it("a program that ended 5 days ago: logs after the end do not count", () => {
    const p = program(item({ endDate: addDays(today, -5) }));
    // 14 logs, one a day: 9 on active days (13 to 5 days ago), 5 after the end.
    expect(adherence(p, lastDays(14), today)).toBe(1);
    // Only the 5 days after the end logged: nothing on active days.
    expect(adherence(p, lastDays(5), today)).toBe(0);
  });

  it("a log outside the window is ignored", () => {
    const logs = [...lastDays(7), log(addDays(today, -14)), log(addDays(today, -20))];
    expect(adherence(program(item()), logs, today)).toBe(0.5);
  });

  it("two taps the same day count once", () => {
    const logs = [log(today, "bridge", 9, 0), log(today, "bridge", 9, 2)];
    expect(adherence(program(item({ startDate: addDays(today, -1) })), logs, today)).toBe(0.5);
  });

  it("nothing prescribed in the window: null", () => {
    expect(adherence(program(), lastDays(3), today)).toBeNull();
    expect(adherence(program(item({ endDate: addDays(today, -14) })), lastDays(3), today)).toBeNull();
    expect(adherence(program(item({ startDate: addDays(today, 1) })), lastDays(3), today)).toBeNull();
  });

  it("over-logging is capped at 1", () => {
    // 3 days a week prescribed (6), every day logged (14).
    expect(adherence(program(item({ daysPerWeek: 3 })), lastDays(14), today)).toBe(1);
    // Twice a day logged on a once-a-day program, plus whole-session logs.
    const logs = [...lastDays(14), ...lastDays(14).map((l) => ({ ...l, exerciseId: "session", at: l.at + 8 * 3600_000 }))];
    expect(adherence(program(item()), logs, today)).toBe(1);
  });

  it("nothing logged: 0", () => {
    expect(adherence(program(item()), [], today)).toBe(0);
  });
});

describe("todaysExercises", () => {
  const p = program(
    item({ exerciseId: "bridge" }),
    item({ exerciseId: "quad-set", timesPerDay: 2 }),
    item({ exerciseId: "clamshell", endDate: addDays(today, -1) }),
    item({ exerciseId: "step-up", startDate: addDays(today, 1) }),
  );
  const summary = (logs: HepLog[]) => todaysExercises(p, logs, today).map((t) => [t.item.exerciseId, t.timesDone, t.done]);

  it("lists only items active today, in program order, not done without logs", () => {
    expect(summary([])).toEqual([
      ["bridge", 0, false],
      ["quad-set", 0, false],
    ]);
  });

  it("marks an exercise done once it was logged timesPerDay times today", () => {
    const logs = [log(today, "bridge", 9), log(today, "bridge", 9, 1), log(today, "quad-set", 9), log(addDays(today, -1), "quad-set", 18)];
    expect(summary(logs)).toEqual([
      ["bridge", 1, true],
      ["quad-set", 1, false],
    ]);
    expect(summary([...logs, log(today, "quad-set", 19)])).toEqual([
      ["bridge", 1, true],
      ["quad-set", 2, true],
    ]);
  });

  it("a whole-session log counts for every exercise", () => {
    expect(summary([log(today, "session", 7)])).toEqual([
      ["bridge", 1, true],
      ["quad-set", 1, false],
    ]);
  });
});
