/** PID (patient identification) -> a FHIR R4 Patient. */
import {
  addressFromXad,
  codeableConcept,
  compact,
  contactPointFromXtn,
  humanNameFromXpn,
  identifierFromCx,
  type Json,
  text,
} from "./datatypes";
import { fieldValue, type Hl7Segment, type Hl7Value, repetitions } from "./parse";
import { nameBasedUuid } from "./stable-id";
import { fhirDate, fhirDateTime, fhirInstant, type OffsetSource, parseHl7Timestamp } from "./time";

// Administrative sex (table 0001) -> Patient.gender.
const genders: Record<string, string> = { M: "male", F: "female", O: "other", A: "other", U: "unknown", N: "unknown" };

// ISO 639-2 codes (what PID-15 carries, table 0296) -> the BCP 47 tags FHIR wants, for the
// languages a clinic is most likely to meet; other codes pass through as written.
const languages: Record<string, [string, string]> = {
  eng: ["en", "English"],
  spa: ["es", "Spanish"],
  ara: ["ar", "Arabic"],
  zho: ["zh", "Chinese"],
  chi: ["zh", "Chinese"],
  fra: ["fr", "French"],
  fre: ["fr", "French"],
  deu: ["de", "German"],
  ger: ["de", "German"],
  ita: ["it", "Italian"],
  por: ["pt", "Portuguese"],
  rus: ["ru", "Russian"],
  vie: ["vi", "Vietnamese"],
  kor: ["ko", "Korean"],
  jpn: ["ja", "Japanese"],
  tgl: ["tl", "Tagalog"],
  hin: ["hi", "Hindi"],
  pol: ["pl", "Polish"],
  hat: ["ht", "Haitian Creole"],
  fas: ["fa", "Persian"],
  per: ["fa", "Persian"],
  urd: ["ur", "Urdu"],
  ben: ["bn", "Bengali"],
  pan: ["pa", "Punjabi"],
  guj: ["gu", "Gujarati"],
  heb: ["he", "Hebrew"],
  yid: ["yi", "Yiddish"],
  ell: ["el", "Greek"],
  gre: ["el", "Greek"],
  som: ["so", "Somali"],
  amh: ["am", "Amharic"],
  ukr: ["uk", "Ukrainian"],
  nld: ["nl", "Dutch"],
  dut: ["nl", "Dutch"],
};

export interface PatientFromPid {
  /** Stable: derived from the medical record number when there is one, else the first identifier. */
  id: string;
  resource: Json;
}

/**
 * Identifiers come from PID-3 (and the older PID-2 and PID-4). Social Security numbers are left out
 * on purpose: Rapport does not need them to match a patient and should not hold them.
 */
export function patientFromPid(pid: Hl7Segment, source: OffsetSource, messageTime?: string): PatientFromPid | null {
  const read = (field: number) =>
    repetitions(pid, field)
      .map(identifierFromCx)
      .filter((id): id is Json => id !== undefined && !isSocialSecurityNumber(id));
  const [external, list, alternate] = [read(2), read(3), read(4)];
  const unique = dedupe([...external, ...list, ...alternate], (id) => `${id.system ?? ""}|${id.value}|${typeCode(id)}`);
  // PID-3 is the patient identifier list proper; PID-2 and PID-4 are older, optional places.
  const primary = list.find((id) => typeCode(id) === "MR") ?? list[0] ?? unique[0];
  if (!primary) return null;

  const birth = parseHl7Timestamp(text(fieldValue(pid, 7), 1));
  const deceasedAt = parseHl7Timestamp(text(fieldValue(pid, 29), 1));
  const lastUpdated = parseHl7Timestamp(text(fieldValue(pid, 33), 1));
  // PID-33 says when the demographics last changed; without it the message time orders versions.
  const updatedAt = (lastUpdated ? fhirInstant(lastUpdated, source)?.text : undefined) ?? messageTime;
  const id = nameBasedUuid(`Patient|${primary.system ?? ""}|${primary.value}`);
  const resource = compact({
    resourceType: "Patient",
    id,
    meta: updatedAt ? { lastUpdated: updatedAt } : undefined,
    identifier: unique,
    name: repetitions(pid, 5).map(humanNameFromXpn).filter(isJson),
    // v2.7+ senders repeat PID-13/14 in PID-40: one contact point per number or address.
    telecom: dedupe(
      [
        ...repetitions(pid, 13).map((x) => contactPointFromXtn(x, "home")),
        ...repetitions(pid, 14).map((x) => contactPointFromXtn(x, "work")),
        ...repetitions(pid, 40).map((x) => contactPointFromXtn(x)),
      ].filter(isJson),
      (c) => `${c.system}|${c.value}`,
    ),
    gender: genders[text(fieldValue(pid, 8), 1).toUpperCase()],
    birthDate: birth ? fhirDate(birth) : undefined,
    deceasedDateTime: deceasedAt ? fhirDateTime(deceasedAt, source) : undefined,
    deceasedBoolean: !deceasedAt && text(fieldValue(pid, 30), 1).toUpperCase() === "Y" ? true : undefined,
    address: repetitions(pid, 11).map(addressFromXad).filter(isJson),
    communication: language(fieldValue(pid, 15)),
  });
  return { id, resource };
}

function language(cwe: Hl7Value): Json[] | undefined {
  const concept = codeableConcept(cwe);
  if (!concept) return undefined;
  const coding = [
    [text(cwe, 1), text(cwe, 2)],
    [text(cwe, 4), text(cwe, 5)],
  ]
    .filter(([code]) => code)
    .map(([code = "", display]) => {
      const known = languages[code.toLowerCase()];
      return compact({ system: "urn:ietf:bcp:47", code: known?.[0] ?? code, display: display || known?.[1] });
    });
  const unique = dedupe(coding, (c) => String(c.code));
  return [{ language: compact({ coding: unique, text: concept.text }), preferred: true }];
}

function typeCode(identifier: Json): string {
  const type = identifier.type as { coding?: { code?: string }[] } | undefined;
  return type?.coding?.[0]?.code ?? "";
}

function isSocialSecurityNumber(identifier: Json): boolean {
  return typeCode(identifier) === "SS" || identifier.system === "http://hl7.org/fhir/sid/us-ssn";
}

function isJson(value: Json | undefined): value is Json {
  return value !== undefined;
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
