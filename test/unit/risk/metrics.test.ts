import { describe, expect, it } from "vitest";
import { auroc, brierScore } from "../../../src/risk/metrics";

describe("AUROC", () => {
  it("counts the pairs a dropout outscores a completer", () => {
    // Pairs (dropout, completer): 0.35>0.1 yes, 0.35>0.4 no, 0.8>0.1 yes, 0.8>0.4 yes -> 3 of 4.
    expect(auroc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it("counts a tie as half a pair", () => {
    // Dropout 0.5 ties both completers (0.5 + 0.5), dropout 0.9 beats both (2) -> 3 of 4.
    expect(auroc([0.5, 0.5, 0.5, 0.9], [0, 1, 0, 1])).toBe(0.75);
    expect(auroc([0.3, 0.3, 0.3, 0.3], [0, 1, 0, 1])).toBe(0.5);
  });

  it("does not depend on input order", () => {
    expect(auroc([0.8, 0.35, 0.1, 0.4], [1, 1, 0, 0])).toBe(0.75);
  });

  it("is 1 for a perfect ranking and 0 for a reversed one", () => {
    expect(auroc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auroc([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0])).toBe(0);
  });

  it("a larger hand-counted case with ties on both sides", () => {
    const scores = [0.2, 0.2, 0.4, 0.4, 0.4, 0.7, 0.9];
    const labels = [0, 1, 0, 1, 1, 0, 1];
    // Dropouts 0.2, 0.4, 0.4, 0.9 against completers 0.2, 0.4, 0.7:
    // 0.2 -> 0.5 + 0 + 0 = 0.5; each 0.4 -> 1 + 0.5 + 0 = 1.5; 0.9 -> 3. Total 6.5 of 12.
    expect(auroc(scores, labels)).toBeCloseTo(6.5 / 12, 15);
  });

  it("is null when only one outcome is present", () => {
    expect(auroc([0.1, 0.9], [1, 1])).toBeNull();
    expect(auroc([0.1, 0.9], [0, 0])).toBeNull();
    expect(auroc([], [])).toBeNull();
  });
});

describe("Brier score", () => {
  it("is the mean squared error of the probabilities", () => {
    // (0.01 + 0.16 + 0.4225 + 0.04) / 4
    expect(brierScore([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.158125, 15);
  });

  it("is 0 when certain and right, 1 when certain and wrong, 0.25 for a coin", () => {
    expect(brierScore([0, 1], [0, 1])).toBe(0);
    expect(brierScore([1, 0], [0, 1])).toBe(1);
    expect(brierScore([0.5, 0.5], [0, 1])).toBe(0.25);
  });

  it("is null with no episodes", () => {
    expect(brierScore([], [])).toBeNull();
  });
});
