import { describe, expect, it } from "vitest";
import { instrumentForRegion, offeredInstruments, questionnaireOffers, REASSESS_DAYS } from "../../../src/outcomes/plan";

const DAY = 86_400_000;

describe("questionnaires offered", () => {
  it.each([
    ["hip", ["lefs", "psfs"]],
    ["knee", ["lefs", "psfs"]],
    ["ankle_foot", ["lefs", "psfs"]],
    ["low_back", ["odi", "psfs"]],
    ["neck", ["ndi", "psfs"]],
    ["shoulder", ["psfs"]],
    ["other", ["psfs"]],
  ] as const)("a %s episode gets %j", (region, expected) => {
    expect(offeredInstruments(region, true)).toEqual(expected);
  });

  it("without an episode every full questionnaire is offered, never NPRS", () => {
    expect(offeredInstruments(null, false)).toEqual(["psfs", "lefs", "odi", "ndi"]);
    expect(instrumentForRegion(null)).toBeNull();
  });
});

describe("due questionnaires", () => {
  const now = Date.parse("2026-11-30T14:00:00Z");
  it("is due when never done, or done four weeks ago or more", () => {
    const offers = questionnaireOffers(
      ["lefs", "psfs", "odi"],
      [
        { instrumentId: "lefs", authoredAt: now - 3 * DAY, score: 40 },
        { instrumentId: "lefs", authoredAt: now - 40 * DAY, score: 30 },
        { instrumentId: "psfs", authoredAt: now - REASSESS_DAYS * DAY, score: 5 },
      ],
      now,
    );
    expect(offers).toEqual([
      { instrumentId: "lefs", lastAt: now - 3 * DAY, lastScore: 40, due: false },
      { instrumentId: "psfs", lastAt: now - REASSESS_DAYS * DAY, lastScore: 5, due: true },
      { instrumentId: "odi", lastAt: null, lastScore: null, due: true },
    ]);
  });
});
