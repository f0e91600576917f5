import { describe, expect, it } from "vitest";
import { CODE_MIN_GAP_MS, mayRequestCode, newStepUpCode, parseDateOfBirth, safeNext, triesLeft } from "../../../src/portal/step-up-model";

describe("date of birth as typed", () => {
  it("takes one ISO field or day, month and year fields", () => {
    expect(parseDateOfBirth({ dateOfBirth: "1961-03-27" })).toBe("1961-03-27");
    expect(parseDateOfBirth({ day: "27", month: "3", year: "1961" })).toBe("1961-03-27");
    expect(parseDateOfBirth({ day: " 7 ", month: "03", year: "1980" })).toBe("1980-03-07");
  });
  it("refuses dates that are not on the calendar, and odd input", () => {
    expect(parseDateOfBirth({ day: "31", month: "2", year: "1980" })).toBeNull();
    expect(parseDateOfBirth({ day: "29", month: "2", year: "2001" })).toBeNull();
    expect(parseDateOfBirth({ day: "29", month: "2", year: "2000" })).toBe("2000-02-29");
    expect(parseDateOfBirth({ day: "1", month: "13", year: "1980" })).toBeNull();
    expect(parseDateOfBirth({ day: "1", month: "1", year: "80" })).toBeNull();
    expect(parseDateOfBirth({ dateOfBirth: "1980-3-7" })).toBeNull();
    expect(parseDateOfBirth({ day: ["1"], month: "1", year: "1980" })).toBeNull();
    expect(parseDateOfBirth({})).toBeNull();
  });
});

describe("SMS codes", () => {
  it("are six digits, zero-padded, without modulo bias", () => {
    expect(newStepUpCode(() => Uint32Array.of(42))).toBe("000042");
    // 4,294,967,295 lies above the last whole block of a million: it is drawn again, not folded.
    const draws = [Uint32Array.of(0xffffffff), Uint32Array.of(123456)];
    expect(newStepUpCode(() => draws.shift() ?? Uint32Array.of(0))).toBe("123456");
    expect(newStepUpCode()).toMatch(/^\d{6}$/);
  });
  it("are sent at most once a minute and five times an hour", () => {
    const now = 10_000_000;
    expect(mayRequestCode([], now)).toBe(true);
    expect(mayRequestCode([now - CODE_MIN_GAP_MS + 1], now)).toBe(false);
    expect(mayRequestCode([now - CODE_MIN_GAP_MS], now)).toBe(true);
    const fiveThisHour = [1, 2, 3, 4, 5].map((k) => now - k * 10 * 60 * 1000 + 1);
    expect(mayRequestCode(fiveThisHour, now)).toBe(false);
    expect(mayRequestCode(fiveThisHour.slice(1), now)).toBe(true);
  });
});

describe("after the check", () => {
  it("goes back only to a portal page", () => {
    expect(safeNext("/portal/exercises")).toBe("/portal/exercises");
    expect(safeNext("/portal/learn/ice-or-heat")).toBe("/portal/learn/ice-or-heat");
    expect(safeNext("https://evil.example/portal")).toBe("/portal");
    expect(safeNext("//evil.example")).toBe("/portal");
    expect(safeNext("/portal/../admin")).toBe("/portal");
    expect(safeNext("/portal?x=1")).toBe("/portal");
    expect(safeNext(undefined)).toBe("/portal");
  });
  it("counts down five tries", () => {
    expect(triesLeft(1)).toBe(4);
    expect(triesLeft(5)).toBe(0);
    expect(triesLeft(9)).toBe(0);
  });
});
