import { fhirAppointmentStatuses } from "../ehr/fhir-out/appointment";
import type { SearchParamType, SupportedResource } from "../ehr/fhir-out/capability";
import { carePlanStatuses } from "../ehr/fhir-out/care-plan";
import { type DateRange, parseDateOnly, parseInstantRange } from "./fhir-dates";

/** Pure: the FHIR search parameters this server answers, and the parser that turns a query into clauses. */

export const fhirResourceTypes = [
  "Patient",
  "Appointment",
  "Encounter",
  "Observation",
  "CarePlan",
  "QuestionnaireResponse",
  "Communication",
] as const;
export type FhirResourceType = (typeof fhirResourceTypes)[number];
export const isFhirResourceType = (t: string): t is FhirResourceType => (fhirResourceTypes as readonly string[]).includes(t);

type ParamName = "patient" | "identifier" | "name" | "birthdate" | "date" | "status" | "code";
interface ParamDefinition {
  type: SearchParamType;
  documentation: string;
  /** For status: the codes FHIR defines (others are refused, these may match nothing). */
  codes?: readonly string[];
}

const patient: ParamDefinition = { type: "reference", documentation: "The patient: Patient/{id} or {id} (several, comma-separated)." };
const visitDate: ParamDefinition = {
  type: "date",
  documentation: "The visit's start, with eq, ge, le, gt or lt; a date alone is that day in the clinic's time zone. Repeat for a range.",
};

/** What each resource type can be searched by, besides _id, _count and _offset. */
export const searchDefinitions: Record<FhirResourceType, Partial<Record<ParamName, ParamDefinition>>> = {
  Patient: {
    identifier: { type: "token", documentation: "An identifier we hold: system|value, or value in any system." },
    name: { type: "string", documentation: "Start of a given or family name, accents and case ignored." },
    birthdate: { type: "date", documentation: "Birth date, with eq (default), ge, le, gt or lt; YYYY, YYYY-MM or YYYY-MM-DD." },
  },
  Appointment: {
    patient,
    date: visitDate,
    status: {
      type: "token",
      documentation: "booked (booked or confirmed here), arrived, fulfilled (attended), cancelled, noshow.",
      codes: fhirAppointmentStatuses,
    },
  },
  Encounter: { patient, date: visitDate },
  Observation: {
    patient,
    code: { type: "token", documentation: "http://loinc.org|72514-3 for pain scores, or an outcome score code; system|code or code." },
  },
  CarePlan: {
    patient,
    status: { type: "token", documentation: "active (open episode), completed, revoked (ended early).", codes: carePlanStatuses },
  },
  QuestionnaireResponse: { patient },
  Communication: { patient },
};

export const supportedResources: SupportedResource[] = fhirResourceTypes.map((type) => ({
  type,
  searchParams: Object.entries(searchDefinitions[type]).map(([name, d]) => ({ name, type: d.type, documentation: d.documentation })),
}));

export interface Token {
  /** null: any system; "": no system. */
  system: string | null;
  code: string | null;
}

/** One occurrence of a parameter; its comma-separated values are alternatives (OR). Occurrences are ANDed. */
export type Clause =
  | { param: "_id" | "patient" | "status" | "name"; values: string[] }
  | { param: "identifier" | "code"; values: Token[] }
  | { param: "birthdate"; values: DateRange<string>[] }
  | { param: "date"; values: DateRange<number>[] };

export interface SearchQuery {
  type: FhirResourceType;
  clauses: Clause[];
  page: { offset: number; count: number };
}

