import { describe, expect, it } from "vitest";
import { addDays, daysBetween, localParts, minutesOf, startOfWeek, timeOf, weekdayOf, zonedToUtc } from "../../../src/platform/time";

const NY = "America/New_York";
const iso = (at: number) => new Date(at).toISOString();

describe("zonedToUtc", () => {
  it.each([
    ["winter (EST, -5)", "2026-01-15", "09:00", "2026-01-15T14:00:00.000Z"],
    ["summer (EDT, -4)", "2026-07-15", "09:00", "2026-07-15T13:00:00.000Z"],
    ["the day before spring forward", "2026-03-07", "08:00", "2026-03-07T13:00:00.000Z"],
    ["spring-forward day, after the jump", "2026-03-08", "08:00", "2026-03-08T12:00:00.000Z"],
    ["spring-forward day, before the jump", "2026-03-08", "01:30", "2026-03-08T06:30:00.000Z"],
    ["the day before fall back", "2026-10-31", "08:00", "2026-10-31T12:00:00.000Z"],
    ["fall-back day, after the overlap", "2026-11-01", "08:00", "2026-11-01T13:00:00.000Z"],
    ["local midnight crossing the UTC date", "2026-12-31", "22:00", "2027-01-01T03:00:00.000Z"],
  ])("%s: %s %s", (_name, date, time, expected) => {
    expect(iso(zonedToUtc(date, time, NY))).toBe(expected);
  });

  it("reads a time in the spring-forward gap (02:30 never happens) as the clock after the jump", () => {
    const at = zonedToUtc("2026-03-08", "02:30", NY);
    expect(iso(at)).toBe("2026-03-08T07:30:00.000Z");
    expect(localParts(at, NY).time).toBe("03:30");
  });

  it("reads a time in the fall-back overlap (01:30 happens twice) as the first one, still on daylight time", () => {
    const at = zonedToUtc("2026-11-01", "01:30", NY);
    expect(iso(at)).toBe("2026-11-01T05:30:00.000Z");
    // One hour later the wall clock reads 01:30 again.
    expect(localParts(at + 3600_000, NY).time).toBe("01:30");
  });

  it("round-trips every quarter hour of both change days through localParts", () => {
    for (const date of ["2026-03-08", "2026-11-01"]) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = timeOf(m);
        if (date === "2026-03-08" && time >= "02:00" && time < "03:00") continue; // the gap
        const at = zonedToUtc(date, time, NY);
        expect(`${date} ${time} -> ${localParts(at, NY).date} ${localParts(at, NY).time}`).toBe(`${date} ${time} -> ${date} ${time}`);
      }
    }
  });

  it("works in zones with half-hour offsets and in UTC", () => {
    expect(iso(zonedToUtc("2026-06-01", "09:00", "Asia/Kolkata"))).toBe("2026-06-01T03:30:00.000Z");
    expect(iso(zonedToUtc("2026-06-01", "09:00", "UTC"))).toBe("2026-06-01T09:00:00.000Z");
  });
});

describe("localParts", () => {
  it("gives the clinic-local date, time, weekday and minutes", () => {
    expect(localParts(Date.parse("2026-11-01T04:30:00Z"), NY)).toEqual({ date: "2026-11-01", time: "00:30", weekday: 7, minutes: 30 });
    expect(localParts(Date.parse("2027-01-01T03:00:00Z"), NY)).toEqual({ date: "2026-12-31", time: "22:00", weekday: 4, minutes: 1320 });
  });
});

describe("addDays", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2026-12-28", 7, "2027-01-04"],
    ["2026-03-07", 1, "2026-03-08"],
    ["2026-03-08", 1, "2026-03-09"],
    ["2026-01-01", 365, "2027-01-01"],
    ["2026-05-05", 0, "2026-05-05"],
  ])("%s + %i = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe("weekdayOf and startOfWeek", () => {
  it.each([
    ["2026-03-02", 1],
    ["2026-03-07", 6],
    ["2026-03-08", 7],
    ["2026-11-01", 7],
    ["2027-01-01", 5],
    ["2028-02-29", 2],
  ])("%s is ISO weekday %i", (date, weekday) => {
    expect(weekdayOf(date)).toBe(weekday);
  });

  it.each([
    ["2026-03-02", "2026-03-02"],
    ["2026-03-08", "2026-03-02"],
    ["2026-11-01", "2026-10-26"],
    ["2027-01-01", "2026-12-28"],
    ["2027-01-03", "2026-12-28"],
  ])("the week of %s starts on Monday %s", (date, monday) => {
    expect(startOfWeek(date)).toBe(monday);
    expect(weekdayOf(startOfWeek(date))).toBe(1);
  });
});

describe("minutesOf, timeOf, daysBetween", () => {
  it("converts clock times and counts calendar days across a DST change", () => {
    expect(minutesOf("00:00")).toBe(0);
    expect(minutesOf("17:45")).toBe(1065);
    expect(timeOf(1065)).toBe("17:45");
    expect(timeOf(5)).toBe("00:05");
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
    expect(daysBetween("2026-12-31", "2026-01-01")).toBe(-364);
  });
});
