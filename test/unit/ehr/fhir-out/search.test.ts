import { describe, expect, it } from "vitest";
import { bounds, parseDateOnly, parseInstantRange } from "../../../../src/api/fhir-dates";
import { parseSearch, type SearchParse } from "../../../../src/api/fhir-search";
import { fhirAppointmentStatus, ourAppointmentStatuses } from "../../../../src/ehr/fhir-out/appointment";
import { carePlanStatus } from "../../../../src/ehr/fhir-out/care-plan";
import { instrumentsForCode } from "../../../../src/ehr/fhir-out/observation";

const NY = "America/New_York";
const search = (type: Parameters<typeof parseSearch>[0], query: string) => parseSearch(type, new URLSearchParams(query), NY);
const refused = (r: SearchParse) => (r.ok ? null : { param: r.param, code: r.code });

describe("FHIR search parameters", () => {
  it("reads paging with defaults, caps _count at 100 and refuses nonsense", () => {
    const plain = search("Patient", "");
    expect(plain.ok && plain.query.page).toEqual({ offset: 0, count: 20 });
    const big = search("Patient", "_count=500&_offset=40");
    expect(big.ok && big.query.page).toEqual({ offset: 40, count: 100 });
    expect(refused(search("Patient", "_count=0"))).toEqual({ param: "_count", code: "invalid" });
    expect(refused(search("Patient", "_count=ten"))).toEqual({ param: "_count", code: "invalid" });
    expect(refused(search("Patient", "_count=5&_count=6"))).toEqual({ param: "_count", code: "invalid" });
    expect(refused(search("Patient", "_offset=-1"))).toEqual({ param: "_offset", code: "invalid" });
  });

  it("names an unknown parameter, a parameter of another type, and a modifier", () => {
    expect(refused(search("Patient", "color=blue"))).toEqual({ param: "color", code: "not-supported" });
    expect(refused(search("Patient", "status=booked"))).toEqual({ param: "status", code: "not-supported" });
    expect(refused(search("Patient", "name:exact=Ana"))).toEqual({ param: "name:exact", code: "not-supported" });
    expect(refused(search("Observation", "_sort=date"))).toEqual({ param: "_sort", code: "not-supported" });
    expect(refused(search("Patient", "constructor=x&__proto__=y"))).toEqual({ param: "constructor", code: "not-supported" });
    expect(search("Observation", "_format=json").ok).toBe(true);
    expect(search("Observation", "_format=application/fhir%2Bjson").ok).toBe(true);
    expect(search("Observation", "_format=application/fhir+json").ok).toBe(true);
    expect(refused(search("Observation", "_format=xml"))).toEqual({ param: "_format", code: "not-supported" });
    const failure = search("Encounter", "_include=Encounter:patient");
    expect(failure.ok ? "" : failure.message).toContain("_include");
  });

  it("parses identifier tokens in all their forms", () => {
    const r = search("Patient", "identifier=http://hospital.example/mrn|123,456&identifier=|789,http://x|");
    expect(r.ok && r.query.clauses).toEqual([
      {
        param: "identifier",
        values: [
          { system: "http://hospital.example/mrn", code: "123" },
          { system: null, code: "456" },
        ],
      },
      {
        param: "identifier",
        values: [
          { system: "", code: "789" },
          { system: "http://x", code: null },
        ],
      },
    ]);
  });

  it("reads patient references as Patient/id, id or an absolute URL, and refuses other types", () => {
    const r = search("Appointment", "patient=Patient/abc,def,https://x.example/fhir/R4/Patient/ghi");
    expect(r.ok && r.query.clauses).toEqual([{ param: "patient", values: ["abc", "def", "ghi"] }]);
    expect(refused(search("Appointment", "patient=Practitioner/abc"))).toEqual({ param: "patient", code: "invalid" });
    expect(refused(search("Appointment", "patient="))).toEqual({ param: "patient", code: "invalid" });
  });

  it("accepts any FHIR status code, maps ours both ways, and refuses words FHIR does not have", () => {
    const r = search("Appointment", "status=booked,noshow,waitlist");
    expect(r.ok && r.query.clauses).toEqual([{ param: "status", values: ["booked", "noshow", "waitlist"] }]);
    expect(refused(search("Appointment", "status=confirmed"))).toEqual({ param: "status", code: "invalid" });
    expect(ourAppointmentStatuses("booked")).toEqual(["booked", "confirmed"]);
    expect(ourAppointmentStatuses("fulfilled")).toEqual(["attended"]);
    expect(ourAppointmentStatuses("noshow")).toEqual(["no_show"]);
    expect(ourAppointmentStatuses("waitlist")).toEqual([]);
    expect(fhirAppointmentStatus.confirmed).toBe("booked");
    expect(refused(search("CarePlan", "status=open"))).toEqual({ param: "status", code: "invalid" });
    expect(carePlanStatus({ status: "discharged", dischargeReason: "moved" })).toBe("revoked");
    expect(carePlanStatus({ status: "discharged", dischargeReason: "plan_completed" })).toBe("completed");
  });

  it("maps Observation codes to instruments: LOINC pain is NPRS, our score codes the others", () => {
    expect(instrumentsForCode("http://loinc.org", "72514-3")).toEqual(["nprs"]);
    expect(instrumentsForCode(null, "72514-3")).toEqual(["nprs"]);
    expect(instrumentsForCode(null, "odi")).toEqual(["odi"]);
    expect(instrumentsForCode("http://loinc.org", "odi")).toEqual([]);
    expect(refused(search("Observation", "code=http://loinc.org|"))).toEqual({ param: "code", code: "invalid" });
  });

  it("caps the values in one search, so a statement never binds more than D1 allows", () => {
    const many = Array.from({ length: 21 }, (_, i) => `p${i}`).join(",");
    expect(refused(search("Appointment", `patient=${many}`))).toEqual({ param: "patient", code: "invalid" });
  });
});

