import { describe, expect, it } from "vitest";
import { type Answers, type InstrumentId, instrumentIds, instruments, optionValue } from "../../../src/outcomes/questionnaires";
import { changeIsMeaningful, mcid, OutcomeValidationError, score, toQuestionnaireResponse } from "../../../src/outcomes/scoring";

const fill = (prefix: string, values: (number | null)[]): Answers => Object.fromEntries(values.map((v, i) => [`${prefix}-${i + 1}`, v]));
const errorIds = (r: ReturnType<typeof score>) => (r.ok ? [] : r.errors.map((e) => e.linkId));

describe("NPRS", () => {
  it("scores the single item in points, lower is better", () => {
    expect(score("nprs", { "nprs-pain": 6 })).toMatchObject({ ok: true, score: 6, unit: "points", interpretation: "better_is_lower" });
    expect(score("nprs", { "nprs-pain": 0 })).toMatchObject({ ok: true, score: 0 });
  });
  it("rejects 11, negatives, fractions, strings and a blank", () => {
    for (const v of [11, -1, 2.5, "7", Number.NaN, null]) expect(errorIds(score("nprs", { "nprs-pain": v }))).toEqual(["nprs-pain"]);
  });
  it("rejects unknown items", () => {
    expect(errorIds(score("nprs", { "nprs-pain": 3, extra: 1 }))).toEqual(["extra"]);
  });
});

describe("PSFS", () => {
  const psfs = (...ratings: (number | null)[]): Answers =>
    Object.fromEntries(
      ratings.flatMap((r, i) => [
        [`psfs-${i + 1}-activity`, `Activity ${i + 1}`],
        [`psfs-${i + 1}-rating`, r],
      ]),
    );

  it("averages the rated activities: [3, 5, 7] = 5", () => {
    expect(score("psfs", psfs(3, 5, 7))).toMatchObject({ ok: true, score: 5, unit: "points", interpretation: "better_is_higher" });
  });
  it("accepts one to five activities: [4] = 4, [2, 3, 4, 8, 10] = 5.4, [1, 2] = 1.5", () => {
    expect(score("psfs", psfs(4))).toMatchObject({ ok: true, score: 4 });
    expect(score("psfs", psfs(2, 3, 4, 8, 10))).toMatchObject({ ok: true, score: 5.4 });
    expect(score("psfs", psfs(1, 2))).toMatchObject({ ok: true, score: 1.5 });
  });
  it("rejects no activities", () => {
    expect(errorIds(score("psfs", {}))).toEqual(["psfs-1-activity"]);
    expect(errorIds(score("psfs", { "psfs-1-activity": "  " }))).toEqual(["psfs-1-activity"]);
  });
  it("rejects a named activity without a rating, a rating without a name, and ratings out of range", () => {
    expect(errorIds(score("psfs", { "psfs-1-activity": "Stairs" }))).toEqual(["psfs-1-rating"]);
    expect(errorIds(score("psfs", { "psfs-2-rating": 4 }))).toEqual(["psfs-2-activity"]);
    expect(errorIds(score("psfs", psfs(3, 11)))).toEqual(["psfs-2-rating"]);
    expect(errorIds(score("psfs", { "psfs-1-activity": 5, "psfs-1-rating": 5 }))).toEqual(["psfs-1-activity"]);
  });
});

describe("LEFS", () => {
  it("all 3s = 60 of 80, higher is better", () => {
    expect(score("lefs", fill("lefs", Array(20).fill(3)))).toMatchObject({
      ok: true,
      score: 60,
      unit: "points",
      interpretation: "better_is_higher",
    });
  });
  it("sums mixed answers: 11×3 + 7×2 + 0 + 0 = 47", () => {
    const values = [...Array(11).fill(3), ...Array(7).fill(2), 0, 0];
    expect(score("lefs", fill("lefs", values))).toMatchObject({ ok: true, score: 47 });
  });
  it("all 0s = 0 and all 4s = 80", () => {
    expect(score("lefs", fill("lefs", Array(20).fill(0)))).toMatchObject({ ok: true, score: 0 });
    expect(score("lefs", fill("lefs", Array(20).fill(4)))).toMatchObject({ ok: true, score: 80 });
  });
  it("rejects an item answered 5 and any blank item", () => {
    expect(errorIds(score("lefs", { ...fill("lefs", Array(20).fill(2)), "lefs-7": 5 }))).toEqual(["lefs-7"]);
    expect(errorIds(score("lefs", { ...fill("lefs", Array(20).fill(2)), "lefs-20": null }))).toEqual(["lefs-20"]);
  });
});

