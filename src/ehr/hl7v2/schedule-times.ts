/** When an SIU appointment starts and ends: TQ1 first, then SCH-11, then the booked resources. */
import { text } from "./datatypes";
import { fieldValue, firstSegment, type Hl7Message, type Hl7Segment, type Hl7Value, subValue } from "./parse";
import { addMinutes, fhirInstant, type OffsetSource, parseHl7Timestamp } from "./time";

export interface Instant {
  text: string;
  epochMs: number;
}

export type ScheduleTimes = { ok: true; start?: Instant; end?: Instant } | { ok: false; reason: string };

interface TimeSource {
  /** How staff find the field in the message, for error reasons ("TQ1-7"). */
  label: string;
  start: string;
  end?: string;
  endLabel?: string;
  minutes?: number;
}

// Duration units as schedulers write them (SCH-10, AIS-8...): the UCUM/ISO code or its name.
const minutesPerUnit: Record<string, number> = {
  s: 1 / 60,
  sec: 1 / 60,
  second: 1 / 60,
  seconds: 1 / 60,
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440,
};

/** A quantity with units (SCH-9 with SCH-10, AIS-7 with AIS-8), in minutes. No units means minutes. */
export function durationMinutes(quantity: string, units: Hl7Value): number | undefined {
  const amount = Number(quantity);
  if (quantity.trim() === "" || !Number.isFinite(amount) || amount <= 0) return undefined;
  const unit = (text(units, 1) || text(units, 2)).toLowerCase();
  const factor = unit === "" ? 1 : minutesPerUnit[unit];
  return factor === undefined ? undefined : amount * factor;
}

/**
 * The appointment's start and end. A start without an end takes its duration from the same place,
 * else from SCH-9. Times without an offset take the clinic's time zone (or the offset on MSH-7).
 */
export function scheduleTimes(message: Hl7Message, sch: Hl7Segment, source: OffsetSource): ScheduleTimes {
  const chosen = timeSources(message, sch).find((s) => s.start !== "");
  if (!chosen) return { ok: true };
  const start = readInstant(chosen.start, chosen.label, source);
  if (!start.ok) return start;
  let end: Instant | undefined;
  if (chosen.end) {
    const read = readInstant(chosen.end, chosen.endLabel ?? chosen.label, source);
    if (!read.ok) return read;
    end = read.instant;
  } else {
    const minutes = chosen.minutes ?? durationMinutes(text(fieldValue(sch, 9), 1), fieldValue(sch, 10));
    if (minutes !== undefined) end = addMinutes(start.instant, minutes);
  }
  if (end && end.epochMs < start.instant.epochMs) {
    return { ok: false, reason: `The appointment ends before it starts (${chosen.label} and ${chosen.endLabel ?? "its duration"}).` };
  }
  return { ok: true, start: start.instant, end };
}

function timeSources(message: Hl7Message, sch: Hl7Segment): TimeSource[] {
  const tq1 = firstSegment(message, "TQ1");
  const timing = fieldValue(sch, 11);
  const sources: TimeSource[] = [];
  if (tq1) {
    const duration = fieldValue(tq1, 6);
    sources.push({
      label: "TQ1-7",
      start: text(fieldValue(tq1, 7), 1),
      end: text(fieldValue(tq1, 8), 1),
      endLabel: "TQ1-8",
      minutes: durationMinutes(text(duration, 1), subValue(duration, 2)),
    });
  }
  sources.push({ label: "SCH-11", start: text(timing, 4), end: text(timing, 5), endLabel: "SCH-11" });
  // Each resource segment: [id, start field, duration field] (its units follow the duration).
  for (const [name, startField, durationField] of [
    ["AIS", 4, 7],
    ["AIP", 6, 9],
    ["AIL", 6, 9],
    ["AIG", 8, 11],
  ] as const) {
    const segment = message.segments.find((s) => s.name === name && text(fieldValue(s, startField), 1) !== "");
    if (!segment) continue;
    sources.push({
      label: `${name}-${startField}`,
      start: text(fieldValue(segment, startField), 1),
      minutes: durationMinutes(text(fieldValue(segment, durationField), 1), fieldValue(segment, durationField + 1)),
    });
  }
  return sources;
}

function readInstant(value: string, label: string, source: OffsetSource): { ok: true; instant: Instant } | { ok: false; reason: string } {
  const parsed = parseHl7Timestamp(value);
  if (!parsed) return { ok: false, reason: `The appointment time in ${label} is not an HL7 date and time (YYYYMMDDHHMM[SS][+ZZZZ]).` };
  if (parsed.hour === undefined) return { ok: false, reason: `The appointment time in ${label} has a date but no time of day.` };
  const instant = fhirInstant(parsed, source);
  if (!instant) {
    return {
      ok: false,
      reason: `The appointment time in ${label} has no UTC offset, and neither the clinic's time zone nor the message time (MSH-7) gives one.`,
    };
  }
  return { ok: true, instant };
}