describe("FHIR date search values", () => {
  it("birthdate ranges by year, month and day, compared as calendar dates", () => {
    expect(parseDateOnly("1980")).toEqual({ ok: true, range: { prefix: "eq", lower: "1980-01-01", upper: "1981-01-01" } });
    expect(parseDateOnly("ge1980-12")).toEqual({ ok: true, range: { prefix: "ge", lower: "1980-12-01", upper: "1981-01-01" } });
    expect(parseDateOnly("le1980-02-29")).toEqual({ ok: true, range: { prefix: "le", lower: "1980-02-29", upper: "1980-03-01" } });
    for (const bad of ["1981-02-29", "1980-13", "80-01-01", "1980-03-07T10:00:00Z", "ap1980", "sa1980", "yesterday"]) {
      expect(parseDateOnly(bad).ok, bad).toBe(false);
    }
  });

  it("a visit date without a time is the clinic's own day; with a time it is that instant to the second", () => {
    const day = parseInstantRange("2026-11-30", NY);
    expect(day.ok && [new Date(day.range.lower).toISOString(), new Date(day.range.upper).toISOString()]).toEqual([
      "2026-11-30T05:00:00.000Z",
      "2026-12-01T05:00:00.000Z",
    ]);
    // The day clocks go back is 25 hours long.
    const fallBack = parseInstantRange("2026-11-01", NY);
    expect(fallBack.ok && fallBack.range.upper - fallBack.range.lower).toBe(25 * 3_600_000);
    const at = parseInstantRange("gt2026-11-30T10:00:00-05:00", NY);
    expect(at.ok && at.range).toEqual({
      prefix: "gt",
      lower: Date.parse("2026-11-30T15:00:00Z"),
      upper: Date.parse("2026-11-30T15:00:01Z"),
    });
    expect(parseInstantRange("2026-11-30T10:00:00", NY).ok).toBe(false);
    expect(parseInstantRange("2026-11-30T25:00:00Z", NY).ok).toBe(false);
  });

  it("prefixes bound the range as FHIR says: ge from its start, gt after its end, le to its end, lt before its start", () => {
    const r = { lower: 10, upper: 20 };
    expect(bounds({ ...r, prefix: "eq" })).toEqual({ from: 10, before: 20 });
    expect(bounds({ ...r, prefix: "ge" })).toEqual({ from: 10 });
    expect(bounds({ ...r, prefix: "gt" })).toEqual({ from: 20 });
    expect(bounds({ ...r, prefix: "le" })).toEqual({ before: 20 });
    expect(bounds({ ...r, prefix: "lt" })).toEqual({ before: 10 });
  });

  it("several date parameters narrow the search (AND), and a bad one is named", () => {
    const r = search("Appointment", "date=ge2026-11-01&date=le2026-11-30");
    expect(r.ok && r.query.clauses.map((c) => c.param)).toEqual(["date", "date"]);
    expect(refused(search("Appointment", "date=ge2026-11-01&date=soon"))).toEqual({ param: "date", code: "invalid" });
  });
});
