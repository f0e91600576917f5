import { describe, expect, it } from "vitest";
import { addMinutes, fhirDate, fhirDateTime, fhirInstant, isKnownTimeZone, parseHl7Timestamp } from "../../../../src/ehr/hl7v2/time";

function ts(value: string) {
  const t = parseHl7Timestamp(value);
  if (!t) throw new Error(`not a timestamp: ${value}`);
  return t;
}

describe("HL7 timestamps to FHIR", () => {
  it.each([
    // written offset kept as written, never moved to another zone; seconds added because FHIR needs them
    ["20210924093000+0215", "2021-09-24T09:30:00+02:15", Date.UTC(2021, 8, 24, 7, 15)],
    ["202109240930+0215", "2021-09-24T09:30:00+02:15", Date.UTC(2021, 8, 24, 7, 15)],
    ["2021092409-0500", "2021-09-24T09:00:00-05:00", Date.UTC(2021, 8, 24, 14)],
    ["20250310140530.25+0100", "2025-03-10T14:05:30.25+01:00", Date.UTC(2025, 2, 10, 13, 5, 30, 250)],
    ["20250310140530.1234+0000", "2025-03-10T14:05:30.1234+00:00", Date.UTC(2025, 2, 10, 14, 5, 30, 123)],
  ])("%s is the instant %s", (value, text, epochMs) => {
    expect(fhirInstant(ts(value), {})).toEqual({ text, epochMs });
  });

  it.each([
    ["1988", "1988"],
    ["198808", "1988-08"],
    ["19880818", "1988-08-18"],
    ["198808181126+0215", "1988-08-18"],
  ])("the date of %s keeps its precision: %s", (value, date) => {
    expect(fhirDate(ts(value))).toBe(date);
  });

  it("places a time written without an offset in the clinic's zone, daylight saving included", () => {
    const zone = { timeZone: "America/New_York" };
    expect(fhirInstant(ts("202501151400"), zone)?.text).toBe("2025-01-15T14:00:00-05:00");
    expect(fhirInstant(ts("202503101400"), zone)?.text).toBe("2025-03-10T14:00:00-04:00");
    expect(fhirInstant(ts("202503101400"), zone)?.epochMs).toBe(Date.UTC(2025, 2, 10, 18));
    // 02:30 on 9 March 2025 does not exist in New York: it reads as the later offset.
    expect(fhirInstant(ts("202503090230"), zone)?.text).toBe("2025-03-09T02:30:00-04:00");
    expect(fhirInstant(ts("202511021200"), { timeZone: "Europe/Berlin" })?.text).toBe("2025-11-02T12:00:00+01:00");
  });

  it("falls back to the message's own offset, and a written offset beats both", () => {
    expect(fhirInstant(ts("202503101400"), { messageOffsetMinutes: -300 })?.text).toBe("2025-03-10T14:00:00-05:00");
    expect(fhirInstant(ts("202503101400+0100"), { timeZone: "America/New_York", messageOffsetMinutes: -300 })?.text).toBe(
      "2025-03-10T14:00:00+01:00",
    );
  });

  it("gives no instant without a time of day or without any offset", () => {
    expect(fhirInstant(ts("20250310"), { timeZone: "America/New_York" })).toBeNull();
    expect(fhirInstant(ts("202503101400"), {})).toBeNull();
    // a dateTime can still say the day
    expect(fhirDateTime(ts("202503101400"), {})).toBe("2025-03-10");
    expect(fhirDateTime(ts("20080825111630+0115"), {})).toBe("2008-08-25T11:16:30+01:15");
  });

  it.each(["", "2025-03-10", "20251301", "20250230", "202503102500", "202503101260", "20250310+2500", "2025031014000", "abc"])(
    "%j is not an HL7 timestamp",
    (value) => {
      expect(parseHl7Timestamp(value)).toBeNull();
    },
  );

  it("adds a duration in the start's own offset", () => {
    const start = fhirInstant(ts("20210924093000+0215"), {});
    if (!start) throw new Error("no start");
    expect(addMinutes(start, 50)).toEqual({ text: "2021-09-24T10:20:00+02:15", epochMs: Date.UTC(2021, 8, 24, 8, 5) });
    expect(addMinutes(start, 1 / 60).text).toBe("2021-09-24T09:30:01+02:15");
    const late = fhirInstant(ts("202112312330-0500"), {});
    if (!late) throw new Error("no start");
    expect(addMinutes(late, 45).text).toBe("2022-01-01T00:15:00-05:00");
  });

  it("knows real zone names only", () => {
    expect(isKnownTimeZone("America/Chicago")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
