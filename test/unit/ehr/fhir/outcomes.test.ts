import { describe, expect, it } from "vitest";
import { mapObservation } from "../../../../src/ehr/fhir/observation";
import { instrumentOf, mapQuestionnaireResponse } from "../../../../src/ehr/fhir/questionnaire-response";
import denny from "../../../fixtures/synthea/Denny_Bins_bc0fbd67-bfe3-46c8-8ce9-ef20b0705b46.json";

const pain = (over: Record<string, unknown> = {}) => ({
  resourceType: "Observation",
  status: "final",
  code: { coding: [{ system: "http://loinc.org", code: "72514-3" }] },
  subject: { reference: "Patient/p1" },
  effectiveDateTime: "2026-11-29T10:00:00Z",
  valueQuantity: { value: 6.4 },
  ...over,
});

describe("mapObservation", () => {
  it("reads Synthea's pain scores (decimals) as whole NPRS points", () => {
    const scores = denny.entry
      .map((e) => mapObservation(e.resource))
      .filter((m) => m.kind === "mapped")
      .map((m) => (m.kind === "mapped" ? m.value.score : null));
    expect(scores).toEqual([3, 2, 3]);
  });
  it.each([
    [{}, { kind: "mapped", value: { subject: "Patient/p1", score: 6, effective: "2026-11-29T10:00:00Z" } }],
    [
      { code: { coding: [{ system: "http://loinc.org", code: "8867-4" }] } },
      { kind: "skipped", note: "observation not used by Rapport (only LOINC 72514-3 pain scores are)" },
    ],
    [{ status: "entered-in-error" }, { kind: "skipped", note: "entered-in-error pain score: not a result" }],
    [{ valueQuantity: { value: 11 } }, { kind: "invalid", reason: "a pain score needs a value from 0 to 10" }],
    [{ effectiveDateTime: undefined }, { kind: "invalid", reason: "effective[x] (when the score was given) is required" }],
  ])("%o", (over, expected) => {
    expect(mapObservation(pain(over))).toEqual(expected);
  });
});

describe("mapQuestionnaireResponse", () => {
  it.each([
    ["https://rapport.example/fhir/Questionnaire/nprs", "nprs"],
    ["http://ehr.example/Questionnaire/ODI|2.1a", "odi"],
    ["Questionnaire/psfs", "psfs"],
    ["http://loinc.org/q/38213-5", null],
    [undefined, null],
  ])("instrument of %s is %s", (url, id) => {
    expect(instrumentOf(url)).toBe(id);
  });

  it("scores our instrument from nested items and coded answers", () => {
    const m = mapQuestionnaireResponse({
      resourceType: "QuestionnaireResponse",
      questionnaire: "Questionnaire/nprs",
      status: "completed",
      subject: { reference: "Patient/p1" },
      authored: "2026-11-29T10:00:00Z",
      item: [{ linkId: "group", item: [{ linkId: "nprs-pain", answer: [{ valueCoding: { code: "7" } }] }] }],
    });
    expect(m).toEqual({
      kind: "mapped",
      value: { subject: "Patient/p1", instrumentId: "nprs", answers: { "nprs-pain": 7 }, score: 7, authored: "2026-11-29T10:00:00Z" },
    });
  });

  it("says why answers do not score, and skips what is not ours or not done", () => {
    const qr = {
      resourceType: "QuestionnaireResponse",
      questionnaire: "Questionnaire/nprs",
      status: "completed",
      subject: { reference: "Patient/p1" },
      authored: "2026-11-29",
    };
    expect(mapQuestionnaireResponse({ ...qr, item: [] })).toMatchObject({
      kind: "invalid",
      reason: expect.stringMatching(/^the answers do not score as NPRS: /),
    });
    expect(mapQuestionnaireResponse({ ...qr, status: "in-progress" })).toEqual({
      kind: "skipped",
      note: "in-progress questionnaire: not completed",
    });
    expect(mapQuestionnaireResponse({ ...qr, questionnaire: "Questionnaire/phq-9" })).toEqual({
      kind: "skipped",
      note: "questionnaire is not one of ours (NPRS, PSFS, LEFS, ODI, NDI)",
    });
  });
});
