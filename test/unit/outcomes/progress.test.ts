import { describe, expect, it } from "vitest";
import {
  type EpisodeLite,
  mcidMarks,
  openEpisode,
  outcomeSummaries,
  primaryOutcome,
  progressData,
  type ResponseRow,
  withChanges,
} from "../../../src/outcomes/progress";

const DAY = 86_400_000;
const t0 = Date.parse("2026-10-01T14:00:00Z");
let seq = 0;
const row = (instrumentId: ResponseRow["instrumentId"], score: number, day: number, episodeId: string | null = "e1"): ResponseRow => ({
  id: `r${String(++seq).padStart(3, "0")}`,
  instrumentId,
  kind: instrumentId === "nprs" ? "check_in" : "questionnaire",
  score,
  note: null,
  authoredAt: t0 + day * DAY,
  episodeId,
});
const episode = (over: Partial<EpisodeLite> = {}): EpisodeLite => ({
  id: "e1",
  bodyRegion: "knee",
  visitsPrescribed: 12,
  status: "open",
  startDate: "2026-10-01",
  ...over,
});

describe("MCID marks", () => {
  it("marks where the change since the first becomes meaningful, and when the verdict changes", () => {
    const points = [40, 45, 49, 55, 38, 30].map((value, i) => ({ at: t0 + i * DAY, value }));
    // LEFS MCID 9 (higher is better): 49 is +9 (improved), 55 still improved, 38 no change, 30 is -10 (worsened).
    expect(mcidMarks("lefs", points)).toEqual([
      { at: t0 + 2 * DAY, kind: "improved" },
      { at: t0 + 5 * DAY, kind: "worsened" },
    ]);
  });

  it("honours lower-is-better scales and needs two points", () => {
    expect(mcidMarks("odi", [{ at: t0, value: 40 }])).toEqual([]);
    expect(
      mcidMarks("odi", [
        { at: t0, value: 40 },
        { at: t0 + DAY, value: 30 },
      ]),
    ).toEqual([{ at: t0 + DAY, kind: "improved" }]);
  });
});

describe("summaries and the primary outcome", () => {
  it("summarises each instrument, latest against first", () => {
    const rows = [row("nprs", 7, 0), row("lefs", 30, 1), row("nprs", 4, 5), row("lefs", 35, 8)];
    const s = outcomeSummaries(rows);
    expect(s.map((x) => [x.instrumentId, x.count, x.first.score, x.latest.score, x.change])).toEqual([
      ["nprs", 2, 7, 4, "improved"],
      ["lefs", 2, 30, 35, "no_meaningful_change"],
    ]);
  });

  it("prefers the region's measure, else the one answered most", () => {
    const rows = [row("psfs", 3, 0), row("psfs", 4, 2), row("lefs", 30, 1)];
    expect(primaryOutcome(outcomeSummaries(rows), "knee")).toBe("lefs");
    expect(primaryOutcome(outcomeSummaries(rows), "low_back")).toBe("psfs");
    expect(primaryOutcome(outcomeSummaries([row("nprs", 3, 0)]), "knee")).toBeNull();
  });

  it("marks each response's change against the first of its instrument in its episode, newest first", () => {
    const rows = [row("odi", 40, 0), row("odi", 28, 9), row("odi", 44, 3, "e0")];
    const changed = withChanges(rows);
    expect(changed.map((r) => [r.score, r.change])).toEqual([
      [28, "improved"],
      [44, null],
      [40, null],
    ]);
  });
});

describe("progress data", () => {
  it("charts the open episode's pain and outcome, with visits against its plan", () => {
    const old = episode({ id: "e0", status: "discharged", startDate: "2026-01-01" });
    const rows = [row("nprs", 9, -200, "e0"), row("nprs", 6, 0), row("lefs", 30, 1), row("lefs", 40, 20), row("nprs", 3, 21)];
    const data = progressData({
      responses: rows,
      episodes: [old, episode()],
      attended: [{ episodeId: "e1" }, { episodeId: "e1" }, { episodeId: "e0" }],
    });
    expect(data.chart.pain.map((p) => p.value)).toEqual([6, 3]);
    expect(data.chart.outcome?.label).toBe("LEFS");
    expect(data.chart.outcome?.range).toEqual({ min: 0, max: 80 });
    expect(data.chart.outcome?.mcidMarks).toEqual([{ at: t0 + 20 * DAY, kind: "improved" }]);
    expect(data.chart.visits).toEqual({ attended: 2, prescribed: 12 });
    expect(data.pain?.first.score).toBe(6);
    expect(data.outcomes.map((o) => o.instrumentId)).toEqual(["lefs"]);
  });

  it("without an open episode shows everything and the latest episode's visits", () => {
    const closed = episode({ status: "discharged" });
    expect(openEpisode([closed])).toBeNull();
    const data = progressData({
      responses: [row("nprs", 5, 0, null), row("nprs", 4, 1)],
      episodes: [closed],
      attended: [{ episodeId: "e1" }],
    });
    expect(data.chart.pain).toHaveLength(2);
    expect(data.chart.outcome).toBeUndefined();
    expect(data.chart.visits).toEqual({ attended: 1, prescribed: 12 });
    expect(progressData({ responses: [], episodes: [], attended: [] }).chart.visits).toBeUndefined();
  });
});
