/**
 * HL7 v2 composite data types (CX, XPN, XCN, XAD, XTN, CWE, HD) to their FHIR R4 counterparts,
 * following the HL7 v2-to-FHIR mapping as Microsoft's FHIR converter applies it, so that an
 * integrator comparing our output with that converter's finds the same identifiers and codes.
 */
import { component, type Hl7Value, subValue } from "./parse";

export type Json = Record<string, unknown>;

export const v2IdentifierTypeSystem = "http://terminology.hl7.org/CodeSystem/v2-0203";
/**
 * Base for identifier systems known only by a local namespace (CX-4.1 "test" -> ".../Identifier/test").
 * It is the FHIR converter's convention, kept so that identifiers match when a clinic also routes
 * HL7 through that converter.
 */
export const localIdentifierSystemBase = "http://example.com/v2-to-fhir-converter/Identifier/";

// OIDs that FHIR names with a canonical URI: the receiving side matches on these.
const wellKnownOids: Record<string, string> = {
  "2.16.840.1.113883.4.6": "http://hl7.org/fhir/sid/us-npi",
  "2.16.840.1.113883.4.1": "http://hl7.org/fhir/sid/us-ssn",
};

// HL7 v2 coding-system names (table 0396) that have a FHIR URI.
const codingSystems: Record<string, string> = {
  LN: "http://loinc.org",
  SCT: "http://snomed.info/sct",
  SNM: "http://snomed.info/sct",
  SNOMEDCT: "http://snomed.info/sct",
  I10: "http://hl7.org/fhir/sid/icd-10",
  I10C: "http://hl7.org/fhir/sid/icd-10-cm",
  ICD10CM: "http://hl7.org/fhir/sid/icd-10-cm",
  C4: "http://www.ama-assn.org/go/cpt",
  CPT: "http://www.ama-assn.org/go/cpt",
  UCUM: "http://unitsofmeasure.org",
  ISO3166_1: "urn:iso:std:iso:3166",
  ISO639: "urn:ietf:bcp:47",
};

const identifierTypeDisplays: Record<string, string> = {
  MR: "Medical record number",
  PI: "Patient internal identifier",
  PT: "Patient external identifier",
  SS: "Social Security number",
  NPI: "National provider identifier",
  DL: "Driver's license number",
  AN: "Account number",
  MA: "Patient Medicaid number",
  MC: "Patient's Medicare number",
  MB: "Member Number",
  PN: "Person number",
  PRN: "Provider number",
  DN: "Doctor number",
  PLAC: "Placer Identifier",
  FILL: "Filler Identifier",
};

/** Drops undefined, "" and empty arrays or objects: FHIR JSON allows none of them. */
export function compact<T extends Json>(value: T): T {
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === "" || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0) continue;
    out[key] = v;
  }
  return out as T;
}

/** Trimmed text of a component; HL7's explicit null ("") reads as absent. */
export function text(value: Hl7Value | undefined, c: number, s = 1): string {
  const raw = component(value, c, s).trim();
  return raw === '""' ? "" : raw;
}

/** A v2 coding-system name (LN, SCT, HL70276...) as a FHIR URI; undefined for local codes. */
export function codingSystemUri(name: string): string | undefined {
  const upper = name.trim().toUpperCase();
  if (!upper) return undefined;
  const table = /^HL7(\d{4})$/.exec(upper);
  if (table) return `http://terminology.hl7.org/CodeSystem/v2-${table[1]}`;
  if (/^(https?:|urn:)/i.test(name.trim())) return name.trim();
  return codingSystems[upper];
}

/** CWE/CE/CNE -> CodeableConcept: the primary and the alternate coding, and the original text. */
export function codeableConcept(value: Hl7Value | undefined): Json | undefined {
  const coding: Json[] = [];
  for (const first of [1, 4]) {
    const code = text(value, first);
    if (!code) continue;
    coding.push(compact({ system: codingSystemUri(text(value, first + 2)), code, display: text(value, first + 1) || undefined }));
  }
  const label = text(value, 9) || text(value, 2) || text(value, 5);
  if (coding.length === 0 && !label) return undefined;
  return compact({ coding, text: label || undefined });
}

/** HD (assigning authority) -> Identifier.system. */
export function identifierSystem(hd: Hl7Value): string | undefined {
  const namespace = text(hd, 1);
  const universalId = text(hd, 2);
  const universalType = text(hd, 3).toUpperCase();
  if (universalId) {
    if (universalType === "ISO" || (!universalType && /^\d+(\.\d+)+$/.test(universalId))) {
      return wellKnownOids[universalId] ?? `urn:oid:${universalId}`;
    }
    if (universalType === "URI" || /^(https?:|urn:)/i.test(universalId)) return universalId;
    if ((universalType === "UUID" || universalType === "GUID") && /^[0-9a-f-]{36}$/i.test(universalId)) {
      return `urn:uuid:${universalId.toLowerCase()}`;
    }
  }
  const local = namespace || universalId;
  return local ? `${localIdentifierSystemBase}${encodeURIComponent(local)}` : undefined;
}

/** An identifier type from table 0203 (MR, NPI, PLAC...). */
export function identifierType(code: string): Json {
  const upper = code.toUpperCase();
  return { coding: [compact({ system: v2IdentifierTypeSystem, code: upper, display: identifierTypeDisplays[upper] })] };
}

