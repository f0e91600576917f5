import { describe, expect, it } from "vitest";
import {
  type AvailabilityWindow,
  allowedTransitions,
  canReschedule,
  canTransition,
  findConflict,
  openSlots,
  rankWaitlist,
  windowsOn,
  withinAvailability,
} from "../../../src/scheduling/model";
import { availabilityFormSchema, bookingFormSchema, isIsoDate, waitlistFormSchema } from "../../../src/scheduling/schemas";
import { appointmentStatuses } from "../../../src/scheduling/tables";

const NY = "America/New_York";
const at = (s: string) => Date.parse(s);
const iso = (n: number) => new Date(n).toISOString();
const everyDay = (startTime: string, endTime: string): AvailabilityWindow[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime, endTime }));

describe("status transitions", () => {
  it("final statuses go nowhere; nothing goes back to booked", () => {
    for (const final of ["attended", "cancelled", "no_show"] as const) {
      for (const to of appointmentStatuses) expect(`${final}->${to}: ${canTransition(final, to)}`).toBe(`${final}->${to}: false`);
    }
    for (const from of appointmentStatuses) expect(canTransition(from, "booked")).toBe(false);
    expect(canTransition("booked", "confirmed")).toBe(true);
    expect(canTransition("confirmed", "arrived")).toBe(true);
    expect(canTransition("arrived", "attended")).toBe(true);
    expect(canTransition("arrived", "cancelled")).toBe(false);
    expect(allowedTransitions.arrived).toEqual(["attended", "no_show"]);
  });

  it("only visits that have not happened yet can be rescheduled", () => {
    expect(appointmentStatuses.filter(canReschedule)).toEqual(["booked", "confirmed"]);
  });
});

describe("findConflict", () => {
  const existing = [
    { id: "a", startsAt: 100, endsAt: 200, status: "booked" as const },
    { id: "b", startsAt: 300, endsAt: 400, status: "cancelled" as const },
  ];
  it("finds overlaps, ignores back-to-back, freed slots and the visit itself", () => {
    expect(findConflict({ startsAt: 150, endsAt: 250 }, existing)?.id).toBe("a");
    expect(findConflict({ startsAt: 50, endsAt: 101 }, existing)?.id).toBe("a");
    expect(findConflict({ startsAt: 200, endsAt: 300 }, existing)).toBeUndefined();
    expect(findConflict({ startsAt: 0, endsAt: 100 }, existing)).toBeUndefined();
    expect(findConflict({ startsAt: 300, endsAt: 400 }, existing)).toBeUndefined();
    expect(findConflict({ id: "a", startsAt: 120, endsAt: 180 }, existing)).toBeUndefined();
  });
});

