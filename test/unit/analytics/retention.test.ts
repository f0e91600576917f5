import { describe, expect, it } from "vitest";
import { retentionByMonth, retentionSpan } from "../../../src/analytics/retention";

describe("retention by start month", () => {
  it("reads start dates from the first day of the 12th month back to the range's last day", () => {
    expect(retentionSpan("2026-11-28")).toEqual({ from: "2025-12-01", to: "2026-11-28" });
    expect(retentionSpan("2027-01-01")).toEqual({ from: "2026-02-01", to: "2027-01-01" });
    expect(retentionSpan("2026-12-31")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("lists all 12 months oldest first, across a new year, with zeros where nothing started", () => {
    const months = retentionByMonth("2027-02-10", [
      { month: "2026-03", started: 2, completed: 1, inCare: 0, droppedOut: 1, otherDischarge: 0 },
      { month: "2027-01", started: 3, completed: 0, inCare: 3, droppedOut: 0, otherDischarge: 0 },
    ]);
    expect(months.map((m) => m.month)).toEqual([
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
    ]);
    expect(months[0]).toEqual({ month: "2026-03", started: 2, completed: 1, inCare: 0, droppedOut: 1, otherDischarge: 0 });
    expect(months[10]?.inCare).toBe(3);
    expect(months[11]).toEqual({ month: "2027-02", started: 0, completed: 0, inCare: 0, droppedOut: 0, otherDischarge: 0 });
  });
});
