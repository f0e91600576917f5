import { describe, expect, it } from "vitest";
import { adherenceFigures, DOSE_LIMITS, doseShorthand, intervalDays, isValidDose, sameDose } from "../../../src/hep/dose";
import type { HepLog, ProgramItem } from "../../../src/hep/model";
import { parseAddForm, parseDoseForm, UNKNOWN_EXERCISE } from "../../../src/hep/schemas";

const dose = { sets: 2, reps: 10, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7 };

describe("dose shorthand", () => {
  it.each([
    [dose, "2 × 10, hold 5 s, 2×/day, 7 days/week"],
    [{ ...dose, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 3 }, "2 × 10, 1×/day, 3 days/week"],
    [{ sets: 1, reps: 3, holdSeconds: 30, timesPerDay: 1, daysPerWeek: 1 }, "1 × 3, hold 30 s, 1×/day, 1 day/week"],
  ])("%o reads %s", (d, text) => {
    expect(doseShorthand(d)).toBe(text);
  });
});

describe("dose limits", () => {
  it("accepts the bounds and refuses one past them, and fractions", () => {
    for (const [field, { min, max }] of Object.entries(DOSE_LIMITS)) {
      expect(isValidDose({ ...dose, [field]: min })).toBe(true);
      expect(isValidDose({ ...dose, [field]: max })).toBe(true);
      expect(isValidDose({ ...dose, [field]: min - 1 })).toBe(false);
      expect(isValidDose({ ...dose, [field]: max + 1 })).toBe(false);
    }
    expect(isValidDose({ ...dose, reps: 2.5 })).toBe(false);
    expect(DOSE_LIMITS).toMatchObject({
      sets: { min: 1, max: 10 },
      reps: { min: 1, max: 50 },
      holdSeconds: { min: 0, max: 120 },
      timesPerDay: { min: 1, max: 5 },
      daysPerWeek: { min: 1, max: 7 },
    });
  });

  it("compares doses field by field", () => {
    expect(sameDose(dose, { ...dose })).toBe(true);
    expect(sameDose(dose, { ...dose, daysPerWeek: 6 })).toBe(false);
  });
});

describe("days between sessions", () => {
  it("follows the exercise done on the most days", () => {
    expect(intervalDays([{ daysPerWeek: 7 }])).toBe(1);
    expect(intervalDays([{ daysPerWeek: 3 }, { daysPerWeek: 2 }])).toBe(3);
    expect(intervalDays([{ daysPerWeek: 1 }])).toBe(7);
    expect(intervalDays([{ daysPerWeek: 4 }])).toBe(2);
    expect(intervalDays([])).toBe(7);
  });
});

describe("builder forms", () => {
  const blank = { sets: "", reps: "", holdSeconds: "", timesPerDay: "", daysPerWeek: "" };

  it("fills blank dose fields from the exercise's usual dose, and keeps what was typed", () => {
    const parsed = parseAddForm({ exerciseId: "chin-tuck", ...blank, reps: " 12 " });
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({ dose: { sets: 2, reps: 12, holdSeconds: 5, timesPerDay: 2, daysPerWeek: 7 } }),
    });
    if (parsed.ok) expect(parsed.value.exercise.id).toBe("chin-tuck");
  });

  it("refuses an exercise that is not in the library, without flagging blank dose fields", () => {
    expect(parseAddForm({ exerciseId: "moonwalk", ...blank })).toEqual({ ok: false, errors: { exerciseId: UNKNOWN_EXERCISE } });
    expect(parseAddForm({})).toEqual({ ok: false, errors: { exerciseId: UNKNOWN_EXERCISE } });
  });

  it("refuses numbers out of range or not whole, naming the field", () => {
    const parsed = parseAddForm({ exerciseId: "bridge", ...blank, sets: "11", reps: "1.5", holdSeconds: "-1", daysPerWeek: "8" });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        sets: "Enter a whole number from 1 to 10",
        reps: "Enter a whole number from 1 to 50",
        holdSeconds: "Enter a whole number from 0 to 120",
        daysPerWeek: "Enter a whole number from 1 to 7",
      },
    });
  });

  it("needs every field to change a dose", () => {
    expect(parseDoseForm({ sets: "3", reps: "8", holdSeconds: "0", timesPerDay: "1", daysPerWeek: "5" })).toEqual({
      ok: true,
      value: { sets: 3, reps: 8, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 5 },
    });
    const parsed = parseDoseForm({ sets: "3", reps: "", holdSeconds: "0", timesPerDay: "6", daysPerWeek: "5" });
    expect(parsed).toEqual({ ok: false, errors: { reps: "Enter repetitions", timesPerDay: "Enter a whole number from 1 to 5" } });
  });
});

describe("adherence figures", () => {
  const item: ProgramItem = { exerciseId: "bridge", ...dose, timesPerDay: 1, startDate: "2026-11-01", endDate: null };
  const log = (date: string): HepLog => ({ date, exerciseId: "bridge", at: Date.parse(`${date}T12:00:00Z`) });

  it("gives percent, sessions done and prescribed over the last 14 days", () => {
    const logs = ["2026-11-30", "2026-11-29", "2026-11-20", "2026-11-10"].map(log); // the last is outside the window
    expect(adherenceFigures({ items: [item] }, logs, "2026-11-30")).toEqual({ percent: 21, done: 3, prescribed: 14 });
  });

  it("never says more done than prescribed, and nothing when nothing was prescribed", () => {
    const threeAWeek = { ...item, daysPerWeek: 3 };
    const daily = Array.from({ length: 14 }, (_, i) => log(`2026-11-${String(17 + i).padStart(2, "0")}`));
    expect(adherenceFigures({ items: [threeAWeek] }, daily, "2026-11-30")).toEqual({ percent: 100, done: 6, prescribed: 6 });
    expect(adherenceFigures({ items: [] }, daily, "2026-11-30")).toBeNull();
  });
});
