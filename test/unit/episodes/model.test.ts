import { describe, expect, it } from "vitest";
import { authorizationState, planProgress, progressNoteDue } from "../../../src/episodes/model";

describe("planProgress", () => {
  it.each([
    [0, 12, 0],
    [6, 12, 50],
    [1, 3, 33],
    [2, 3, 67],
    [12, 12, 100],
    // Over plan: the count stays true, the bar caps at 100%.
    [14, 12, 100],
    [40, 1, 100],
  ])("%i of %i visits is %i%%", (attended, prescribed, percent) => {
    expect(planProgress(attended, prescribed)).toEqual({ attended, prescribed, percent });
  });

  it("a plan with no visits prescribed shows 0%, not NaN or Infinity", () => {
    expect(planProgress(3, 0).percent).toBe(0);
  });
});

describe("progressNoteDue", () => {
  it.each([
    [0, false],
    [1, false],
    [9, false],
    [10, true],
    [11, false],
    [19, false],
    [20, true],
    [30, true],
  ])("after %i attended visits: %s", (attended, due) => {
    expect(progressNoteDue(attended)).toBe(due);
  });
});

describe("authorizationState", () => {
  const auth = { visitsAuthorized: 12, endDate: "2026-12-31" };

  it("counts used and remaining from attended visits", () => {
    expect(authorizationState(auth, 5, "2026-11-30")).toMatchObject({ used: 5, remaining: 7, visitsLow: false });
  });

  it("warns at exactly 2 visits left, not at 3", () => {
    expect(authorizationState(auth, 9, "2026-11-30")).toMatchObject({ remaining: 3, visitsLow: false });
    expect(authorizationState(auth, 10, "2026-11-30")).toMatchObject({ remaining: 2, visitsLow: true });
    expect(authorizationState(auth, 11, "2026-11-30")).toMatchObject({ remaining: 1, visitsLow: true });
  });

  it("never shows a negative remaining count when visits exceed the authorization", () => {
    expect(authorizationState(auth, 15, "2026-11-30")).toMatchObject({ used: 15, remaining: 0, visitsLow: true });
  });

  it("is expiring soon at exactly 10 days before the end, not at 11", () => {
    expect(authorizationState(auth, 0, "2026-12-20")).toMatchObject({ daysLeft: 11, expiringSoon: false, expired: false });
    expect(authorizationState(auth, 0, "2026-12-21")).toMatchObject({ daysLeft: 10, expiringSoon: true, expired: false });
  });

  it("the end date itself still counts (0 days left), the day after is expired", () => {
    expect(authorizationState(auth, 0, "2026-12-31")).toMatchObject({ daysLeft: 0, expiringSoon: true, expired: false });
    // Expired yesterday: today is the day after the end date.
    expect(authorizationState(auth, 0, "2027-01-01")).toMatchObject({ daysLeft: -1, expiringSoon: false, expired: true });
  });

  it("counts days across a month and a year boundary", () => {
    expect(authorizationState({ visitsAuthorized: 1, endDate: "2027-01-05" }, 0, "2026-12-26").daysLeft).toBe(10);
    expect(authorizationState({ visitsAuthorized: 1, endDate: "2028-03-01" }, 0, "2028-02-28").daysLeft).toBe(2);
  });
});

describe("authorizationUse", () => {
  it("counts only attended visits within the authorization's dates, both ends included", async () => {
    const { authorizationUse } = await import("../../../src/episodes/model");
    const auth = { visitsAuthorized: 4, startDate: "2026-11-02", endDate: "2026-11-20" };
    const dates = ["2026-11-01", "2026-11-02", "2026-11-10", "2026-11-20", "2026-11-21"];
    expect(authorizationUse(auth, dates, "2026-11-15")).toMatchObject({ used: 3, remaining: 1, visitsLow: true, expiringSoon: true });
    expect(authorizationUse(auth, [], "2026-11-05")).toMatchObject({ used: 0, remaining: 4, visitsLow: false });
  });
});
