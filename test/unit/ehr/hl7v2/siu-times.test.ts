import { describe, expect, it } from "vitest";
import { appointmentOf, clinicPatient, followUp, msh, refusal, segment, therapist } from "./messages";

describe("appointment times", () => {
  const timed = (tq1: Record<number, string> | null, sch: Record<number, string> = {}, more: string[] = []) =>
    [
      msh("S12"),
      segment("SCH", { 1: "PL-1", 2: "FL-1", 25: "Booked", ...sch }),
      ...(tq1 ? [segment("TQ1", tq1)] : []),
      clinicPatient,
      segment("RGS", { 1: "1" }),
      ...more,
      therapist,
    ].join("\r");

  it("keeps a written offset and precision as written", () => {
    const appointment = appointmentOf(timed({ 7: "20250310140530.25+0100", 8: "20250310150000+0100" }));
    expect([appointment.start, appointment.end]).toEqual(["2025-03-10T14:05:30.25+01:00", "2025-03-10T15:00:00+01:00"]);
  });

  it("places local times in the clinic's zone across daylight saving", () => {
    expect(appointmentOf(timed({ 7: "202501151400", 8: "202501151445" })).start).toBe("2025-01-15T14:00:00-05:00");
    expect(appointmentOf(timed({ 7: "202507151400", 8: "202507151445" })).start).toBe("2025-07-15T14:00:00-04:00");
  });

  it("falls back to the offset on MSH-7 when no clinic zone is given", () => {
    expect(appointmentOf(timed({ 7: "202501151400", 8: "202501151445" }), {}).start).toBe("2025-01-15T14:00:00-05:00");
  });

  it("computes the end from the duration when only the start is given", () => {
    expect(appointmentOf(timed({ 7: "202501151400" }, { 9: "45", 10: "min^minutes^ISO+" })).end).toBe("2025-01-15T14:45:00-05:00");
    expect(appointmentOf(timed({ 7: "202501151400" }, { 9: "60", 10: "s" })).end).toBe("2025-01-15T14:01:00-05:00");
    expect(appointmentOf(timed({ 7: "202501151400" }, { 9: "1", 10: "h" })).end).toBe("2025-01-15T15:00:00-05:00");
    expect(appointmentOf(timed({ 7: "202501151400" }, { 9: "30" })).end).toBe("2025-01-15T14:30:00-05:00");
    expect(appointmentOf(timed({ 6: "40^min", 7: "202501151400" }, { 9: "30" })).end).toBe("2025-01-15T14:40:00-05:00");
  });

  it("reads SCH-11 and then the booked service (AIS-4 with AIS-7) when there is no TQ1", () => {
    expect(appointmentOf(timed(null, { 11: "^^^202501151400^202501151500" })).end).toBe("2025-01-15T15:00:00-05:00");
    const fromService = appointmentOf(
      timed(null, {}, [segment("AIS", { 1: "1", 3: "97161^PT evaluation^C4", 4: "202501150900", 7: "60", 8: "min" })]),
    );
    expect([fromService.start, fromService.end]).toEqual(["2025-01-15T09:00:00-05:00", "2025-01-15T10:00:00-05:00"]);
  });

  it("lets a cancellation go without times, but not a booking", () => {
    const cancel = [msh("S15"), segment("SCH", { 1: "PL-1", 2: "FL-1" }), clinicPatient].join("\r");
    const appointment = appointmentOf(cancel);
    expect(appointment.status).toBe("cancelled");
    expect(appointment.start).toBeUndefined();
    expect(appointment.participant).toHaveLength(1);
    expect(refusal(timed(null))).toBe("The message gives no appointment start time (TQ1-7, SCH-11 or AIS-4).");
    expect(refusal(timed({ 7: "202501151400" }))).toBe(
      "The message gives the appointment's start but no end time or duration (TQ1-8, SCH-9 or AIS-7).",
    );
  });

  it("refuses times it cannot place", () => {
    expect(refusal(timed({ 7: "2025-01-15 14:00", 8: "202501151445" }))).toBe(
      "The appointment time in TQ1-7 is not an HL7 date and time (YYYYMMDDHHMM[SS][+ZZZZ]).",
    );
    expect(refusal(timed({ 7: "20250115", 8: "20250115" }))).toBe("The appointment time in TQ1-7 has a date but no time of day.");
    expect(refusal(timed({ 7: "202501151400", 8: "202501151300" }))).toBe("The appointment ends before it starts (TQ1-7 and TQ1-8).");
    const noOffsetAnywhere = timed({ 7: "202501151400", 8: "202501151445" }).replace("20250301090000-0500", "20250301090000");
    expect(refusal(noOffsetAnywhere, {})).toBe(
      "The appointment time in TQ1-7 has no UTC offset, and neither the clinic's time zone nor the message time (MSH-7) gives one.",
    );
    expect(refusal(followUp(), { timeZone: "Nowhere/Special" })).toBe("The clinic's time zone is not one this system recognises.");
  });
});
