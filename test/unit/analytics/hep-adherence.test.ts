import { describe, expect, it } from "vitest";
import type { HepEpisodeRow } from "../../../src/analytics/engagement-queries";
import { hepCounts } from "../../../src/analytics/hep-adherence";
import { adherence, type HepLog, type ProgramItem } from "../../../src/hep/model";
import { zonedToUtc } from "../../../src/platform/time";

const NY = "America/New_York";
const dose = { sets: 2, reps: 10, holdSeconds: 0 };
const item = (over: Partial<ProgramItem>): ProgramItem => ({
  exerciseId: "wall-slide",
  ...dose,
  timesPerDay: 1,
  daysPerWeek: 7,
  startDate: "2026-11-01",
  endDate: null,
  ...over,
});
const log = (date: string, time = "08:00", exerciseId = "wall-slide"): HepLog => ({ date, at: zonedToUtc(date, time, NY), exerciseId });

function row(items: ProgramItem[], logs: HepLog[], over: Partial<HepEpisodeRow> = {}): HepEpisodeRow {
  return {
    episode_id: "e1",
    start_date: "2026-10-01",
    discharged_at: null,
    therapist_id: "t1",
    source_id: null,
    items: JSON.stringify(items),
    logs: JSON.stringify(logs.map((l) => [l.date, l.at, l.exerciseId])),
    ...over,
  };
}

const periods = {
  current: { from: "2026-11-01", to: "2026-11-14" },
  previous: { from: "2026-10-18", to: "2026-10-31" },
};

describe("HEP adherence over a range", () => {
  it("is the patient's 14-day adherence when the range is those 14 days", () => {
    const cases: [ProgramItem[], HepLog[]][] = [
      // Every day, once: 5 of 14.
      [[item({})], ["2026-11-02", "2026-11-03", "2026-11-05", "2026-11-08", "2026-11-13"].map((d) => log(d))],
      // Twice a day on 3 days a week: two sessions need two hours between them; a third that day is not counted.
      [
        [item({ timesPerDay: 2, daysPerWeek: 3 })],
        [
          log("2026-11-02", "08:00"),
          log("2026-11-02", "09:00"),
          log("2026-11-02", "12:00"),
          log("2026-11-04", "07:00"),
          log("2026-11-04", "21:00"),
        ],
      ],
      // Two exercises, one changed halfway (the old row ends, a new one starts); a whole-session log.
      [
        [
          item({ endDate: "2026-11-07" }),
          item({ startDate: "2026-11-08", daysPerWeek: 4 }),
          item({ exerciseId: "chin-tuck", timesPerDay: 2, daysPerWeek: 2 }),
        ],
        [log("2026-11-01"), log("2026-11-01", "19:00", "chin-tuck"), log("2026-11-09", "08:00", "session"), log("2026-11-12")],
      ],
    ];
    for (const [items, logs] of cases) {
      const [counts] = hepCounts([row(items, logs)], { periods, today: "2026-11-14", timeZone: NY });
      const expected = adherence({ items }, logs, "2026-11-14");
      expect(counts?.period).toBe("current");
      expect((counts?.hepSessionsDone ?? 0) / (counts?.hepSessionsPrescribed ?? 1)).toBeCloseTo(expected ?? Number.NaN, 12);
    }
  });

  it("counts the episode's days in care only: from its start, to its discharge day or today", () => {
    const items = [item({ startDate: "2026-10-01" })];
    const logs = ["2026-10-20", "2026-11-02", "2026-11-03", "2026-11-06"].map((d) => log(d));
    // Started Oct 25: 7 days of the previous period. Discharged Nov 3 at 11:00: Nov 1-3 of this one.
    const discharged = row(items, logs, { start_date: "2026-10-25", discharged_at: zonedToUtc("2026-11-03", "11:00", NY) });
    expect(hepCounts([discharged], { periods, today: "2026-11-30", timeZone: NY })).toEqual([
      { period: "current", therapist_id: "t1", source_id: null, hepSessionsPrescribed: 3, hepSessionsDone: 2 },
      { period: "previous", therapist_id: "t1", source_id: null, hepSessionsPrescribed: 7, hepSessionsDone: 0 },
    ]);
    // Still open, and today is Nov 5: days after today have not happened.
    const open = row(items, logs);
    expect(hepCounts([open], { periods, today: "2026-11-05", timeZone: NY })[0]).toMatchObject({
      period: "current",
      hepSessionsPrescribed: 5,
      hepSessionsDone: 2,
    });
  });

  it("gives an episode at most what it was prescribed, and no row for a period its program asked nothing of", () => {
    // Three days a week over 14 days asks for 6 sessions; done every day is 6 of 6, not 14 of 6.
    const items = [item({ daysPerWeek: 3 })];
    const logs = Array.from({ length: 14 }, (_, i) => log(`2026-11-${String(i + 1).padStart(2, "0")}`));
    const counts = hepCounts([row(items, logs)], { periods, today: "2026-11-30", timeZone: NY });
    expect(counts).toEqual([{ period: "current", therapist_id: "t1", source_id: null, hepSessionsPrescribed: 6, hepSessionsDone: 6 }]);
  });
});
