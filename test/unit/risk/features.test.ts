import { describe, expect, it } from "vitest";
import { cadenceRatio, plannedIntervalDays, riskFeaturesSchema, visitsBooked } from "../../../src/risk/features";
import { basePatient, mulberry32, randomFeatures } from "../../helpers/risk-features";

describe("risk features", () => {
  it("accept the base patient and every generated one", () => {
    expect(riskFeaturesSchema.parse(basePatient())).toEqual(basePatient());
    const random = mulberry32(1);
    for (let i = 0; i < 500; i++) expect(riskFeaturesSchema.safeParse(randomFeatures(random)).success).toBe(true);
  });

  it.each([
    ["more recent no-shows than the window", { recentNoShows: 4 }],
    ["adherence above 100%", { hepAdherence14d: 1.2 }],
    ["a response rate below 0", { messageResponseRate: -0.1 }],
    ["a visit number of 0", { visitNumber: 0 }],
    ["a plan with no visits a week", { plannedVisitsPerWeek: 0 }],
    ["a next visit flag of 2", { nextVisitBooked: 2 }],
    ["a fractional count", { noShowsTotal: 1.5 }],
  ])("reject %s", (_, overrides) => {
    expect(riskFeaturesSchema.safeParse({ ...basePatient(), ...overrides }).success).toBe(false);
  });

  it("read the plan's cadence as days between visits", () => {
    expect(plannedIntervalDays(2)).toBe(3.5);
    expect(plannedIntervalDays(1)).toBe(7);
    expect(cadenceRatio({ daysSinceLastVisit: 7, plannedVisitsPerWeek: 2 })).toBe(2);
    expect(cadenceRatio({ daysSinceLastVisit: 3.5, plannedVisitsPerWeek: 2 })).toBe(1);
  });

  it("count the visits that were due: attended, cancelled and no-show", () => {
    expect(visitsBooked({ visitsAttended: 5, cancellationsTotal: 2, noShowsTotal: 1 })).toBe(8);
  });
});
