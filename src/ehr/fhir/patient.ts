// FHIR Patient -> the clinic's patient record. Pure.
import { z } from "zod";
import { toE164 } from "../../patients/model";
import {
  clip,
  contactPointShape,
  dateOf,
  emailOrNull,
  humanNameShape,
  identifierShape,
  invalid,
  isFullDate,
  type Mapped,
  mapped,
  pickContact,
  pickName,
  readShape,
} from "./common";

const addressShape = z.object({
  use: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});

const patientShape = z.object({
  resourceType: z.literal("Patient"),
  identifier: z.array(identifierShape).optional(),
  name: z.array(humanNameShape).optional(),
  telecom: z.array(contactPointShape).optional(),
  gender: z.string().optional(),
  birthDate: z.string({ message: "birthDate is required" }),
  deceasedBoolean: z.boolean().optional(),
  deceasedDateTime: z.string().optional(),
  address: z.array(addressShape).optional(),
  communication: z
    .array(
      z.object({
        language: z.object({ coding: z.array(z.object({ code: z.string().optional() })).optional(), text: z.string().optional() }),
        preferred: z.boolean().optional(),
      }),
    )
    .optional(),
});

export interface PatientFacts {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: "female" | "male" | "other" | "unknown";
  phone: string | null;
  email: string | null;
  preferredLanguage: "en" | "es";
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  /** system|value pairs to match and store; government identity numbers are left out (see below). */
  identifiers: { system: string; value: string }[];
  deceased: boolean;
}

/**
 * Identity documents a clinic's relationship system has no use for: keeping them would only widen what
 * a leak exposes (Synthea sends SSNs, driver's licences and passports on every patient).
 */
const GOVERNMENT_ID_TYPES = new Set(["SS", "DL", "PPN"]);
const GOVERNMENT_ID_SYSTEMS = new Set(["http://hl7.org/fhir/sid/us-ssn"]);

function keptIdentifiers(list: z.infer<typeof identifierShape>[] | undefined) {
  const out = new Map<string, { system: string; value: string }>();
  for (const id of list ?? []) {
    const system = id.system?.trim();
    const value = id.value?.trim();
    if (!system || !value || system.length > 200 || value.length > 100) continue;
    if (GOVERNMENT_ID_SYSTEMS.has(system)) continue;
    if ((id.type?.coding ?? []).some((c) => GOVERNMENT_ID_TYPES.has(c.code ?? ""))) continue;
    out.set(`${system}|${value}`, { system, value });
  }
  // Enough for any real record; it also keeps the match query within D1's 100 parameters.
  return [...out.values()].slice(0, 20);
}

const SEXES = ["female", "male", "other", "unknown"] as const;

/** Spanish when the (preferred) language says so; English otherwise (the two languages we write in). */
function languageOf(comms: z.infer<typeof patientShape>["communication"]): "en" | "es" {
  const list = comms ?? [];
  const chosen = list.find((c) => c.preferred) ?? list[0];
  if (!chosen) return "en";
  const codes = (chosen.language.coding ?? []).map((c) => (c.code ?? "").toLowerCase());
  const text = (chosen.language.text ?? "").toLowerCase();
  return codes.some((c) => c === "es" || c.startsWith("es-") || c === "spa") || text.startsWith("spanish") || text.startsWith("español")
    ? "es"
    : "en";
}

/** Two-letter country codes only (the patient form's rule); the usual spellings of the US are read as US. */
function countryOf(value: string | undefined): string | null {
  const v = value?.trim() ?? "";
  if (/^[A-Za-z]{2}$/.test(v)) return v.toUpperCase();
  if (/^(usa|united states( of america)?)$/i.test(v)) return "US";
  return null;
}

export function mapPatient(resource: unknown): Mapped<PatientFacts> {
  const read = readShape(patientShape, resource);
  if (!read.ok) return invalid(read.reason);
  const p = read.data;
  if (!isFullDate(p.birthDate)) return invalid("birthDate must be a full date (YYYY-MM-DD)");
  const name = pickName(p.name);
  if (!name.family && !name.given) return invalid("the patient has no name");
  const phone = pickContact(p.telecom, "phone") ?? pickContact(p.telecom, "sms");
  const address = [...(p.address ?? [])].sort((a, b) => Number(b.use === "home") - Number(a.use === "home"))[0];
  return mapped({
    givenName: name.given ?? name.family ?? "",
    familyName: name.family ?? name.given ?? "",
    dateOfBirth: p.birthDate,
    sex: SEXES.find((s) => s === p.gender) ?? "unknown",
    // A number we cannot read as E.164 is dropped, not a failure: the rest of the record still counts.
    phone: phone ? toE164(phone) : null,
    email: emailOrNull(pickContact(p.telecom, "email")),
    preferredLanguage: languageOf(p.communication),
    addressLine1: clip(address?.line?.[0], 200),
    addressLine2: clip(address?.line?.slice(1).join(", "), 200),
    city: clip(address?.city, 100),
    region: clip(address?.state, 100),
    postalCode: clip(address?.postalCode, 20),
    country: countryOf(address?.country),
    identifiers: keptIdentifiers(p.identifier),
    deceased: p.deceasedBoolean === true || dateOf(p.deceasedDateTime) !== null,
  });
}