describe("open slots across a DST change (America/New_York)", () => {
  const slotsFrom = (fromDate: string, days: number, windows = everyDay("08:00", "12:00"), minutes = 60) =>
    openSlots({ fromDate, days, minutes, windows, appointments: [], timeZone: NY, now: 0 });

  it("an 08:00-12:00 window starts at 08:00 local on both sides of the spring change", () => {
    const slots = slotsFrom("2026-03-07", 3).map((s) => iso(s.startsAt));
    expect(slots).toHaveLength(12);
    expect(slots[0]).toBe("2026-03-07T13:00:00.000Z"); // EST, before
    expect(slots[4]).toBe("2026-03-08T12:00:00.000Z"); // EDT, the change day
    expect(slots[8]).toBe("2026-03-09T12:00:00.000Z"); // EDT, after
    expect(slots[11]).toBe("2026-03-09T15:00:00.000Z"); // last one ends at 12:00 local
  });

  it("and on both sides of the fall change", () => {
    const slots = slotsFrom("2026-10-31", 3).map((s) => iso(s.startsAt));
    expect([slots[0], slots[4], slots[8]]).toEqual(["2026-10-31T12:00:00.000Z", "2026-11-01T13:00:00.000Z", "2026-11-02T13:00:00.000Z"]);
  });

  it("windowsOn turns the same wall-clock window into instants of different UTC offset", () => {
    const w = everyDay("08:00", "12:00");
    expect(windowsOn("2026-03-07", w, NY).map((r) => [iso(r.startsAt), iso(r.endsAt)])).toEqual([
      ["2026-03-07T13:00:00.000Z", "2026-03-07T17:00:00.000Z"],
    ]);
    expect(windowsOn("2026-03-09", w, NY).map((r) => [iso(r.startsAt), iso(r.endsAt)])).toEqual([
      ["2026-03-09T12:00:00.000Z", "2026-03-09T16:00:00.000Z"],
    ]);
  });

  it("a window across the spring gap holds one hour less, and no slot starts in the missing hour", () => {
    const slots = slotsFrom("2026-03-08", 1, everyDay("01:00", "04:00")).map((s) => iso(s.startsAt));
    expect(slots).toEqual(["2026-03-08T06:00:00.000Z", "2026-03-08T07:00:00.000Z"]); // 01:00 EST and 03:00 EDT
  });

  it("a window across the fall overlap holds one hour more", () => {
    expect(slotsFrom("2026-11-01", 1, everyDay("00:00", "03:00"))).toHaveLength(4);
  });

  it("skips booked time and the past, keeps cancelled time open", () => {
    const appointments = [
      { id: "x", startsAt: at("2026-03-09T13:00:00Z"), endsAt: at("2026-03-09T13:45:00Z"), status: "confirmed" as const },
      { id: "y", startsAt: at("2026-03-09T14:00:00Z"), endsAt: at("2026-03-09T15:00:00Z"), status: "cancelled" as const },
    ];
    const slots = openSlots({
      fromDate: "2026-03-09",
      days: 1,
      minutes: 60,
      windows: everyDay("08:00", "12:00"),
      appointments,
      timeZone: NY,
      now: at("2026-03-09T12:30:00Z"),
    });
    expect(slots.map((s) => iso(s.startsAt))).toEqual(["2026-03-09T14:00:00.000Z", "2026-03-09T15:00:00.000Z"]);
  });

  it("withinAvailability uses the local day's windows", () => {
    const w = [{ weekday: 1, startTime: "08:00", endTime: "12:00" }];
    expect(withinAvailability({ startsAt: at("2026-03-09T12:00:00Z"), endsAt: at("2026-03-09T12:45:00Z") }, w, NY)).toBe(true);
    expect(withinAvailability({ startsAt: at("2026-03-09T15:30:00Z"), endsAt: at("2026-03-09T16:15:00Z") }, w, NY)).toBe(false);
    expect(withinAvailability({ startsAt: at("2026-03-10T12:00:00Z"), endsAt: at("2026-03-10T12:45:00Z") }, w, NY)).toBe(false);
  });
});

describe("rankWaitlist", () => {
  // Monday 2026-12-07, 10:00-10:45 New York time, with therapist T.
  const slot = { startsAt: at("2026-12-07T15:00:00Z"), endsAt: at("2026-12-07T15:45:00Z"), therapistId: "T" };
  const entry = (id: string, over: Partial<Parameters<typeof rankWaitlist>[1][number]>) => ({
    id,
    therapistId: null,
    preferredWeekdays: [1],
    preferredFrom: "09:00",
    preferredTo: "12:00",
    createdAt: 0,
    ...over,
  });

  it("puts day and time fits first, the requested therapist before any therapist, then longest waiting; drops those who fit neither or want another therapist", () => {
    const entries = [
      entry("wrong-day", { preferredWeekdays: [2], createdAt: 1 }),
      entry("any-therapist", { createdAt: 3 }),
      entry("other-therapist", { therapistId: "U", createdAt: 0 }),
      entry("wrong-time", { preferredFrom: "13:00", preferredTo: "17:00", createdAt: 0 }),
      entry("this-therapist", { therapistId: "T", createdAt: 5 }),
      entry("neither", { preferredWeekdays: [3], preferredFrom: "13:00", preferredTo: "15:00", createdAt: 0 }),
      entry("ends-too-late", { preferredTo: "10:30", createdAt: 2 }),
    ];
    const ranked = rankWaitlist(slot, entries, NY);
    expect(ranked.map((e) => e.id)).toEqual(["this-therapist", "any-therapist", "wrong-time", "wrong-day", "ends-too-late"]);
    expect(ranked.map((e) => e.fit)).toEqual([6, 5, 3, 3, 3]);
  });

  it("reads the slot's weekday and time in the clinic's zone, not in UTC", () => {
    // Sunday 23:00 in New York is Monday 04:00 UTC.
    const late = { startsAt: at("2026-12-07T04:00:00Z"), endsAt: at("2026-12-07T04:45:00Z"), therapistId: "T" };
    const ranked = rankWaitlist(
      late,
      [entry("sunday-night", { preferredWeekdays: [7], preferredFrom: "22:00", preferredTo: "23:59" })],
      NY,
    );
    expect(ranked.map((e) => e.fit)).toEqual([5]);
  });
});

