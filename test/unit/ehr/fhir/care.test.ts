import { describe, expect, it } from "vitest";
import { mapCarePlan } from "../../../../src/ehr/fhir/care-plan";
import { mapCoverage } from "../../../../src/ehr/fhir/coverage";
import { bodyRegionOf, planNumbersOf } from "../../../../src/ehr/fhir/episode-facts";
import { mapServiceRequest } from "../../../../src/ehr/fhir/service-request";

describe("plan of care numbers", () => {
  it.each([
    [
      { frequency: 2, period: 1, periodUnit: "wk", boundsDuration: { value: 6, code: "wk" } },
      undefined,
      { frequencyPerWeek: 2, durationWeeks: 6, visitsPrescribed: 12 },
    ],
    [
      { frequency: 1, period: 2, periodUnit: "d", count: 10 },
      undefined,
      { frequencyPerWeek: 4, durationWeeks: null, visitsPrescribed: 10 },
    ],
    [
      { frequency: 3, periodUnit: "wk", boundsPeriod: { start: "2026-01-05", end: "2026-02-02" } },
      undefined,
      { frequencyPerWeek: 3, durationWeeks: 4, visitsPrescribed: 12 },
    ],
    [undefined, 8, { frequencyPerWeek: null, durationWeeks: null, visitsPrescribed: 8 }],
    [{ frequency: 20, periodUnit: "d" }, undefined, { frequencyPerWeek: 7, durationWeeks: null, visitsPrescribed: null }],
  ])("%o with quantity %s", (repeat, quantity, expected) => {
    expect(planNumbersOf(repeat, quantity)).toEqual(expected);
  });
});

describe("body region from the words used", () => {
  it.each([
    ["Low back pain", "low_back"],
    ["Cervicalgia (neck pain)", "neck"],
    ["Rotator cuff tear, right", "shoulder"],
    ["Primary osteoarthritis, right knee", "knee"],
    ["Sprain of ankle", "ankle_foot"],
    ["Diabetes self management plan", "other"],
  ])("%s -> %s", (text, region) => {
    expect(bodyRegionOf([{ text }])).toBe(region);
  });
});

describe("mapServiceRequest", () => {
  const sr = (over: Record<string, unknown> = {}) => ({
    resourceType: "ServiceRequest",
    status: "active",
    subject: { reference: "Patient/p1" },
    requester: { reference: "Practitioner/d1", display: "Dr. Okafor" },
    authoredOn: "2026-11-28T09:00:00-05:00",
    reasonCode: [{ coding: [{ system: "http://hl7.org/fhir/sid/icd-10-cm", code: "m54.50", display: "Low back pain, unspecified" }] }],
    ...over,
  });
  it("reads the referral", () => {
    expect(mapServiceRequest(sr())).toEqual({
      kind: "mapped",
      value: {
        subject: "Patient/p1",
        requester: { reference: "Practitioner/d1", type: "Practitioner", display: "Dr. Okafor" },
        authoredOn: "2026-11-28",
        bodyRegion: "low_back",
        diagnosis: "Low back pain, unspecified",
        icd10Code: "M54.50",
        plan: { visitsPrescribed: null, frequencyPerWeek: null, durationWeeks: null },
      },
    });
  });
  it.each([
    [{ status: "completed" }, { kind: "skipped", note: "completed referral: no episode to open" }],
    [{ status: "draft" }, { kind: "skipped", note: "draft referral: no episode to open" }],
    [{ subject: undefined }, { kind: "invalid", reason: "subject (the patient) is required" }],
  ])("%o", (over, expected) => {
    expect(mapServiceRequest(sr(over))).toEqual(expected);
  });
});

describe("mapCarePlan", () => {
  it("active plans set the plan; completed ones close it; drafts are not in effect", () => {
    const plan = { resourceType: "CarePlan", subject: { reference: "Patient/p1" }, period: { start: "2026-11-02", end: "2026-12-14" } };
    expect(mapCarePlan({ ...plan, status: "active" })).toMatchObject({
      kind: "mapped",
      value: { state: "active", startDate: "2026-11-02", plan: { durationWeeks: 6 } },
    });
    expect(mapCarePlan({ ...plan, status: "completed" })).toMatchObject({
      kind: "mapped",
      value: { state: "completed", endDate: "2026-12-14" },
    });
    expect(mapCarePlan({ ...plan, status: "draft" })).toEqual({ kind: "skipped", note: "draft plan of care: not in effect" });
  });
});

describe("mapCoverage", () => {
  const coverage = {
    resourceType: "Coverage",
    status: "active",
    beneficiary: { reference: "Patient/p1" },
    payor: [{ display: "Acme Health" }],
  };
  it("reads payer, member id and period", () => {
    expect(mapCoverage({ ...coverage, identifier: [{ value: "M-1" }], period: { start: "2026-01-01T00:00:00Z" } })).toEqual({
      kind: "mapped",
      value: {
        beneficiary: "Patient/p1",
        payer: "Acme Health",
        memberId: "M-1",
        status: "active",
        periodStart: "2026-01-01",
        periodEnd: null,
      },
    });
  });
  it("needs a payer's name", () => {
    expect(mapCoverage({ ...coverage, payor: [{ reference: "Organization/o1" }] })).toEqual({
      kind: "invalid",
      reason: "payor has no name (give payor.display or include the Organization)",
    });
  });
});
