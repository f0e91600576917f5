import { describe, expect, it } from "vitest";
import type { ResponseRow } from "../../../src/outcomes/progress";
import { OUTCOME_ROWS_SHOWN, outcomesSectionView, staffScore } from "../../../src/outcomes/staff-view";

const DAY = 86_400_000;
const t0 = Date.parse("2026-10-01T14:00:00Z");
let n = 0;
const row = (instrumentId: ResponseRow["instrumentId"], score: number, day: number, note: string | null = null): ResponseRow => ({
  id: `r${String(++n).padStart(4, "0")}`,
  instrumentId,
  kind: instrumentId === "nprs" ? "check_in" : "questionnaire",
  score,
  note,
  authoredAt: t0 + day * DAY,
  episodeId: "e1",
});
const episode = { id: "e1", bodyRegion: "low_back" as const, visitsPrescribed: 10, status: "open" as const, startDate: "2026-10-01" };
const view = (responses: ResponseRow[]) =>
  outcomesSectionView({
    responses,
    episodes: [episode],
    visits: [
      { episodeId: "e1", status: "attended" },
      { episodeId: "e1", status: "cancelled" },
    ],
    timeZone: "America/New_York",
    when: (at) => new Date(at).toISOString().slice(0, 10),
  });

describe("staff outcomes section", () => {
  it("writes scores in each instrument's terms", () => {
    expect(staffScore("nprs", 6)).toBe("6/10");
    expect(staffScore("lefs", 52)).toBe("52/80");
    expect(staffScore("odi", 34)).toBe("34%");
    expect(staffScore("psfs", 6.5)).toBe("6.5/10");
  });

  it("lists the newest check-ins with notes and questionnaires with their MCID change, and summarises", () => {
    const v = view([row("nprs", 7, 0, "Bad night"), row("odi", 40, 1), row("nprs", 5, 7), row("odi", 28, 14)]);
    expect(v.checkIns.map((c) => [c.when, c.score, c.note])).toEqual([
      ["2026-10-08", "5/10", null],
      ["2026-10-01", "7/10", "Bad night"],
    ]);
    expect(v.questionnaires.map((q) => [q.name, q.score, q.change, q.mcid])).toEqual([
      ["ODI", "28%", "improved", "MCID 10 %-points"],
      ["ODI", "40%", null, "MCID 10 %-points"],
    ]);
    expect(v.summary).toBe(
      "Pain 7/10 → 5/10 over 2 responses: meaningful improvement. ODI 40% → 28% over 2 responses: meaningful improvement.",
    );
    expect(v.chart.visits).toEqual({ attended: 1, prescribed: 10 });
    expect(v.chart.outcome?.mcidMarks).toHaveLength(1);
    expect(v.hidden).toBe(0);
  });

  it("caps each list and counts the rest", () => {
    const many = Array.from({ length: OUTCOME_ROWS_SHOWN + 3 }, (_, i) => row("nprs", i % 11, i));
    const v = view(many);
    expect(v.checkIns).toHaveLength(OUTCOME_ROWS_SHOWN);
    expect(v.hidden).toBe(3);
    expect(v.chart.pain).toHaveLength(OUTCOME_ROWS_SHOWN + 3);
    expect(view([]).summary).toBe("No pain check-in yet.");
  });
});
