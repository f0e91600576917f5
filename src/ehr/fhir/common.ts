// Shapes and helpers shared by the inbound FHIR mappers. Pure: no I/O, no framework, no database.
import { z } from "zod";
import { zonedToUtc } from "../../platform/time";

/**
 * What a mapper makes of a resource: domain input, a deliberate skip (with a note for staff),
 * or a reason it cannot be taken in. Notes and reasons never quote patient data.
 */
export type Mapped<T> = { kind: "mapped"; value: T } | { kind: "skipped"; note: string } | { kind: "invalid"; reason: string };

export const mapped = <T>(value: T): Mapped<T> => ({ kind: "mapped", value });
export const skipped = (note: string): Mapped<never> => ({ kind: "skipped", note });
export const invalid = (reason: string): Mapped<never> => ({ kind: "invalid", reason });

export const codingShape = z.object({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
export const conceptShape = z.object({ coding: z.array(codingShape).optional(), text: z.string().optional() });
export const identifierShape = z.object({ system: z.string().optional(), value: z.string().optional(), type: conceptShape.optional() });
export const referenceShape = z.object({
  reference: z.string().optional(),
  display: z.string().optional(),
  identifier: identifierShape.optional(),
});
export const periodShape = z.object({ start: z.string().optional(), end: z.string().optional() });
export const quantityShape = z.object({ value: z.number().optional(), unit: z.string().optional(), code: z.string().optional() });

export type Coding = z.infer<typeof codingShape>;
export type Concept = z.infer<typeof conceptShape>;
export type Reference = z.infer<typeof referenceShape>;

/** Runs a zod shape over a resource; the reason names the fields at fault, never their values. */
export function readShape<S extends z.ZodType>(
  shape: S,
  resource: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; reason: string } {
  const parsed = shape.safeParse(resource);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((i) => {
    const path = i.path.map(String).join(".");
    return path ? `${path}: ${i.message}` : i.message;
  });
  return { ok: false, reason: issues.join("; ") };
}

/** A FHIR dateTime with a time and zone (what the spec requires once there is a time). */
const ZONED_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** A time without a zone: not valid FHIR, but common enough to read in the clinic's zone. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function hasTime(value: string): boolean {
  return ZONED_DATE_TIME.test(value) || LOCAL_DATE_TIME.test(value);
}

export function isFullDate(value: string): boolean {
  if (!DATE_ONLY.test(value)) return false;
  const at = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
}

/**
 * The instant a FHIR date or dateTime names. A date alone is read as noon in the clinic's zone
 * (so it stays on that calendar day wherever it is shown); null when it is not a date at all.
 */
export function toInstant(value: string | undefined, timeZone: string): number | null {
  if (!value) return null;
  if (ZONED_DATE_TIME.test(value)) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : at;
  }
  const local = LOCAL_DATE_TIME.exec(value);
  if (local?.[1] && isFullDate(local[1])) return zonedToUtc(local[1], `${local[2]}:${local[3]}`, timeZone);
  if (isFullDate(value)) return zonedToUtc(value, "12:00", timeZone);
  return null;
}

/** The calendar date of a FHIR date or dateTime as written (its own zone), or null. */
export function dateOf(value: string | undefined): string | null {
  const date = value?.slice(0, 10);
  return date && isFullDate(date) ? date : null;
}

/** Anything the EHR dates before this many days ago is history: stored, but nothing reacts to it. */
export const HISTORY_DAYS = 30;

export function isHistory(at: number, now: number): boolean {
  return at < now - HISTORY_DAYS * 86_400_000;
}

export const NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
export const LOINC_SYSTEM = "http://loinc.org";

/** The literal references a resource makes (actors, subjects), dropping contained (#) and empty ones. */
export function referenceOf(ref: Reference | undefined): string | null {
  const r = ref?.reference?.trim();
  if (r && !r.startsWith("#")) return r;
  // A logical reference (identifier only) resolves like a conditional one.
  const id = ref?.identifier;
  if (id?.value) return `?identifier=${id.system ? `${id.system}|` : ""}${id.value}`;
  return null;
}

/** The resource type a reference names when it says so ("Patient/1", "https://x/fhir/Patient/1", "Patient?identifier=..."). */
export function referencedType(reference: string): string | null {
  if (reference.startsWith("urn:")) return null;
  const conditional = /^([A-Z][A-Za-z]+)\?/.exec(reference);
  if (conditional?.[1]) return conditional[1];
  const parts = reference.split("/_history/")[0]?.split("/") ?? [];
  const type = parts[parts.length - 2];
  return type && /^[A-Z][A-Za-z]+$/.test(type) ? type : null;
}

export const conceptText = (c: Concept | undefined): string | null =>
  c?.text?.trim() || c?.coding?.find((x) => x.display?.trim())?.display?.trim() || null;

export const hasCode = (c: Concept | undefined, system: string, code: string): boolean =>
  (c?.coding ?? []).some((x) => x.system === system && x.code === code);

/** Clips free text to a column's size. */
export const clip = (s: string | null | undefined, max: number): string | null => {
  const t = s?.trim();
  return t ? t.slice(0, max) : null;
};

/** The human name parts of a FHIR HumanName, preferring the official or usual one. */
export const humanNameShape = z.object({
  use: z.string().optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
});
export type HumanName = z.infer<typeof humanNameShape>;

export function pickName(names: HumanName[] | undefined): { given: string | null; family: string | null } {
  const list = names ?? [];
  const rank = (n: HumanName) => (n.use === "official" ? 0 : n.use === "usual" ? 1 : n.use === "old" || n.use === "maiden" ? 3 : 2);
  const name = [...list].sort((a, b) => rank(a) - rank(b))[0];
  if (!name) return { given: null, family: null };
  const given = clip(name.given?.join(" "), 100);
  const family = clip(name.family, 100);
  if (given || family) return { given, family };
  // Only a text form: its last word is taken as the family name.
  const words = (name.text ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { given: null, family: null };
  return { given: clip(words.slice(0, -1).join(" "), 100), family: clip(words[words.length - 1], 100) };
}

export const contactPointShape = z.object({ system: z.string().optional(), value: z.string().optional(), use: z.string().optional() });
export type ContactPoint = z.infer<typeof contactPointShape>;

/** The first contact point of a kind, mobile before home before work before the rest. */
export function pickContact(points: ContactPoint[] | undefined, system: "phone" | "email" | "sms"): string | null {
  const rank = (p: ContactPoint) => ["mobile", "home", "work"].indexOf(p.use ?? "") >>> 0;
  const found = (points ?? []).filter((p) => p.system === system && p.value?.trim()).sort((a, b) => rank(a) - rank(b))[0];
  return found?.value?.trim() ?? null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const emailOrNull = (value: string | null): string | null => (value && EMAIL.test(value) && value.length <= 254 ? value : null);