/** CX (PID-2, PID-3, PID-4) -> Identifier. */
export function identifierFromCx(cx: Hl7Value): Json | undefined {
  const value = text(cx, 1);
  if (!value) return undefined;
  const typeCode = text(cx, 5);
  return compact({ value, system: identifierSystem(subValue(cx, 4)), type: typeCode ? identifierType(typeCode) : undefined });
}

/** XCN (AIP-3, PV1-7, SCH-16...) -> the person's Identifier, if it carries an id. */
export function identifierFromXcn(xcn: Hl7Value): Json | undefined {
  const value = text(xcn, 1);
  if (!value) return undefined;
  const typeCode = text(xcn, 13).toUpperCase();
  const system = identifierSystem(subValue(xcn, 9)) ?? (typeCode === "NPI" ? wellKnownOids["2.16.840.1.113883.4.6"] : undefined);
  return compact({ value, system, type: typeCode ? identifierType(typeCode) : undefined });
}

// Name type (table 0200) -> HumanName.use.
const nameUses: Record<string, string> = {
  L: "official",
  R: "official",
  D: "usual",
  N: "nickname",
  M: "maiden",
  S: "anonymous",
  BAD: "old",
  TEMP: "temp",
  NAV: "temp",
};

/** XPN (PID-5) -> HumanName. */
export function humanNameFromXpn(xpn: Hl7Value): Json | undefined {
  const name = compact({
    family: text(xpn, 1),
    given: [text(xpn, 2), text(xpn, 3), text(xpn, 15)].filter(Boolean),
    prefix: [text(xpn, 5)].filter(Boolean),
    suffix: [text(xpn, 4), text(xpn, 6), text(xpn, 14)].filter(Boolean),
    use: nameUses[text(xpn, 7).toUpperCase()],
  });
  return name.family || name.given ? name : undefined;
}

/** XCN (a person in AIP-3, PV1-7...) -> HumanName. */
export function humanNameFromXcn(xcn: Hl7Value): Json | undefined {
  const name = compact({
    family: text(xcn, 2),
    given: [text(xcn, 3), text(xcn, 4)].filter(Boolean),
    prefix: [text(xcn, 6)].filter(Boolean),
    suffix: [text(xcn, 5), text(xcn, 7), text(xcn, 21)].filter(Boolean),
    use: nameUses[text(xcn, 10).toUpperCase()],
  });
  return name.family || name.given ? name : undefined;
}

// Address type (table 0190) -> Address.use or Address.type.
const addressUses: Record<string, string> = { H: "home", P: "home", RH: "home", B: "work", O: "work", C: "temp", BA: "old", BI: "billing" };
const addressTypes: Record<string, string> = { M: "postal", SH: "postal" };

/** XAD (PID-11) -> Address. */
export function addressFromXad(xad: Hl7Value): Json | undefined {
  const kind = text(xad, 7).toUpperCase();
  const address = compact({
    line: [text(xad, 1, 1), text(xad, 1, 2), text(xad, 1, 3), text(xad, 2)].filter(Boolean),
    city: text(xad, 3),
    district: text(xad, 9, 2) || text(xad, 9, 1),
    state: text(xad, 4),
    postalCode: text(xad, 5),
    country: text(xad, 6),
  });
  if (Object.keys(address).length === 0) return undefined;
  return compact({ ...address, use: addressUses[kind], type: addressTypes[kind] });
}

// Telecommunication use code (table 0201) -> ContactPoint.use.
const telecomUses: Record<string, string> = { PRN: "home", ORN: "home", WPN: "work", VHN: "temp", PRS: "mobile" };
// Telecommunication equipment type (table 0202) -> ContactPoint.system.
const telecomSystems: Record<string, string> = {
  PH: "phone",
  CP: "phone",
  SAT: "phone",
  FX: "fax",
  BP: "pager",
  TDD: "other",
  TTY: "other",
  MD: "other",
};

/**
 * XTN (PID-13 home, PID-14 work, PID-40) -> ContactPoint. Phone numbers stay as written: the FHIR
 * mapper normalises them to E.164. A cell phone is "mobile" whatever field it came in, because
 * that is the number a clinic may text.
 */
export function contactPointFromXtn(xtn: Hl7Value, fieldUse?: "home" | "work"): Json | undefined {
  const useCode = text(xtn, 2).toUpperCase();
  const equipment = text(xtn, 3).toUpperCase();
  const isEmail = equipment === "INTERNET" || equipment === "X.400" || useCode === "NET";
  const value = isEmail ? text(xtn, 4) || text(xtn, 1) : text(xtn, 12) || text(xtn, 1) || composedNumber(xtn);
  if (!value) return undefined;
  const rank = Number(text(xtn, 18));
  return compact({
    system: isEmail ? "email" : (telecomSystems[equipment] ?? "phone"),
    value,
    use: !isEmail && equipment === "CP" ? "mobile" : (telecomUses[useCode] ?? fieldUse),
    rank: Number.isInteger(rank) && rank > 0 ? rank : undefined,
  });
}

function composedNumber(xtn: Hl7Value): string {
  const country = text(xtn, 5);
  const area = text(xtn, 6);
  const local = text(xtn, 7);
  if (!local) return "";
  const extension = text(xtn, 8);
  return [country && `+${country}`, area && `(${area})`, local].filter(Boolean).join(" ") + (extension ? ` ext. ${extension}` : "");
}