describe("ODI", () => {
  it("all sections 2 = 20/50 = 40 %, higher is worse", () => {
    expect(score("odi", fill("odi", Array(10).fill(2)))).toMatchObject({
      ok: true,
      score: 40,
      unit: "percent",
      interpretation: "better_is_lower",
      raw: { sum: 20, max: 50, answered: 10 },
    });
  });
  it("9 sections answered summing to 18 = 18/45 = 40 %", () => {
    const values = [3, 3, 2, 2, 2, 2, 2, null, 1, 1];
    expect(score("odi", fill("odi", values))).toMatchObject({ ok: true, score: 40, raw: { sum: 18, max: 45, answered: 9 } });
  });
  it("rounds to two decimals: 9 answered summing to 17 = 37.78 %", () => {
    expect(score("odi", fill("odi", [3, 3, 2, 2, 2, 2, 2, null, 1, 0]))).toMatchObject({ ok: true, score: 37.78 });
  });
  it("rejects 8 answered sections, naming both blanks", () => {
    expect(errorIds(score("odi", fill("odi", [2, 2, 2, 2, 2, 2, 2, null, null, 2])))).toEqual(["odi-8", "odi-9"]);
  });
  it("rejects 6 and non-numbers", () => {
    expect(errorIds(score("odi", { ...fill("odi", Array(10).fill(1)), "odi-3": 6, "odi-4": "2" }))).toEqual(["odi-3", "odi-4"]);
  });
});

describe("NDI", () => {
  it("sum 15 over 10 sections = 15/50 = 30 %", () => {
    expect(score("ndi", fill("ndi", [3, 2, 2, 1, 1, 1, 2, 1, 1, 1]))).toMatchObject({
      ok: true,
      score: 30,
      unit: "percent",
      interpretation: "better_is_lower",
      raw: { sum: 15, max: 50, answered: 10 },
    });
  });
  it("one blank section (driving) is tolerated: 18/45 = 40 %", () => {
    expect(score("ndi", fill("ndi", [2, 2, 2, 2, 2, 2, 2, null, 2, 2]))).toMatchObject({ ok: true, score: 40 });
  });
  it("two blank sections are rejected", () => {
    expect(errorIds(score("ndi", fill("ndi", [2, 2, 2, 2, 2, 2, 2, null, null, 2])))).toEqual(["ndi-8", "ndi-9"]);
  });
});

describe("MCID and change", () => {
  it("uses the cited thresholds", () => {
    expect(instrumentIds.map((id) => [id, mcid(id)])).toEqual([
      ["nprs", 2],
      ["psfs", 2],
      ["lefs", 9],
      ["odi", 10],
      ["ndi", 15],
    ]);
  });
  it("honours each scale's direction", () => {
    expect(changeIsMeaningful("odi", 50, 38)).toBe("improved");
    expect(changeIsMeaningful("odi", 50, 44)).toBe("no_meaningful_change");
    expect(changeIsMeaningful("odi", 38, 50)).toBe("worsened");
    expect(changeIsMeaningful("odi", 50, 40)).toBe("improved"); // exactly the MCID
    expect(changeIsMeaningful("lefs", 40, 50)).toBe("improved");
    expect(changeIsMeaningful("lefs", 50, 40)).toBe("worsened");
    expect(changeIsMeaningful("lefs", 40, 48)).toBe("no_meaningful_change");
    expect(changeIsMeaningful("nprs", 6, 8)).toBe("worsened");
    expect(changeIsMeaningful("nprs", 6, 4)).toBe("improved");
    expect(changeIsMeaningful("psfs", 3, 4.5)).toBe("no_meaningful_change");
    expect(changeIsMeaningful("psfs", 3, 5)).toBe("improved");
    expect(changeIsMeaningful("ndi", 40, 24)).toBe("improved");
    expect(changeIsMeaningful("ndi", 40, 30)).toBe("no_meaningful_change");
  });
  it("rejects scores outside the scale", () => {
    expect(() => changeIsMeaningful("nprs", 6, 11)).toThrow(RangeError);
    expect(() => changeIsMeaningful("odi", Number.NaN, 10)).toThrow(RangeError);
  });
});

