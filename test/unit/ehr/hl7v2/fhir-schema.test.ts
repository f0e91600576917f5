/// <reference types="node" />
/**
 * Every Bundle siuToBundle produces is valid FHIR R4 by the official JSON schema, so the FHIR
 * consumer can take it like any batch it receives.
 */
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { siuToBundle } from "../../../../src/ehr/hl7v2/index";
import { clinicPatient, followUp, msh, sampleMessages, segment } from "./messages";

interface Validator {
  validate(resource: unknown, verbose?: boolean): unknown[];
}

// The validator ships CommonJS without types; loading it through require keeps the type local to this test.
const JSONSchemaValidator = createRequire(import.meta.url)("@asymmetrik/fhir-json-schema-validator") as new () => Validator;

let validator: Validator;
beforeAll(() => {
  validator = new JSONSchemaValidator();
}, 60_000);

const synthetic: [string, string][] = [
  ["a follow-up booked in local time", followUp()],
  ["a rescheduled visit", followUp("S13")],
  ["a completed visit", followUp("S14", { sch: { 25: "Complete" } })],
  ["a cancellation with a reason", followUp("S15", { sch: { 6: "PATSICK^Patient unwell^L" } })],
  ["a discontinued visit", followUp("S16")],
  ["a deleted visit", followUp("S17")],
  ["a no-show", followUp("S26")],
  ["a cancellation without times or practitioners", [msh("S15"), segment("SCH", { 1: "PL-1", 2: "FL-1" }), clinicPatient].join("\r")],
  [
    "a booking with the attending doctor only",
    [
      msh("S12"),
      segment("SCH", { 2: "FL-9", 25: "Booked" }),
      segment("TQ1", { 7: "202501151400", 8: "202501151445" }),
      clinicPatient,
      segment("PV1", { 1: "1", 2: "O", 7: "T-9^Nguyen^Lan" }),
    ].join("\r"),
  ],
];

describe("FHIR R4 JSON schema", () => {
  it("catches an invalid Bundle (the check is live)", () => {
    const result = siuToBundle(followUp());
    if (!result.ok) throw new Error(result.reason);
    const broken = structuredClone(result.bundle);
    const appointment = broken.entry.at(-1)?.resource as Record<string, unknown>;
    appointment.status = "sort of booked";
    expect(validator.validate(broken)).not.toEqual([]);
  });

  it.each([...sampleMessages(), ...synthetic])("%s validates", (_, text) => {
    const result = siuToBundle(text, { timeZone: "America/New_York" });
    if (!result.ok) throw new Error(result.reason);
    expect(validator.validate(result.bundle)).toEqual([]);
  });
});
