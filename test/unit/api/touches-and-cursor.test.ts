import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, pageOf } from "../../../src/api/cursor";
import { nextTouches, touchOf } from "../../../src/api/touches";

describe("next touches from journey timers", () => {
  it("names every timer the machine sets", () => {
    const cases: [string, string, string | null][] = [
      ["reminder:appt1:48:1700000000000", "visit_reminder", "appt1"],
      ["referral:0", "referral_first_contact", null],
      ["referral:2", "referral_follow_up", null],
      ["lapse", "lapse_check", null],
      ["reactivation:1", "reactivation", null],
      ["survey", "discharge_survey", null],
      ["alumni", "alumni_transition", null],
      ["alumni-check-in:90", "alumni_check_in", null],
      ["hep-nudge", "exercise_reminder", null],
      ["check-in", "check_in_request", null],
      ["questionnaire", "questionnaire", null],
      ["questionnaire-discharge", "discharge_questionnaire", null],
      ["something-new", "other", null],
    ];
    for (const [key, kind, appointmentId] of cases) expect(touchOf({ key, at: 5 }), key).toEqual({ kind, at: 5, appointmentId });
  });

  it("lists them soonest first", () => {
    const touches = nextTouches([
      { key: "lapse", at: 30 },
      { key: "reminder:a:24:99", at: 10 },
      { key: "check-in", at: 20 },
    ]);
    expect(touches.map((t) => t.kind)).toEqual(["visit_reminder", "check_in_request", "lapse_check"]);
  });
});

describe("keyset cursors", () => {
  it("round-trip their key and refuse anything else", () => {
    expect(decodeCursor(encodeCursor(["2026-11-30", "01jabc"]), "string")).toEqual(["2026-11-30", "01jabc"]);
    expect(decodeCursor(encodeCursor([1_764_511_200_000, "01jabc"]), "number")).toEqual([1_764_511_200_000, "01jabc"]);
    expect(decodeCursor(encodeCursor([1_764_511_200_000, "01jabc"]), "string")).toBeNull();
    for (const bad of ["", "not a cursor", "bm90IGpzb24", encodeCursor(["a", "b"]).slice(0, -3), "W10"])
      expect(decodeCursor(bad, "string"), bad).toBeNull();
  });

  it("give a next cursor only when a row beyond the page exists", () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}` }));
    expect(pageOf(rows, 3, (r) => [r.id, r.id])).toEqual({ data: rows, nextCursor: null });
    const first = pageOf(rows, 2, (r) => [r.id, r.id]);
    expect(first.data).toEqual(rows.slice(0, 2));
    expect(decodeCursor(first.nextCursor ?? "", "string")).toEqual(["r2", "r2"]);
  });
});
