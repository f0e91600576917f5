import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM, 24-hour");
export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** Opening hours per weekday in the clinic's own time zone; a missing day is closed. */
export const businessHoursSchema = z.partialRecord(z.enum(weekdays), z.array(z.tuple([hhmm, hhmm])));
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Per-clinic settings; every field has a default so old rows keep working as fields are added. */
// Each field falls back on its own, so one bad value never throws away the others.
export const clinicSettingsSchema = z.object({
  sessionIdleMinutes: z.number().int().min(5).max(240).catch(30),
  sessionAbsoluteHours: z.number().int().min(1).max(24).catch(12),
  /** How long the portal link in a visit reminder works. */
  reminderLinkDays: z.number().int().min(1).max(30).catch(7),
  /** The clinic's review page (Google, Yelp): promoters of the discharge survey are asked to review there. */
  reviewUrl: z
    .string()
    .refine((v) => reviewUrlProblem(v) === null)
    .optional()
    .catch(undefined),
});
export type ClinicSettings = z.infer<typeof clinicSettingsSchema>;

/**
 * What is wrong with a review page address, or null when it may be saved: a full https address of a
 * public site (patients are sent there), with no user name or password in it.
 */
export function reviewUrlProblem(value: string): string | null {
  const example = "Enter the full address of your review page, starting with https://, e.g. https://g.page/r/your-clinic/review";
  if (value.length > 500) return "At most 500 characters.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return example;
  }
  if (url.protocol !== "https:") return "Use an https:// address: patients are sent there from their phone.";
  if (url.username || url.password) return "Remove the user name or password from the address.";
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) || /^[\d.]+$/.test(url.hostname)) return example;
  return null;
}

export function parseSettings(json: string | null | undefined): ClinicSettings {
  let raw: unknown = {};
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    raw = {};
  }
  const parsed = clinicSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : clinicSettingsSchema.parse({});
}

export function parseBusinessHours(json: string): BusinessHours {
  try {
    const parsed = businessHoursSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export const defaultBusinessHours: BusinessHours = {
  mon: [["07:00", "19:00"]],
  tue: [["07:00", "19:00"]],
  wed: [["07:00", "19:00"]],
  thu: [["07:00", "19:00"]],
  fri: [["07:00", "17:00"]],
};

/** The canonical IANA name ("america/new_york" -> "America/New_York"), or null if unknown. */
export function canonicalTimeZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Whether an IANA time zone name is known to the runtime. */
export function isTimeZone(name: string): boolean {
  return canonicalTimeZone(name) !== null;
}

/** The local calendar date (YYYY-MM-DD) at `at` in `timeZone`. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

export function localDateIn(at: number, timeZone: string): string {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
