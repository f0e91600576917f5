import { describe, expect, it } from "vitest";
import { RISK_FACTORS, type RiskFactor } from "../../../src/risk/factors";
import { DEFAULT_MODEL, type RiskModel, sigmoid } from "../../../src/risk/score";
import { evaluateModel, fitLogistic, timeSplit, trainRiskModel } from "../../../src/risk/train";
import { episodesFrom, mulberry32 } from "../../helpers/risk-features";

/**
 * A clinic unlike the defaults: cancellations matter twice as much, home exercises half as much,
 * and its returning patients drop out more than its new ones (the sign the default has reversed).
 */
const KNOWN_MODEL: RiskModel = {
  version: "known",
  intercept: -0.9,
  factors: Object.fromEntries(
    RISK_FACTORS.map((f) => {
      const w = DEFAULT_MODEL.factors[f];
      const factor = f === "recent_cancellations" ? 2 : f === "hep_adherence" ? 0.5 : f === "new_patient" ? -2 : 1;
      return [f, { ...w, weight: w.weight * factor }];
    }),
  ) as RiskModel["factors"],
};

describe("fitting a logistic regression", () => {
  it("lands where the penalised gradient is zero", () => {
    const random = mulberry32(3);
    const rows = Array.from({ length: 300 }, () => [random() * 2 - 1, random() * 2 - 1]);
    const labels = rows.map(([a, b]) => (random() < sigmoid(0.5 + 2 * (a as number) - (b as number)) ? 1 : 0));
    const l2 = 2;
    const fit = fitLogistic(rows, labels, { l2 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    const gradient = [0, l2 * (fit.weights[0] as number), l2 * (fit.weights[1] as number)];
    rows.forEach(([a, b], i) => {
      const residual =
        sigmoid(fit.intercept + (fit.weights[0] as number) * (a as number) + (fit.weights[1] as number) * (b as number)) -
        (labels[i] as number);
      gradient[0] = (gradient[0] as number) + residual;
      gradient[1] = (gradient[1] as number) + residual * (a as number);
      gradient[2] = (gradient[2] as number) + residual * (b as number);
    });
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-8);
    expect(fit.weights[0]).toBeGreaterThan(0);
    expect(fit.weights[1]).toBeLessThan(0);
  });

  it("shrinks harder with a larger penalty", () => {
    const random = mulberry32(5);
    const rows = Array.from({ length: 200 }, () => [random() * 2 - 1]);
    const labels = rows.map(([a]) => (random() < sigmoid(3 * (a as number)) ? 1 : 0));
    const loose = fitLogistic(rows, labels, { l2: 0.01 }).weights[0] as number;
    const tight = fitLogistic(rows, labels, { l2: 100 }).weights[0] as number;
    expect(tight).toBeGreaterThan(0);
    expect(tight).toBeLessThan(loose / 2);
  });

  it("is deterministic and gives an input that never varies weight 0", () => {
    const episodes = episodesFrom(KNOWN_MODEL, 400, 11).map((e) => ({ ...e, features: { ...e.features, returningPatient: 1 as const } }));
    const a = trainRiskModel(episodes, { version: "a" });
    const b = trainRiskModel(episodes, { version: "a" });
    expect(a).toEqual(b);
    expect(a.factors.new_patient.weight).toBeCloseTo(0, 12);
    expect(a.factors.new_patient.scale).toBe(1);
  });
});

describe("the time-based split", () => {
  it("trains on the earlier episodes and holds out the latest quarter", () => {
    const ends = [5, 1, 8, 3, 7, 2, 6, 4];
    const { train, heldOut } = timeSplit(ends.map((endedAt) => ({ endedAt })));
    expect(train.map((e) => e.endedAt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(heldOut.map((e) => e.endedAt)).toEqual([7, 8]);
  });

  it("keeps the input order among equal end times, and holds out at least one", () => {
    const { train, heldOut } = timeSplit([
      { endedAt: 1, id: "a" },
      { endedAt: 1, id: "b" },
      { endedAt: 1, id: "c" },
    ]);
    expect(train.map((e) => e.id)).toEqual(["a", "b"]);
    expect(heldOut.map((e) => e.id)).toEqual(["c"]);
    expect(timeSplit([])).toEqual({ train: [], heldOut: [] });
  });
});

describe("training recovers known weights", () => {
  const episodes = episodesFrom(KNOWN_MODEL, 5000, 2026);
  const { train, heldOut } = timeSplit(episodes);
  const fitted = trainRiskModel(train, { version: "clinic-test" });
  const perUnit = (m: RiskModel, f: RiskFactor) => m.factors[f].weight / m.factors[f].scale;

  it("separates held-out episodes within 0.02 AUROC of the model that generated them", () => {
    const known = evaluateModel(KNOWN_MODEL, heldOut);
    const learned = evaluateModel(fitted, heldOut);
    console.log(
      `recovered weights: held-out AUROC generating ${known.auroc?.toFixed(4)} fitted ${learned.auroc?.toFixed(4)}; ` +
        `Brier generating ${known.brier?.toFixed(4)} fitted ${learned.brier?.toFixed(4)} (${heldOut.length} held out, ${learned.dropped} dropped)`,
    );
    expect(heldOut).toHaveLength(1250);
    expect(Math.abs((learned.auroc as number) - (known.auroc as number))).toBeLessThanOrEqual(0.02);
    expect(Math.abs((learned.brier as number) - (known.brier as number))).toBeLessThanOrEqual(0.01);
  });

  it("gets the sign of every non-zero weight right, including the one the defaults have reversed", () => {
    const rows = RISK_FACTORS.map((f) => `${f}: ${perUnit(KNOWN_MODEL, f).toFixed(3)} -> ${perUnit(fitted, f).toFixed(3)}`);
    console.log(`per-unit weights, generating -> fitted:\n  ${rows.join("\n  ")}`);
    for (const f of RISK_FACTORS) {
      if (KNOWN_MODEL.factors[f].weight === 0) continue;
      expect(Math.sign(perUnit(fitted, f)), f).toBe(Math.sign(perUnit(KNOWN_MODEL, f)));
    }
    expect(perUnit(fitted, "new_patient")).toBeLessThan(0);
  });

  it("stores the clinic's own means and scales and the version it was given", () => {
    expect(fitted.version).toBe("clinic-test");
    for (const f of RISK_FACTORS) expect(fitted.factors[f].scale, f).toBeGreaterThan(0);
    // About 35% of generated patients have no home program; the mean comes from the rest only.
    expect(fitted.factors.hep_not_tracked.mean).toBeGreaterThan(0.3);
    expect(fitted.factors.hep_not_tracked.mean).toBeLessThan(0.4);
    expect(fitted.factors.hep_adherence.mean).toBeGreaterThan(0.4);
  });
});
