import type { patients } from "../../patients/tables";
import { type FhirJson, meta, prune, systems } from "./common";

export type PatientRow = typeof patients.$inferSelect;
export interface IdentifierPair {
  system: string;
  value: string;
}

const languageNames: Record<string, string> = { en: "English", es: "Spanish" };

/**
 * A patient as FHIR R4 Patient. The id is ours; the identifiers we hold (MRN, EHR ids) ride along so
 * an integrator can match records. The phone is the one we text, hence `mobile`.
 */
export function patientResource(p: PatientRow, identifiers: IdentifierPair[]): FhirJson {
  return prune({
    resourceType: "Patient",
    id: p.id,
    meta: meta(p.updatedAt),
    identifier: identifiers.map((i) => ({ system: i.system, value: i.value })),
    active: true,
    name: [{ use: "official", family: p.familyName, given: [p.givenName] }],
    telecom: [p.phone ? { system: "phone", value: p.phone, use: "mobile" } : null, p.email ? { system: "email", value: p.email } : null],
    gender: p.sex,
    birthDate: p.dateOfBirth,
    address: [
      {
        line: [p.addressLine1, p.addressLine2],
        city: p.city,
        state: p.region,
        postalCode: p.postalCode,
        country: p.country,
      },
    ],
    communication: [
      {
        language: {
          coding: [{ system: systems.language, code: p.preferredLanguage, display: languageNames[p.preferredLanguage] }],
          text: languageNames[p.preferredLanguage],
        },
        preferred: true,
      },
    ],
  });
}
