import { describe, expect, it } from "vitest";
import { judgeSlot, RESCHEDULE_DAYS, rescheduleOptions, slotsByDay, visitWhen } from "../../../src/portal/reschedule-model";
import type { AvailabilityWindow } from "../../../src/scheduling/model";

const NY = "America/New_York";
const at = (s: string) => Date.parse(s);
const weekdays = (startTime: string, endTime: string): AvailabilityWindow[] =>
  [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime, endTime }));

// Monday 30 Nov 2026, 9:00 in New York; the visit is Wednesday 2 Dec 10:00-10:45.
const now = at("2026-11-30T14:00:00Z");
const visit = {
  id: "v1",
  status: "booked" as const,
  startsAt: at("2026-12-02T15:00:00Z"),
  endsAt: at("2026-12-02T15:45:00Z"),
  durationMinutes: 45,
};
const base = { visit, windows: weekdays("09:00", "12:00"), clinicZone: NY, now };

describe("rescheduleOptions", () => {
  it("offers the therapist's grid for two weeks, never the past, never the visit's own time", () => {
    const o = rescheduleOptions({ ...base, appointments: [visit] });
    // 09:00, 09:45, 10:30 and 11:15 (ends at 12:00): 4 a weekday, 10 weekdays in 14 days.
    expect(o.grid.length).toBe(4 * 10);
    expect(rescheduleOptions({ ...base, appointments: [], now: now + 60_000 }).grid.length).toBe(4 * 10 - 1); // 9:00 today has begun
    expect(o.grid.every((s) => s.startsAt >= now)).toBe(true);
    expect(o.grid.some((s) => s.startsAt === visit.startsAt)).toBe(false);
    expect(o.free).toEqual(o.grid);
    const last = o.grid[o.grid.length - 1]?.startsAt ?? 0;
    expect(last).toBeLessThan(now + RESCHEDULE_DAYS * 86_400_000);
  });

  it("the visit does not block itself, but another visit blocks the times it overlaps", () => {
    const onGrid = { ...visit, startsAt: at("2026-12-02T14:45:00Z"), endsAt: at("2026-12-02T15:30:00Z") };
    const other = { id: "v2", status: "confirmed" as const, startsAt: at("2026-12-03T14:00:00Z"), endsAt: at("2026-12-03T14:45:00Z") };
    const cancelled = { id: "v3", status: "cancelled" as const, startsAt: at("2026-12-04T14:00:00Z"), endsAt: at("2026-12-04T14:45:00Z") };
    const o = rescheduleOptions({ ...base, visit: { ...onGrid, durationMinutes: 45 }, appointments: [onGrid, other, cancelled] });
    // 10:30 on the visit's own day overlaps only the visit itself: still offered.
    expect(o.free.some((s) => s.startsAt === at("2026-12-02T15:30:00Z"))).toBe(true);
    expect(o.free.some((s) => s.startsAt === onGrid.startsAt)).toBe(false);
    expect(o.free.some((s) => s.startsAt === other.startsAt)).toBe(false);
    expect(o.grid.some((s) => s.startsAt === other.startsAt)).toBe(true);
    expect(o.free.some((s) => s.startsAt === cancelled.startsAt)).toBe(true);
  });

  it("a therapist with no hours has nothing to offer", () => {
    expect(rescheduleOptions({ ...base, windows: [], appointments: [] })).toEqual({ grid: [], free: [] });
  });
});

describe("judgeSlot", () => {
  const other = { id: "v2", status: "booked" as const, startsAt: at("2026-12-03T14:00:00Z"), endsAt: at("2026-12-03T14:45:00Z") };
  const o = rescheduleOptions({ ...base, appointments: [visit, other] });
  it("free, just taken, or never offered", () => {
    expect(judgeSlot(at("2026-12-03T14:45:00Z"), o)).toBe("free");
    expect(judgeSlot(other.startsAt, o)).toBe("taken");
    expect(judgeSlot(at("2026-12-03T14:10:00Z"), o)).toBe("invalid"); // off the grid
    expect(judgeSlot(at("2026-11-30T14:00:00Z") - 86_400_000, o)).toBe("invalid"); // the past
    expect(judgeSlot(at("2026-12-05T14:00:00Z"), o)).toBe("invalid"); // a Saturday: not this therapist's hours
    expect(judgeSlot(at("2026-12-21T14:00:00Z"), o)).toBe("invalid"); // beyond two weeks
    expect(judgeSlot(visit.startsAt, o)).toBe("invalid"); // where it already is
  });
});

describe("slotsByDay", () => {
  const slots = [
    { startsAt: at("2026-12-01T14:00:00Z"), endsAt: 0 },
    { startsAt: at("2026-12-01T16:00:00Z"), endsAt: 0 },
    { startsAt: at("2026-12-02T14:00:00Z"), endsAt: 0 },
  ];
  it("groups by the patient's own day and labels in their language", () => {
    const en = slotsByDay(slots, NY, "en");
    expect(en.map((d) => [d.date, d.label, d.slots.map((s) => s.label)])).toEqual([
      ["2026-12-01", "Tuesday, December 1", ["9:00 AM", "11:00 AM"]],
      ["2026-12-02", "Wednesday, December 2", ["9:00 AM"]],
    ]);
    const es = slotsByDay(slots, NY, "es");
    expect(es[0]?.label).toBe("martes, 1 de diciembre");
    expect(es[0]?.slots[0]?.label).toMatch(/^9:00\sa\.\s?m\.$/);
  });

  it("a patient in another zone sees the same instants on their own clock and day", () => {
    // 16:00 UTC is 17:00 in Madrid but 11:00 in New York; 23:30 UTC on the 1st is the 2nd in Madrid.
    const madrid = slotsByDay(
      [
        { startsAt: at("2026-12-01T16:00:00Z"), endsAt: 0 },
        { startsAt: at("2026-12-01T23:30:00Z"), endsAt: 0 },
      ],
      "Europe/Madrid",
      "en",
    );
    expect(madrid.map((d) => [d.date, d.slots.map((s) => s.label)])).toEqual([
      ["2026-12-01", ["5:00 PM"]],
      ["2026-12-02", ["12:30 AM"]],
    ]);
  });

  it("visitWhen reads the same way as the home page", () => {
    expect(visitWhen(visit.startsAt, NY, "en")).toBe("Wednesday, December 2 at 10:00 AM");
  });
});
