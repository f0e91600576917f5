import { describe, expect, it } from "vitest";
import { cadenceWords, FACTORS, RISK_FACTORS, type RiskFactor } from "../../../src/risk/factors";
import type { RiskFeatures } from "../../../src/risk/features";
import { contributions, DEFAULT_MODEL, MIN_REASON_CONTRIBUTION, score } from "../../../src/risk/score";
import { basePatient, mulberry32, randomFeatures } from "../../helpers/risk-features";

/** The expected reasons, recomputed the slow way: contributions summed per topic, sorted, top three. */
function expectedReasons(features: RiskFeatures) {
  const parts = contributions(features, DEFAULT_MODEL);
  const topics = new Map<string, { sum: number; lead: RiskFactor; leadPart: number; order: number }>();
  RISK_FACTORS.forEach((factor, j) => {
    const part = parts[j] as number;
    const topic = FACTORS[factor].topic;
    const entry = topics.get(topic);
    if (!entry) topics.set(topic, { sum: part, lead: factor, leadPart: part, order: topics.size });
    else {
      entry.sum += part;
      if (part > entry.leadPart) Object.assign(entry, { lead: factor, leadPart: part });
    }
  });
  return [...topics.values()]
    .filter((t) => t.sum >= MIN_REASON_CONTRIBUTION)
    .sort((a, b) => b.sum - a.sum || a.order - b.order)
    .slice(0, 3)
    .map((t) => ({ factor: t.lead, text: FACTORS[t.lead].words(features), contribution: Math.round(t.sum * 1000) / 1000 }));
}

describe("reasons", () => {
  it("name a lapsing patient's three biggest risks in plain words, largest first", () => {
    const result = score(basePatient({ recentNoShows: 2, noShowsTotal: 2, daysSinceLastVisit: 14, nextVisitBooked: 0 }));
    expect(result.band).toBe("high");
    expect(result.reasons.map((r) => r.text)).toEqual([
      "missed 2 of the last 3 visits",
      "14 days since the last visit (plan: every 3–4 days)",
      "no next visit booked",
    ]);
    const weights = result.reasons.map((r) => r.contribution);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it("say one thing once: recent no-shows and the no-show rate make one reason", () => {
    const result = score(basePatient({ recentNoShows: 2, noShowsTotal: 4 }));
    expect(result.reasons.filter((r) => r.factor === "recent_no_shows" || r.factor === "no_show_rate")).toHaveLength(1);
  });

  it("are the real top contributions for 2,000 generated patients", () => {
    const random = mulberry32(7);
    let withReasons = 0;
    for (let i = 0; i < 2000; i++) {
      const features = randomFeatures(random);
      const { reasons } = score(features);
      expect(reasons).toEqual(expectedReasons(features));
      if (reasons.length > 0) withReasons++;
    }
    expect(withReasons).toBeGreaterThan(1000);
  });

  it.each<[string, Partial<RiskFeatures>, string]>([
    ["early in care", { visitsAttended: 1, visitNumber: 2, visitsPrescribed: 12 }, "early in care: next is visit 2 of 12"],
    ["plan progress", { visitsAttended: 2, visitsPrescribed: 20 }, "2 of 20 planned visits done"],
    ["all recent visits missed", { recentVisits: 2, recentNoShows: 2 }, "missed all of the last 2 visits"],
    ["the only visit missed", { recentVisits: 1, recentNoShows: 1 }, "missed the last visit"],
    ["cancellations", { recentCancellations: 1 }, "cancelled 1 of the last 3 visits"],
    ["no-shows so far", { visitsAttended: 7, noShowsTotal: 3 }, "no-show at 3 of 10 visits so far"],
    ["cancellations so far", { visitsAttended: 7, cancellationsTotal: 1 }, "cancelled 1 of 8 visits so far"],
    ["a gap, weekly plan", { daysSinceLastVisit: 21, plannedVisitsPerWeek: 1 }, "21 days since the last visit (plan: every week)"],
    ["no visit yet", { visitsAttended: 0, daysSinceLastVisit: 9 }, "9 days since the episode started, no visit attended yet"],
    ["one day", { visitsAttended: 3, daysSinceLastVisit: 1 }, "1 day since the last visit (plan: every 3–4 days)"],
    ["next visit", { nextVisitBooked: 0 }, "no next visit booked"],
    ["home exercises", { hepAdherence14d: 0.2 }, "did 20% of home exercises in the last 14 days"],
    ["pain rising", { painTrendPerWeek: 1.46 }, "pain up 1.5 points a week in recent check-ins"],
    ["pain flat", { painTrendPerWeek: 0 }, "pain not improving in recent check-ins"],
    ["outcome worse", { outcomeChange: -0.1 }, "outcome score 10% worse than at intake"],
    ["outcome flat", { outcomeChange: 0 }, "no improvement in the outcome score since intake"],
    ["outcome barely better", { outcomeChange: 0.03 }, "outcome score only 3% better than at intake"],
    ["replies", { messageResponseRate: 0.25 }, "replied to 25% of messages"],
    ["slow replies, hours", { medianReplyDelayHours: 30 }, "takes about 30 hours to reply to messages"],
    ["slow replies, days", { medianReplyDelayHours: 80 }, "takes about 3 days to reply to messages"],
    ["authorization", { authorizationVisitsLeft: 1 }, "1 authorized visit left"],
    ["authorization used up", { authorizationVisitsLeft: 0 }, "no authorized visits left"],
    ["new patient", { returningPatient: 0 }, "new to the clinic"],
  ])("%s reads plainly", (_, overrides, words) => {
    const features = basePatient(overrides);
    const factor = RISK_FACTORS.find((f) => FACTORS[f].words(features) === words);
    expect(factor, `no factor says "${words}"`).toBeDefined();
  });

  it.each([
    [1, "every week"],
    [2, "every 3–4 days"],
    [3, "every 2–3 days"],
    [0.5, "every 2 weeks"],
    [7, "7 visits a week"],
    [5, "5 visits a week"],
  ])("a plan of %f visits a week reads %s", (perWeek, words) => {
    expect(cadenceWords(perWeek)).toBe(words);
  });
});
