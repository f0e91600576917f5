import { describe, expect, it } from "vitest";
import { RISK_FACTORS, type RiskFactor } from "../../../src/risk/factors";
import type { RiskFeatures } from "../../../src/risk/features";
import {
  bandOf,
  DEFAULT_MODEL,
  DEFAULT_THRESHOLDS,
  type RiskModel,
  riskModelSchema,
  riskThresholdsSchema,
  score,
  sigmoid,
} from "../../../src/risk/score";
import { basePatient } from "../../helpers/risk-features";

const at = (overrides: Partial<RiskFeatures>) => score(basePatient(overrides)).score;

describe("dropout risk score", () => {
  it("gives a mid-care patient on schedule a low score with no reasons", () => {
    const result = score(basePatient());
    expect(result.score).toBeGreaterThan(0);
    expect(result.score).toBeLessThan(DEFAULT_THRESHOLDS.medium);
    expect(result.band).toBe("low");
    expect(result.reasons).toEqual([]);
    expect(result.modelVersion).toBe(DEFAULT_MODEL.version);
  });

  // Each row changes one thing about the base patient, from least to most risky: the score must rise at every step.
  it.each<[string, Partial<RiskFeatures>[]]>([
    ["more recent no-shows", [0, 1, 2, 3].map((n) => ({ recentNoShows: n, noShowsTotal: n }))],
    ["more no-shows over the episode", [0, 1, 2, 4].map((n) => ({ noShowsTotal: n }))],
    ["more recent cancellations", [0, 1, 2, 3].map((n) => ({ recentCancellations: n, cancellationsTotal: n }))],
    ["more cancellations over the episode", [0, 1, 3, 5].map((n) => ({ cancellationsTotal: n }))],
    ["longer since the last visit", [2, 5, 10, 20].map((d) => ({ daysSinceLastVisit: d }))],
    ["the same gap against a more frequent plan", [1, 2, 3].map((v) => ({ daysSinceLastVisit: 7, plannedVisitsPerWeek: v }))],
    ["no next visit booked", [{ nextVisitBooked: 1 }, { nextVisitBooked: 0 }]],
    ["lower home-exercise adherence", [1, 0.6, 0.2, 0].map((a) => ({ hepAdherence14d: a }))],
    ["pain rising faster", [-1, 0, 1, 2].map((p) => ({ painTrendPerWeek: p }))],
    ["outcome worse since intake", [0.4, 0.1, 0, -0.2].map((c) => ({ outcomeChange: c }))],
    ["fewer replies to messages", [1, 0.5, 0].map((r) => ({ messageResponseRate: r }))],
    ["slower replies", [1, 10, 48, 200].map((h) => ({ medianReplyDelayHours: h }))],
    ["fewer authorized visits left", [3, 2, 1, 0].map((n) => ({ authorizationVisitsLeft: n }))],
    ["new rather than returning", [{ returningPatient: 1 }, { returningPatient: 0 }]],
    ["fewer visits attended, into the first three", [8, 5, 3, 2, 1, 0].map((n) => ({ visitsAttended: n, visitNumber: n + 1 }))],
  ])("rises with %s", (_, steps) => {
    const scores = steps.map(at);
    for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeGreaterThan(scores[i - 1] as number);
  });

  it("no authorization tracked is no limit: scores like plenty of visits left", () => {
    expect(at({ authorizationVisitsLeft: null })).toBe(at({ authorizationVisitsLeft: 10 }));
    expect(at({ authorizationVisitsLeft: null })).toBeLessThan(at({ authorizationVisitsLeft: 1 }));
  });

  it.each<[string, Partial<RiskFeatures>, Partial<RiskFeatures>]>([
    ["home exercises", { hepAdherence14d: null }, { hepAdherence14d: DEFAULT_MODEL.factors.hep_adherence.mean }],
    ["pain trend", { painTrendPerWeek: null }, { painTrendPerWeek: DEFAULT_MODEL.factors.pain_trend.mean }],
    ["outcome change", { outcomeChange: null }, { outcomeChange: DEFAULT_MODEL.factors.outcome_change.mean }],
    [
      "messages",
      { messageResponseRate: null, medianReplyDelayHours: null },
      {
        messageResponseRate: DEFAULT_MODEL.factors.message_response.mean,
        medianReplyDelayHours: Math.expm1(DEFAULT_MODEL.factors.reply_delay.mean),
      },
    ],
  ])("a missing %s value is neutral: it scores as the model's mean", (_, missing, atMean) => {
    expect(at(missing)).toBeCloseTo(at(atMean), 12);
  });

  it("a model with every weight 0 gives its base rate and no reasons", () => {
    const flat: RiskModel = {
      version: "flat",
      intercept: Math.log(0.2 / 0.8),
      factors: Object.fromEntries(RISK_FACTORS.map((f) => [f, { weight: 0, mean: 0, scale: 1 }])) as RiskModel["factors"],
    };
    const result = score(basePatient({ recentNoShows: 3, noShowsTotal: 3, nextVisitBooked: 0 }), flat);
    expect(result.score).toBeCloseTo(0.2, 12);
    expect(result.reasons).toEqual([]);
    expect(result.modelVersion).toBe("flat");
  });

  it("keeps models apart when a batch alternates between them", () => {
    const doubled: RiskModel = {
      ...DEFAULT_MODEL,
      version: "doubled",
      factors: Object.fromEntries(
        RISK_FACTORS.map((f) => [f, { ...DEFAULT_MODEL.factors[f], weight: 2 * DEFAULT_MODEL.factors[f].weight }]),
      ) as RiskModel["factors"],
    };
    const patient = basePatient({ recentNoShows: 1, noShowsTotal: 1 });
    const once = score(patient).score;
    const twice = score(patient, doubled).score;
    expect(twice).toBeGreaterThan(once);
    expect(score(patient).score).toBe(once);
    expect(score(patient, doubled).score).toBe(twice);
  });

  it("sigmoid is stable at the extremes", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(-2)).toBeCloseTo(1 - sigmoid(2), 15);
  });
});

