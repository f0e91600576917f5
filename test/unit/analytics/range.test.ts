import { describe, expect, it } from "vitest";
import { boundsOf, previousRange, rangeQuerySchema, resolveRange } from "../../../src/analytics/range";

const NY = "America/New_York";

describe("analytics date range", () => {
  it("defaults to the last 28 days ending today in the clinic's zone", () => {
    // 02:00 UTC on Dec 1 is still Nov 30 in New York.
    expect(resolveRange({}, Date.parse("2026-12-01T02:00:00Z"), NY)).toEqual({ from: "2026-11-03", to: "2026-11-30" });
    expect(resolveRange({ from: "2026-01-01" }, 0, NY)).toEqual({ from: "2026-01-01", to: "2026-01-28" });
    expect(resolveRange({ to: "2026-01-28" }, 0, NY)).toEqual({ from: "2026-01-01", to: "2026-01-28" });
  });

  it("compares with the period of the same length just before", () => {
    expect(previousRange({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-01-29", to: "2026-02-28" });
    expect(previousRange({ from: "2026-03-05", to: "2026-03-05" })).toEqual({ from: "2026-03-04", to: "2026-03-04" });
  });

  it("turns local dates into instants from local midnight to the next local midnight, across DST", () => {
    const b = boundsOf({ from: "2026-03-08", to: "2026-03-08" }, NY);
    expect(new Date(b.fromMs).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(new Date(b.toMs).toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  it("refuses bad dates, a start after the end and ranges over two years", () => {
    expect(rangeQuerySchema.safeParse({ from: "", to: "" }).success).toBe(true);
    expect(rangeQuerySchema.safeParse({ from: "2026-01-01", to: "2027-12-31" }).success).toBe(true);
    const refused = [
      { from: "2026-02-30", to: "" },
      { from: "yesterday", to: "" },
      { from: "2026-03-02", to: "2026-03-01" },
      { from: "2026-01-01", to: "2028-01-02" },
    ];
    for (const q of refused) expect(rangeQuerySchema.safeParse(q).success, JSON.stringify(q)).toBe(false);
    const order = rangeQuerySchema.safeParse({ from: "2026-03-02", to: "2026-03-01" });
    expect(order.error?.issues[0]?.message).toBe("The start date must be on or before the end date.");
  });
});
