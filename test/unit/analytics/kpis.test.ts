import { describe, expect, it } from "vitest";
import { compare, formatChange, formatKpi } from "../../../src/analytics/compare";
import { addCounts, computeKpis, emptyCounts, kpiDefinitions } from "../../../src/analytics/kpis";

const def = (id: string) => {
  const d = kpiDefinitions.find((k) => k.id === id);
  if (!d) throw new Error(id);
  return d;
};

describe("KPI arithmetic", () => {
  it("divides the counts as each definition says", () => {
    const c = addCounts(emptyCounts(), {
      attended: 6,
      noShow: 1,
      cancelled: 3,
      discharged: 4,
      completed: 3,
      droppedOut: 1,
      dischargedVisits: 30,
      started: 5,
      seen: 4,
      referred: 2,
      referredSeen: 1,
      daysToFirstVisit: 10,
      reactivations: 1,
      checkInWeeks: 8,
      checkInWeeksDone: 6,
      messagesSent: 5,
      messagesAnswered: 2,
      hepSessionsPrescribed: 40,
      hepSessionsDone: 30,
      surveyAnswers: 8,
      promoters: 5,
      detractors: 1,
      reviewsAsked: 4,
      reviewsOpened: 2,
    });
    expect(computeKpis(c, 120)).toEqual({
      arrivalRate: 0.6,
      cancellationRate: 0.3,
      noShowRate: 0.1,
      completionRate: 0.75,
      dropoutRate: 0.25,
      visitsPerEpisode: 7.5,
      daysToFirstVisit: 2.5,
      referralConversion: 0.5,
      messageResponseRate: 0.4,
      checkInAdherence: 0.75,
      hepAdherence: 0.75,
      // (5 promoters - 1 detractor) / 8 answers = 50 points.
      nps: 50,
      reviewsAsked: 4,
      reviewsOpened: 2,
      reactivations: 1,
      revenuePerEpisode: 900,
    });
  });

  it("gives no number (not zero) when there is nothing to divide by, and no revenue without a rate", () => {
    const k = computeKpis(emptyCounts(), null);
    expect(k.arrivalRate).toBeNull();
    expect(k.completionRate).toBeNull();
    expect(k.revenuePerEpisode).toBeNull();
    expect(k.reactivations).toBe(0);
    // No answers is no NPS, not an NPS of 0; no prescribed sessions is no adherence.
    expect(k.nps).toBeNull();
    expect(k.hepAdherence).toBeNull();
    expect(k.reviewsAsked).toBe(0);
    expect(computeKpis(addCounts(emptyCounts(), { discharged: 2, dischargedVisits: 9 }), null).revenuePerEpisode).toBeNull();
  });

  it("adds rows up, treating missing and null columns as zero", () => {
    const c = emptyCounts();
    addCounts(c, { attended: 2 });
    addCounts(c, { attended: 3, noShow: null as unknown as number });
    expect(c.attended).toBe(5);
    expect(c.noShow).toBe(0);
  });

  it("scores NPS from -100 (all detractors) to 100 (all promoters), passives counting in the total only", () => {
    const nps = (promoters: number, detractors: number, surveyAnswers: number) =>
      computeKpis(addCounts(emptyCounts(), { promoters, detractors, surveyAnswers }), null).nps;
    expect(nps(3, 0, 3)).toBe(100);
    expect(nps(0, 2, 2)).toBe(-100);
    expect(nps(1, 1, 2)).toBe(0);
    expect(nps(1, 0, 3)).toBeCloseTo(100 / 3, 12);
  });

  it("judges a change by the direction that is good for that KPI", () => {
    expect(compare(def("arrivalRate"), 0.8, 0.7).verdict).toBe("better");
    expect(compare(def("noShowRate"), 0.1, 0.05).verdict).toBe("worse");
    expect(compare(def("daysToFirstVisit"), 3, 5).verdict).toBe("better");
    expect(compare(def("arrivalRate"), 0.3, 0.1 + 0.2)).toEqual({ current: 0.3, previous: 0.1 + 0.2, change: 0, verdict: "same" });
    expect(compare(def("arrivalRate"), 0.3, null)).toEqual({ current: 0.3, previous: null, change: null, verdict: "unknown" });
  });

  it("formats rates in percent and changes of rates in points", () => {
    expect(formatKpi("rate", 0.6667)).toBe("66.7%");
    expect(formatKpi("days", 2.25)).toBe("2.3");
    expect(formatKpi("count", 3)).toBe("3");
    expect(formatKpi("rate", null)).toBe("—");
    expect(formatChange("rate", -0.05)).toBe("−5.0 pts");
    expect(formatChange("number", 1.5)).toBe("+1.5");
    expect(formatChange("count", 0)).toBe("±0");
    expect(formatKpi("score", 100 / 3)).toBe("33");
    expect(formatKpi("score", -50)).toBe("-50");
    expect(formatChange("score", -50)).toBe("−50");
  });

  it("defines every KPI in words", () => {
    for (const k of kpiDefinitions) expect(k.definition.length).toBeGreaterThan(20);
  });
});
