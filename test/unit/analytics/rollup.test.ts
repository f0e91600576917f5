import { describe, expect, it } from "vitest";
import { lastClosedDay, rollChunks } from "../../../src/analytics/rollup-days";
import { inSlices, rollupChanges, rollupRows } from "../../../src/analytics/rollup-rows";
import { zonedToUtc } from "../../../src/platform/time";

const NY = "America/New_York";
const HOUR = 3_600_000;

describe("rollChunks", () => {
  it("cuts the days at each clock change, the change day alone, and covers every day once", () => {
    const chunks = rollChunks("2026-02-20", "2026-11-20", NY);
    expect(chunks.map((c) => [c.from, c.to, c.offsetMs === null ? null : c.offsetMs / HOUR])).toEqual([
      ["2026-02-20", "2026-03-07", -5],
      ["2026-03-08", "2026-03-08", null], // spring forward: a 23-hour day
      ["2026-03-09", "2026-09-08", -4],
      ["2026-09-09", "2026-10-31", -4], // 184 days at most per chunk
      ["2026-11-01", "2026-11-01", null], // fall back: a 25-hour day
      ["2026-11-02", "2026-11-20", -5],
    ]);
    for (const [i, c] of chunks.entries()) {
      expect(c.fromMs).toBe(zonedToUtc(c.from, "00:00", NY));
      if (i > 0) expect(c.fromMs).toBe(chunks[i - 1]?.toMs);
    }
    expect(chunks.at(-1)?.toMs).toBe(zonedToUtc("2026-11-21", "00:00", NY));
  });

  it("a zone without clock changes is one chunk per 184 days; one day is one chunk; an empty span none", () => {
    expect(rollChunks("2026-01-01", "2026-12-31", "Asia/Kolkata").map((c) => [c.from, c.to])).toEqual([
      ["2026-01-01", "2026-07-03"],
      ["2026-07-04", "2026-12-31"],
    ]);
    expect(rollChunks("2026-05-05", "2026-05-05", NY)).toEqual([
      {
        from: "2026-05-05",
        to: "2026-05-05",
        fromMs: zonedToUtc("2026-05-05", "00:00", NY),
        toMs: zonedToUtc("2026-05-06", "00:00", NY),
        offsetMs: -4 * HOUR,
      },
    ]);
    expect(rollChunks("2026-05-06", "2026-05-05", NY)).toEqual([]);
  });

  it("a day is closed three days after it: every 48-hour answer window of its messages has passed", () => {
    expect(lastClosedDay("2026-03-01")).toBe("2026-02-26");
  });
});

describe("rollup rows", () => {
  const g = (period: string, therapist_id: string | null, counts: Record<string, number>, unattributed = 0) => ({
    period,
    therapist_id,
    source_id: null,
    unattributed,
    ...counts,
  });

  it("adds the statements' counts per day and group, keeps unattributed messages apart and leaves out empty groups", () => {
    const rows = rollupRows([
      g("2026-10-01", "t1", { attended: 2, noShow: 1 }),
      g("2026-10-01", "t1", { discharged: 1, completed: 1, dischargedVisits: 8 }),
      g("2026-10-01", null, { messagesSent: 3, messagesAnswered: 1 }, 1),
      g("2026-10-01", null, { messagesSent: 0 }),
      g("2026-10-02", "t1", { promoters: 1, surveyAnswers: 1 }),
    ]);
    expect(rows.map((r) => [r.day, r.therapistId, r.sourceId, r.unattributed, r.counts.filter((n) => n > 0)])).toEqual([
      ["2026-10-01", "t1", "", 0, [2, 1, 1, 1, 8]],
      ["2026-10-01", "", "", 1, [3, 1]],
      ["2026-10-02", "t1", "", 0, [1, 1]],
    ]);
  });

  it("writes only rows that are new or changed, and deletes groups no longer counted", () => {
    const [a, b, c] = rollupRows([
      g("2026-10-01", "t1", { attended: 2 }),
      g("2026-10-01", "t2", { attended: 1 }),
      g("2026-10-02", "t1", { attended: 1 }),
    ]);
    const fresh = rollupRows([
      g("2026-10-01", "t1", { attended: 2 }),
      g("2026-10-01", "t2", { attended: 2 }),
      g("2026-10-03", "t1", { noShow: 1 }),
    ]);
    const { upserts, deletes } = rollupChanges(
      [a, b, c].filter((r) => r !== undefined),
      fresh,
    );
    expect(upserts.map((r) => [r.day, r.therapistId])).toEqual([
      ["2026-10-01", "t2"],
      ["2026-10-03", "t1"],
    ]);
    expect(deletes.map((r) => [r.day, r.therapistId])).toEqual([["2026-10-02", "t1"]]);
    expect(rollupChanges(fresh, fresh)).toEqual({ upserts: [], deletes: [] });
  });

  it("writes in slices of at most the given size, every row once, in order", () => {
    const rows = Array.from({ length: 4_001 }, (_, i) => i);
    const slices = inSlices(rows, 2_000);
    expect(slices.map((s) => s.length)).toEqual([2_000, 2_000, 1]);
    expect(slices.flat()).toEqual(rows);
    expect(inSlices([], 2_000)).toEqual([]);
  });
});
