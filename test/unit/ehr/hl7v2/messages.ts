/// <reference types="node" />
/** Synthetic SIU messages for the mapper tests, built field by field so that each test reads as HL7 numbering. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type SiuOptions, siuToBundle } from "../../../../src/ehr/hl7v2/index";

export const fixtures = resolve(import.meta.dirname, "../../../fixtures/hl7v2-siu");

/** Every sample message in the fixtures: [file name without .hl7, text exactly as stored]. */
export function sampleMessages(): [string, string][] {
  return readdirSync(join(fixtures, "messages"))
    .filter((f) => f.endsWith(".hl7"))
    .sort()
    .map((f) => [f.replace(/\.hl7$/, ""), readFileSync(join(fixtures, "messages", f), "utf8")]);
}

/** A segment with the given fields set (1-based, as the standard numbers them) and the rest empty. */
export function segment(name: string, fields: Record<number, string>): string {
  const last = Math.max(0, ...Object.keys(fields).map(Number));
  const parts = [name];
  for (let n = 1; n <= last; n++) parts.push(fields[n] ?? "");
  return parts.join("|");
}

/** An MSH segment: MSH-1 is the "|" itself, so the fields written start at MSH-2. */
export function msh(trigger: string, overrides: Record<number, string> = {}): string {
  const fields: Record<number, string> = {
    3: "ClinicEHR",
    4: "Riverside PT",
    5: "Rapport",
    7: "20250301090000-0500",
    9: `SIU^${trigger}^SIU_${trigger === "S26" ? "S12" : trigger}`,
    10: `CTRL-${trigger}`,
    11: "P",
    12: "2.5.1",
    ...overrides,
  };
  const last = Math.max(...Object.keys(fields).map(Number));
  const parts = ["MSH", "^~\\&"];
  for (let n = 3; n <= last; n++) parts.push(fields[n] ?? "");
  return parts.join("|");
}

export const clinicPatient = segment("PID", {
  1: "1",
  3: "MRN-1001^^^RIVERSIDE^MR~999-00-1234^^^USSSA^SS",
  5: "Rivera^Ana^Maria^^Ms.^^L",
  7: "19800214",
  8: "F",
  11: "12 Elm St^Apt 2^Springfield^MA^01103^USA^H",
  13: "^PRN^CP^^1^413^5550123~^NET^Internet^ana.rivera@example.org",
  15: "spa^Spanish^HL70296",
});

export const therapist = segment("AIP", {
  1: "1",
  3: "1234567893^Okafor^Dana^^^^DPT^^&2.16.840.1.113883.4.6&ISO^L^^^NPI",
  4: "PT^Physical therapist^L",
  12: "Booked",
});

/** A clinic's follow-up visit: 45 minutes at 14:00 local time on 10 March 2025, no offsets written. */
export function followUp(trigger = "S12", extra: { sch?: Record<number, string>; segments?: string[] } = {}): string {
  return [
    msh(trigger),
    segment("SCH", { 1: "PL-77", 2: "FL-5001", 7: "FOLLOWUP", 8: "Normal", 9: "45", 10: "min", 25: "Booked", ...extra.sch }),
    segment("TQ1", { 1: "1", 7: "202503101400", 8: "202503101445" }),
    segment("NTE", { 1: "1", 3: "Bring the home exercise sheet" }),
    clinicPatient,
    segment("RGS", { 1: "1" }),
    segment("AIS", { 1: "1", 3: "97110^Therapeutic exercise^C4" }),
    therapist,
    ...(extra.segments ?? []),
  ].join("\r");
}

export type Resource = Record<string, unknown> & { resourceType: string; id: string };
/** The clinic's zone the tests map in unless they say otherwise. */
export const zone: SiuOptions = { timeZone: "America/New_York" };

export function map(text: string, options = zone) {
  const result = siuToBundle(text, options);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

export function resources(text: string, options = zone): Resource[] {
  return map(text, options).bundle.entry.map((e) => e.resource as Resource);
}

export function appointmentOf(text: string, options = zone): Resource {
  const found = resources(text, options).find((r) => r.resourceType === "Appointment");
  if (!found) throw new Error("no Appointment");
  return found;
}

export function refusal(text: string, options = zone): string {
  const result = siuToBundle(text, options);
  if (result.ok) throw new Error("mapped a message it should refuse");
  return result.reason;
}
