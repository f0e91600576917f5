import { describe, expect, it } from "vitest";
import { RISK_FACTORS } from "../../../src/risk/factors";
import { DEFAULT_MODEL, type RiskModel } from "../../../src/risk/score";
import { chooseModel, MIN_CLOSED_EPISODES, timeSplit, trainAndChoose } from "../../../src/risk/train";
import { episodesFrom } from "../../helpers/risk-features";

/** A clinic whose dropouts follow other signals than the defaults expect: the default ranks them poorly. */
const DIFFERENT: RiskModel = {
  version: "different",
  intercept: -1,
  factors: Object.fromEntries(
    RISK_FACTORS.map((f) => {
      const w = DEFAULT_MODEL.factors[f];
      return [f, { ...w, weight: f === "new_patient" || f === "plan_progress" ? -4 * w.weight : f === "no_next_visit" ? 0 : w.weight }];
    }),
  ) as RiskModel["factors"],
};

describe("choosing the clinic's model", () => {
  const { heldOut } = timeSplit(episodesFrom(DIFFERENT, 400, 9));

  it("uses the clinic's model at 100 closed episodes when it is better on held-out episodes, not at 99", () => {
    const at99 = chooseModel({ clinicModel: DIFFERENT, defaultModel: DEFAULT_MODEL, heldOut, closedEpisodes: MIN_CLOSED_EPISODES - 1 });
    expect(at99.chosen).toBe("default");
    expect(at99.reason).toBe("too_few_episodes");
    expect(at99.model).toBe(DEFAULT_MODEL);
    // Both metrics are still reported, for Settings.
    expect(at99.clinic?.auroc).toBeGreaterThan(at99.default.auroc as number);

    const at100 = chooseModel({ clinicModel: DIFFERENT, defaultModel: DEFAULT_MODEL, heldOut, closedEpisodes: MIN_CLOSED_EPISODES });
    expect(at100).toMatchObject({ chosen: "clinic", reason: "better", model: DIFFERENT, closedEpisodes: 100 });
    expect(at100.clinic?.episodes).toBe(heldOut.length);
    expect(at100.default.brier).toBeGreaterThan(0);
  });

  it("keeps the default when the clinic's model is only as good", () => {
    const same = { ...DEFAULT_MODEL, version: "clinic-same" };
    const choice = chooseModel({ clinicModel: same, defaultModel: DEFAULT_MODEL, heldOut, closedEpisodes: 400 });
    expect(choice.clinic?.auroc).toBe(choice.default.auroc);
    expect(choice).toMatchObject({ chosen: "default", reason: "not_better", model: DEFAULT_MODEL });
  });

  it("keeps the default when the clinic's model is worse", () => {
    const choice = chooseModel({ clinicModel: DEFAULT_MODEL, defaultModel: DIFFERENT, heldOut, closedEpisodes: 400 });
    expect(choice).toMatchObject({ chosen: "default", reason: "not_better", model: DIFFERENT });
  });

  it("keeps the default with no clinic model, or when the held-out episodes all ended the same way", () => {
    expect(chooseModel({ clinicModel: null, defaultModel: DEFAULT_MODEL, heldOut, closedEpisodes: 400 })).toMatchObject({
      chosen: "default",
      reason: "no_clinic_model",
      clinic: null,
    });
    const allCompleted = heldOut.map((e) => ({ ...e, dropped: false }));
    const choice = chooseModel({ clinicModel: DIFFERENT, defaultModel: DEFAULT_MODEL, heldOut: allCompleted, closedEpisodes: 400 });
    expect(choice).toMatchObject({ chosen: "default", reason: "held_out_one_outcome" });
    expect(choice.default.auroc).toBeNull();
  });
});

describe("the nightly fit for one clinic", () => {
  it("learns a clinic that differs from the defaults and chooses its model, reporting both", () => {
    const report = trainAndChoose(episodesFrom(DIFFERENT, 2000, 21), { version: "clinic-2026-12-01" });
    expect(report).toMatchObject({ chosen: "clinic", reason: "better", closedEpisodes: 2000, trainEpisodes: 1500, heldOutEpisodes: 500 });
    expect(report.model.version).toBe("clinic-2026-12-01");
    expect(report.clinicModel).toBe(report.model);
    expect(report.clinic?.auroc).toBeGreaterThan((report.default.auroc as number) + 0.02);
    expect(report.clinic?.brier).toBeLessThan(report.default.brier as number);
  });

  it("keeps the default for a small clinic but still shows what its history says", () => {
    const report = trainAndChoose(episodesFrom(DIFFERENT, 80, 22), { version: "clinic-small" });
    expect(report).toMatchObject({
      chosen: "default",
      reason: "too_few_episodes",
      closedEpisodes: 80,
      trainEpisodes: 60,
      heldOutEpisodes: 20,
    });
    expect(report.model).toBe(DEFAULT_MODEL);
    expect(report.clinicModel?.version).toBe("clinic-small");
    expect(report.clinic?.episodes).toBe(20);
  });

  it("fits nothing when every training episode ended the same way", () => {
    const completed = episodesFrom(DIFFERENT, 200, 23).map((e) => ({ ...e, dropped: false }));
    const report = trainAndChoose(completed, { version: "clinic-none" });
    expect(report).toMatchObject({ chosen: "default", reason: "no_clinic_model", clinicModel: null, clinic: null });
  });
});
