import { describe, expect, it } from "vitest";
import { mapPatient } from "../../../../src/ehr/fhir/patient";
import patientLines from "../../../fixtures/synthea/Patient.000.ndjson?raw";

const synthea = patientLines
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as Record<string, unknown>);
const base = { resourceType: "Patient", name: [{ family: "Rivera", given: ["Lucia"] }], birthDate: "1984-02-29" };

describe("mapPatient", () => {
  it("reads a Synthea patient: names kept as given, phone in E.164, government ids left out, deceased noted", () => {
    const m = mapPatient(synthea[0]);
    expect(m).toEqual({
      kind: "mapped",
      value: {
        givenName: "Sumiko254 Larue605",
        familyName: "Medhurst46",
        dateOfBirth: "1927-05-21",
        sex: "female",
        phone: "+15558107203",
        email: null,
        preferredLanguage: "en",
        addressLine1: "633 Abernathy Landing",
        addressLine2: null,
        city: "Emporia",
        region: "KS",
        postalCode: "66801",
        country: "US",
        identifiers: [
          { system: "https://github.com/synthetichealth/synthea", value: "129c6ac7-8d06-89de-ad63-0204a93e76c3" },
          { system: "http://hospital.smarthealthit.org", value: "129c6ac7-8d06-89de-ad63-0204a93e76c3" },
        ],
        deceased: true,
      },
    });
  });

  it("maps all 13 Synthea patients, 3 of them deceased", () => {
    const all = synthea.map(mapPatient);
    expect(all.every((m) => m.kind === "mapped")).toBe(true);
    expect(all.filter((m) => m.kind === "mapped" && m.value.deceased)).toHaveLength(3);
  });

  it("prefers the official name over a maiden one, and usual over none", () => {
    const m = mapPatient({
      ...base,
      name: [
        { use: "maiden", family: "Old" },
        { use: "official", family: "New", given: ["Ana", "María"] },
      ],
    });
    expect(m.kind === "mapped" && [m.value.givenName, m.value.familyName]).toEqual(["Ana María", "New"]);
    const text = mapPatient({ ...base, name: [{ text: "Ana María López" }] });
    expect(text.kind === "mapped" && [text.value.givenName, text.value.familyName]).toEqual(["Ana María", "López"]);
  });

  it.each([
    [{ birthDate: undefined }, "birthDate: birthDate is required"],
    [{ birthDate: "1984" }, "birthDate must be a full date (YYYY-MM-DD)"],
    [{ birthDate: "1984-02-30" }, "birthDate must be a full date (YYYY-MM-DD)"],
    [{ name: [] }, "the patient has no name"],
    [{ resourceType: "Practitioner" }, 'resourceType: Invalid input: expected "Patient"'],
  ])("refuses %o with a clear reason", (over, reason) => {
    expect(mapPatient({ ...base, ...over })).toEqual({ kind: "invalid", reason });
  });

  it("normalises what it can and drops what it cannot, without failing", () => {
    const m = mapPatient({
      ...base,
      telecom: [
        { system: "phone", value: "12", use: "home" },
        { system: "email", value: "not an email" },
      ],
      gender: "unknown-ish",
      address: [{ country: "Mexico", line: ["Calle 1", "Depto 2", "Col. Centro"] }],
      communication: [{ language: { coding: [{ code: "es-MX" }] } }],
    });
    expect(m.kind === "mapped" && m.value).toMatchObject({
      phone: null,
      email: null,
      sex: "unknown",
      country: null,
      addressLine1: "Calle 1",
      addressLine2: "Depto 2, Col. Centro",
      preferredLanguage: "es",
    });
  });
});