describe("definitions", () => {
  it.each(instrumentIds)("%s is a well-formed R4 Questionnaire with Spanish text and a license", (id: InstrumentId) => {
    const def = instruments[id];
    const q = def.questionnaire;
    expect(q).toMatchObject({
      resourceType: "Questionnaire",
      id,
      url: `https://rapport.example/fhir/Questionnaire/${id}`,
      status: "active",
    });
    expect(q.name).toMatch(/^[A-Z][A-Za-z0-9_]*$/);
    expect(q.title.length).toBeGreaterThan(0);
    expect(def.license.length).toBeGreaterThan(0);
    expect(def.es.title.length).toBeGreaterThan(0);
    const ids = q.item.map((i) => i.linkId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(def.es.items).sort()).toEqual([...ids].sort());
    for (const item of q.item) {
      expect(typeof item.required).toBe("boolean");
      expect(["choice", "integer", "string"]).toContain(item.type);
      expect(item.text.length).toBeGreaterThan(0);
      if (item.type !== "choice") {
        expect(item.answerOption).toBeUndefined(); // R4 que-5: only choice items carry answerOption
        continue;
      }
      const values = (item.answerOption ?? []).map(optionValue);
      const max = { nprs: 10, psfs: 10, lefs: 4, odi: 5, ndi: 5 }[id];
      expect(values).toEqual(Array.from({ length: max + 1 }, (_, i) => i));
      for (const o of item.answerOption ?? []) {
        if ("valueCoding" in o) {
          expect(o.valueCoding.system).toMatch(/^https:\/\//);
          expect(o.valueCoding.display.length).toBeGreaterThan(0);
          if (def.es.answers) expect(def.es.answers[o.valueCoding.code]).toBeDefined();
        }
      }
      for (const cond of item.enableWhen ?? []) expect(ids).toContain(cond.question);
    }
  });
  it("item counts match the published instruments", () => {
    expect(instruments.nprs.questionnaire.item).toHaveLength(1);
    expect(instruments.psfs.questionnaire.item).toHaveLength(10);
    expect(instruments.lefs.questionnaire.item).toHaveLength(20);
    expect(instruments.odi.questionnaire.item).toHaveLength(10);
    expect(instruments.ndi.questionnaire.item).toHaveLength(10);
  });
});

describe("toQuestionnaireResponse", () => {
  const opts = { patientReference: "Patient/p-123", authored: "2025-03-04T10:15:00Z" };

  it("builds a completed response with coded answers", () => {
    const r = toQuestionnaireResponse("odi", fill("odi", [3, 3, 2, 2, 2, 2, 2, null, 1, 1]), opts);
    expect(r).toMatchObject({
      resourceType: "QuestionnaireResponse",
      questionnaire: "https://rapport.example/fhir/Questionnaire/odi",
      status: "completed",
      subject: { reference: "Patient/p-123" },
      authored: "2025-03-04T10:15:00Z",
    });
    expect(r.item).toHaveLength(9); // the blank section is omitted
    expect(r.item[0]).toEqual({
      linkId: "odi-1",
      text: "Pain intensity",
      answer: [{ valueCoding: { system: "https://rapport.example/fhir/CodeSystem/odi-answers", code: "3", display: "3" } }],
    });
  });
  it("uses valueInteger and valueString where the item calls for them", () => {
    expect(toQuestionnaireResponse("nprs", { "nprs-pain": 7 }, opts).item).toEqual([
      { linkId: "nprs-pain", text: expect.any(String), answer: [{ valueInteger: 7 }] },
    ]);
    const r = toQuestionnaireResponse(
      "psfs",
      { "psfs-1-activity": " Climbing stairs ", "psfs-1-rating": 4 },
      { ...opts, authored: new Date("2025-03-04T10:15:00Z") },
    );
    expect(r.authored).toBe("2025-03-04T10:15:00.000Z");
    expect(r.item.map((i) => i.answer)).toEqual([[{ valueString: "Climbing stairs" }], [{ valueInteger: 4 }]]);
  });
  it("refuses invalid answers, references and times", () => {
    expect(() => toQuestionnaireResponse("nprs", { "nprs-pain": 11 }, opts)).toThrow(OutcomeValidationError);
    expect(() => toQuestionnaireResponse("nprs", { "nprs-pain": 1 }, { ...opts, patientReference: "p-123" })).toThrow(RangeError);
    expect(() => toQuestionnaireResponse("nprs", { "nprs-pain": 1 }, { ...opts, authored: "2025-03-04" })).toThrow(RangeError);
  });
});
