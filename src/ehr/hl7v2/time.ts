/**
 * HL7 v2 timestamps (DTM: YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]) to FHIR date, dateTime
 * and instant strings. The written precision is kept (FHIR needs seconds once there is a time, so
 * "0930" becomes "09:30:00"), and so is the sender's offset: "20210924093000+0215" is written
 * "2021-09-24T09:30:00+02:15", never moved to another zone.
 */

export interface Hl7Timestamp {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** The fractional-second digits as written ("1234"), if any. */
  fraction?: string;
  /** Minutes east of UTC, when the timestamp says. */
  offsetMinutes?: number;
}

/** Where to find the offset of a local time that carries none. */
export interface OffsetSource {
  /** An IANA zone (the clinic's): exact, daylight saving included. */
  timeZone?: string;
  /** The offset the sender wrote on the message time (MSH-7). */
  messageOffsetMinutes?: number;
}

const dtm = /^(\d{4})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?)?)?)?)?(?:([+-])(\d{2})(\d{2}))?$/;

/** Reads an HL7 DTM/TS value; null when it is not one (or names a day or time that does not exist). */
export function parseHl7Timestamp(value: string): Hl7Timestamp | null {
  const m = dtm.exec(value.trim());
  if (!m) return null;
  const n = (i: number) => (m[i] === undefined ? undefined : Number(m[i]));
  const t: Hl7Timestamp = { year: Number(m[1]), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6), fraction: m[7] };
  if (m[8]) {
    const hours = Number(m[9]);
    const minutes = Number(m[10]);
    if (hours > 14 || minutes > 59) return null;
    t.offsetMinutes = (m[8] === "-" ? -1 : 1) * (hours * 60 + minutes);
  }
  if (t.month !== undefined && (t.month < 1 || t.month > 12)) return null;
  if (t.day !== undefined && new Date(Date.UTC(t.year, (t.month ?? 1) - 1, t.day)).getUTCDate() !== t.day) return null;
  if ((t.hour ?? 0) > 23 || (t.minute ?? 0) > 59 || (t.second ?? 0) > 59) return null;
  return t;
}

/** The date part at the precision written ("1988", "1988-08", "1988-08-18"): a FHIR date. */
export function fhirDate(t: Hl7Timestamp): string {
  const parts = [String(t.year).padStart(4, "0")];
  if (t.month !== undefined) parts.push(pad(t.month));
  if (t.month !== undefined && t.day !== undefined) parts.push(pad(t.day));
  return parts.join("-");
}

/**
 * A FHIR instant (date, time to the second and offset), or null when the timestamp has no time of
 * day or no offset can be found for it.
 */
export function fhirInstant(t: Hl7Timestamp, source: OffsetSource): { text: string; epochMs: number } | null {
  if (t.month === undefined || t.day === undefined || t.hour === undefined) return null;
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute ?? 0, t.second ?? 0, fractionMs(t.fraction));
  const offset = t.offsetMinutes ?? offsetFromSource(wall, source);
  if (offset === undefined) return null;
  const time = `${pad(t.hour)}:${pad(t.minute ?? 0)}:${pad(t.second ?? 0)}${t.fraction ? `.${t.fraction}` : ""}`;
  return { text: `${fhirDate(t)}T${time}${formatOffset(offset)}`, epochMs: wall - offset * 60_000 };
}

/** A FHIR dateTime: an instant when there is a time of day and an offset, else the date alone. */
export function fhirDateTime(t: Hl7Timestamp, source: OffsetSource): string {
  return fhirInstant(t, source)?.text ?? fhirDate(t);
}

/** The instant `minutes` after `start`, written with the same offset as `start`. */
export function addMinutes(start: { text: string; epochMs: number }, minutes: number): { text: string; epochMs: number } {
  const epochMs = start.epochMs + Math.round(minutes * 60_000);
  const offsetText = /([+-]\d{2}:\d{2}|Z)$/.exec(start.text)?.[1] ?? "+00:00";
  const offset =
    offsetText === "Z" ? 0 : (offsetText.startsWith("-") ? -1 : 1) * (Number(offsetText.slice(1, 3)) * 60 + Number(offsetText.slice(4)));
  const local = new Date(epochMs + offset * 60_000);
  const seconds = local.getUTCMilliseconds()
    ? `${pad(local.getUTCSeconds())}.${String(local.getUTCMilliseconds()).padStart(3, "0")}`
    : pad(local.getUTCSeconds());
  const text = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${seconds}${offsetText}`;
  return { text, epochMs };
}

/** True when the IANA zone name is one this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function offsetFromSource(wallMs: number, source: OffsetSource): number | undefined {
  if (source.timeZone) {
    // First guess with the offset at the wall time read as UTC, then correct once: right on both
    // sides of a daylight-saving change (a time inside the spring gap takes the later offset).
    const guess = zoneOffsetMinutes(wallMs, source.timeZone);
    return zoneOffsetMinutes(wallMs - guess * 60_000, source.timeZone);
  }
  return source.messageOffsetMinutes;
}

function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000))) / 60_000);
}

function fractionMs(fraction: string | undefined): number {
  return fraction ? Number(fraction.padEnd(3, "0").slice(0, 3)) : 0;
}

function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