/** A refused search names the parameter; `not-supported` for a parameter we lack, `invalid` for a bad value. */
export type SearchParse =
  | { ok: true; query: SearchQuery }
  | { ok: false; param: string; code: "invalid" | "not-supported"; message: string };

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;
const MAX_OFFSET = 100_000;
const MAX_VALUES = 20;
/** "application/fhir json" is the same value sent with an unencoded "+", which query strings read as a space. */
const jsonFormats = ["json", "application/json", "application/fhir+json", "application/fhir json"];
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** Parses a search's query string. The clinic's time zone reads dates without a time. */
export function parseSearch(type: FhirResourceType, params: URLSearchParams, timeZone: string): SearchParse {
  const clauses: Clause[] = [];
  const page = { offset: 0, count: DEFAULT_COUNT };
  const seen = new Set<string>();
  let valueCount = 0;
  for (const [name, raw] of params) {
    const fail = (message: string, code: "invalid" | "not-supported" = "invalid"): SearchParse => ({
      ok: false,
      param: name.slice(0, 64),
      code,
      message: `${name.slice(0, 64)}: ${message}`,
    });
    if (name === "_count" || name === "_offset") {
      if (seen.has(name)) return fail("give it once");
      seen.add(name);
      if (!/^\d{1,7}$/.test(raw)) return fail("must be a whole number");
      const n = Number(raw);
      if (name === "_count") {
        if (n < 1) return fail("must be at least 1");
        // Larger pages are capped, as FHIR servers may; the self link shows the size used.
        page.count = Math.min(n, MAX_COUNT);
      } else {
        if (n > MAX_OFFSET) return fail(`must be at most ${MAX_OFFSET}`);
        page.offset = n;
      }
      continue;
    }
    if (name === "_format") {
      // Some clients always send it; JSON is all this server speaks.
      if (!jsonFormats.includes(raw)) return fail("only JSON is served (json, application/fhir+json)", "not-supported");
      continue;
    }
    const own = searchDefinitions[type];
    const definition =
      name === "_id" ? { type: "token" as const, documentation: "" } : Object.hasOwn(own, name) ? own[name as ParamName] : undefined;
    if (!definition) {
      return fail(name.includes(":") ? "modifiers are not supported" : `not a supported search parameter for ${type}`, "not-supported");
    }
    const values = raw.split(",").map((v) => v.trim());
    if (values.some((v) => v === "")) return fail("needs a value");
    valueCount += values.length;
    // Each value becomes a bound parameter or two; D1 binds at most 100 per statement.
    if (valueCount > MAX_VALUES) return fail(`a search takes at most ${MAX_VALUES} values in all`);
    const clause = parseClause(name as ParamName | "_id", values, definition, timeZone);
    if ("message" in clause) return fail(clause.message);
    clauses.push(clause);
  }
  return { ok: true, query: { type, clauses, page } };
}

function parseClause(
  name: ParamName | "_id",
  values: string[],
  definition: ParamDefinition,
  timeZone: string,
): Clause | { message: string } {
  switch (name) {
    case "_id":
      return values.every((v) => FHIR_ID.test(v)) ? { param: "_id", values } : { message: "not a valid id" };
    case "patient": {
      const ids = values.map((v) => /^(?:.*\/)?Patient\/([^/]+)$/.exec(v)?.[1] ?? (v.includes("/") ? "" : v));
      return ids.every((v) => FHIR_ID.test(v)) ? { param: "patient", values: ids } : { message: "use Patient/{id} or {id}" };
    }
    case "name":
      return values.every((v) => v.length <= 100) ? { param: "name", values } : { message: "at most 100 characters" };
    case "status": {
      const codes = values.map((v) => v.slice(v.lastIndexOf("|") + 1));
      const bad = codes.find((c) => !definition.codes?.includes(c));
      return bad === undefined
        ? { param: "status", values: codes }
        : { message: `unknown status code (use ${definition.codes?.join(", ")})` };
    }
    case "identifier":
    case "code": {
      const tokens = values.map(parseToken);
      if (tokens.some((t) => t.code !== null && t.code.length > 200)) return { message: "value too long" };
      if (name === "code" && tokens.some((t) => t.code === null)) return { message: "use system|code or code" };
      return { param: name, values: tokens };
    }
    case "birthdate":
    case "date": {
      const ranges = [];
      for (const v of values) {
        const r = name === "birthdate" ? parseDateOnly(v) : parseInstantRange(v, timeZone);
        if (!r.ok) return { message: r.message };
        ranges.push(r.range);
      }
      return name === "birthdate"
        ? { param: "birthdate", values: ranges as DateRange<string>[] }
        : { param: "date", values: ranges as DateRange<number>[] };
    }
  }
}

/** "system|code" (exact), "|code" (no system), "code" (any system), "system|" (any code in the system). */
function parseToken(v: string): Token {
  const bar = v.indexOf("|");
  if (bar < 0) return { system: null, code: v };
  const code = v.slice(bar + 1);
  return { system: v.slice(0, bar), code: code === "" ? null : code };
}
