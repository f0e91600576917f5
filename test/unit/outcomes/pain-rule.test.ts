import { describe, expect, it } from "vitest";
import { PAIN_RISE, painAlert, painRuleKey, painTask, SEVERE_PAIN } from "../../../src/outcomes/pain-rule";

describe("pain rule", () => {
  it.each([
    // score, baseline, reason
    [8, null, "severe"],
    [10, 9, "severe"],
    [8, 8, "severe"],
    [7, null, null],
    [7, 6, null],
    [7, 5, "rise"],
    [6, 3, "rise"],
    [2, 0, "rise"],
    [1, 0, null],
    [3, 7, null],
    [0, 0, null],
  ] as const)("pain %i with baseline %s: %s", (score, baseline, reason) => {
    expect(painAlert(score, baseline)?.reason ?? null).toBe(reason);
  });

  it("uses the published thresholds", () => {
    expect(SEVERE_PAIN).toBe(8);
    expect(PAIN_RISE).toBe(2);
  });

  it("the first check-in (no baseline) cannot be a rise", () => {
    expect(painAlert(7, null)).toBeNull();
  });

  it("makes one due-today task per response with a plain title", () => {
    const rise = painTask({ reason: "rise", score: 6, baseline: 3 }, { patientId: "p1", responseId: "r1", today: "2026-11-30" });
    expect(rise).toEqual({
      ruleKey: "pain-increase:r1",
      type: "pain_increase",
      title: "Pain up 3 points from baseline (3 → 6/10)",
      patientId: "p1",
      dueDate: "2026-11-30",
    });
    const severe = painTask({ reason: "severe", score: 9 }, { patientId: "p1", responseId: "r2", today: "2026-11-30" });
    expect(severe.title).toBe("Pain 9/10 reported by the patient");
    expect(severe.ruleKey).toBe(painRuleKey("r2"));
    expect(painRuleKey("r1")).not.toBe(painRuleKey("r2"));
  });
});