describe("schedule form schemas", () => {
  it("accepts only real calendar dates", () => {
    expect(["2026-02-28", "2028-02-29"].map(isIsoDate)).toEqual([true, true]);
    expect(["2026-02-29", "2026-13-01", "2026-1-1", "tomorrow", ""].map(isIsoDate)).toEqual([false, false, false, false, false]);
  });

  const booking = { patientId: "p", therapistId: "t", date: "2026-12-01", time: "10:00", durationMinutes: "45", type: "follow_up" };
  it.each([
    ["duration 0", { durationMinutes: "0" }, "durationMinutes"],
    ["duration -5", { durationMinutes: "-5" }, "durationMinutes"],
    ["duration 481", { durationMinutes: "481" }, "durationMinutes"],
    ["duration 30.5", { durationMinutes: "30.5" }, "durationMinutes"],
    ["duration text", { durationMinutes: "long" }, "durationMinutes"],
    ["time 25:00", { time: "25:00" }, "time"],
    ["time 9am", { time: "9am" }, "time"],
    ["date 2026-02-30", { date: "2026-02-30" }, "date"],
    ["unknown type", { type: "massage" }, "type"],
    ["no patient", { patientId: "" }, "patientId"],
  ])("booking refuses %s", (_name, over, field) => {
    const parsed = bookingFormSchema.safeParse({ ...booking, ...over });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues[0]?.path[0]).toBe(field);
  });

  it("booking accepts 480 minutes and reads the override box", () => {
    const parsed = bookingFormSchema.parse({ ...booking, durationMinutes: "480", override: "on" });
    expect([parsed.durationMinutes, parsed.override, parsed.episodeId]).toEqual([480, true, null]);
  });

  it("the waitlist needs a day and a time window that ends after it starts", () => {
    const ok = { patientId: "p", weekdays: ["3", "1", "3"], from: "08:00", to: "12:00" };
    expect(waitlistFormSchema.parse(ok).weekdays).toEqual([1, 3]);
    expect(waitlistFormSchema.safeParse({ ...ok, weekdays: [] }).success).toBe(false);
    expect(waitlistFormSchema.safeParse({ ...ok, weekdays: ["8"] }).success).toBe(false);
    expect(waitlistFormSchema.safeParse({ ...ok, to: "08:00" }).success).toBe(false);
  });

  it("weekly hours: end after start, weekday 1-7, no overlap on the same day (back to back is fine)", () => {
    const row = (weekday: string, startTime: string, endTime: string) => ({ weekday, startTime, endTime });
    expect(
      availabilityFormSchema.safeParse([row("1", "08:00", "12:00"), row("1", "12:00", "17:00"), row("2", "09:00", "11:00")]).success,
    ).toBe(true);
    const overlap = availabilityFormSchema.safeParse([row("1", "08:00", "12:00"), row("1", "11:00", "13:00")]);
    expect(overlap.success).toBe(false);
    if (!overlap.success) expect(overlap.error.issues[0]?.path).toEqual([1, "startTime"]);
    expect(availabilityFormSchema.safeParse([row("1", "12:00", "08:00")]).success).toBe(false);
    expect(availabilityFormSchema.safeParse([row("8", "08:00", "12:00")]).success).toBe(false);
    expect(availabilityFormSchema.safeParse([row("0", "08:00", "12:00")]).success).toBe(false);
    expect(availabilityFormSchema.safeParse([row("1", "8:00", "12:00")]).success).toBe(false);
  });
});