describe("default weights", () => {
  const perUnit = (f: RiskFactor) => DEFAULT_MODEL.factors[f].weight / DEFAULT_MODEL.factors[f].scale;

  it("point the documented way", () => {
    const raising: RiskFactor[] = [
      "early_care",
      "recent_no_shows",
      "recent_cancellations",
      "no_show_rate",
      "cancellation_rate",
      "visit_gap",
      "no_next_visit",
      "pain_trend",
      "reply_delay",
      "authorization_running_out",
      "new_patient",
    ];
    const lowering: RiskFactor[] = ["plan_progress", "hep_adherence", "outcome_change", "message_response"];
    const neutral: RiskFactor[] = ["hep_not_tracked", "messages_not_tracked"];
    expect([...raising, ...lowering, ...neutral].sort()).toEqual([...RISK_FACTORS].sort());
    for (const f of raising) expect(perUnit(f), f).toBeGreaterThan(0);
    for (const f of lowering) expect(perUnit(f), f).toBeLessThan(0);
    for (const f of neutral) expect(perUnit(f), f).toBe(0);
  });

  it("make a missed visit the strongest single event", () => {
    expect(Math.exp(perUnit("recent_no_shows"))).toBeCloseTo(2.5, 10);
    expect(perUnit("recent_no_shows")).toBeGreaterThan(perUnit("recent_cancellations"));
    expect(perUnit("recent_no_shows")).toBeGreaterThan(perUnit("no_next_visit"));
    expect(perUnit("recent_no_shows")).toBeGreaterThan(perUnit("early_care"));
  });

  it("put a typical patient at a quarter", () => {
    expect(sigmoid(DEFAULT_MODEL.intercept)).toBeCloseTo(0.25, 12);
  });
});

describe("bands", () => {
  it.each([
    [0, "low"],
    [0.29, "low"],
    [0.3, "medium"],
    [0.59, "medium"],
    [0.6, "high"],
    [1, "high"],
  ] as const)("%f with the default thresholds is %s", (p, band) => {
    expect(bandOf(p)).toBe(band);
  });

  it("follow the clinic's thresholds", () => {
    const clinic = { medium: 0.2, high: 0.45 };
    expect(bandOf(0.19, clinic)).toBe("low");
    expect(bandOf(0.2, clinic)).toBe("medium");
    expect(bandOf(0.45, clinic)).toBe("high");
    const risky = basePatient({ recentNoShows: 1, noShowsTotal: 1, daysSinceLastVisit: 8 });
    expect(score(risky).band).toBe("medium");
    expect(score(risky, DEFAULT_MODEL, { medium: 0.1, high: 0.2 }).band).toBe("high");
  });

  it("thresholds must be ordered and inside 0-1", () => {
    expect(riskThresholdsSchema.safeParse({ medium: 0.3, high: 0.6 }).success).toBe(true);
    expect(riskThresholdsSchema.safeParse({ medium: 0.6, high: 0.6 }).success).toBe(false);
    expect(riskThresholdsSchema.safeParse({ medium: 0.7, high: 0.6 }).success).toBe(false);
    expect(riskThresholdsSchema.safeParse({ medium: 0, high: 0.6 }).success).toBe(false);
    expect(riskThresholdsSchema.safeParse({ medium: 0.3, high: 1 }).success).toBe(false);
  });
});

describe("stored models", () => {
  it("round-trip through JSON and score the same", () => {
    const stored = riskModelSchema.parse(JSON.parse(JSON.stringify(DEFAULT_MODEL)));
    expect(stored).toEqual(DEFAULT_MODEL);
    const patient = basePatient({ recentNoShows: 2, noShowsTotal: 2 });
    expect(score(patient, stored)).toEqual(score(patient));
  });

  it("give a factor an older model does not know weight 0", () => {
    const { new_patient: _, ...older } = DEFAULT_MODEL.factors;
    const stored = riskModelSchema.parse({ ...DEFAULT_MODEL, version: "clinic-old", factors: older });
    expect(stored.factors.new_patient.weight).toBe(0);
    expect(score(basePatient({ returningPatient: 0 }), stored).score).toBe(score(basePatient({ returningPatient: 1 }), stored).score);
  });

  it("reject a model that cannot score", () => {
    expect(riskModelSchema.safeParse({ version: "", intercept: 0, factors: {} }).success).toBe(false);
    expect(riskModelSchema.safeParse({ version: "v", intercept: "x", factors: {} }).success).toBe(false);
    const zeroScale = { ...DEFAULT_MODEL, factors: { ...DEFAULT_MODEL.factors, visit_gap: { weight: 1, mean: 0, scale: 0 } } };
    expect(riskModelSchema.safeParse(zeroScale).success).toBe(false);
  });
});
