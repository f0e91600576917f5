// What referrals and plans of care say about an episode: body region, diagnosis, ICD-10 code. Pure.
import type { BodyRegion } from "../../episodes/tables";
import { type Concept, conceptText } from "./common";

const ICD10_SYSTEMS = new Set(["http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10"]);
/** The ICD-10-CM shape the episode form accepts (M54.5, S83.511A). */
const ICD10_SHAPE = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

export function icd10Of(concepts: (Concept | undefined)[]): string | null {
  for (const c of concepts) {
    for (const coding of c?.coding ?? []) {
      const code = coding.code?.trim().toUpperCase();
      if (coding.system && ICD10_SYSTEMS.has(coding.system) && code && ICD10_SHAPE.test(code)) return code;
    }
  }
  return null;
}

/** Words that name a body region, in the order they are tried ("low back" before "back", "neck" before the rest). */
const REGION_WORDS: [BodyRegion, RegExp][] = [
  ["low_back", /\b(low(er)? back|lumbar|lumbago|sciatica|lumbosacral)\b/],
  ["neck", /\b(neck|cervical|whiplash)\b/],
  ["thoracic", /\b(thoracic|mid[- ]back|upper back)\b/],
  ["shoulder", /\b(shoulder|rotator cuff|glenohumeral)\b/],
  ["elbow", /\b(elbow|epicondyl\w*)\b/],
  ["wrist_hand", /\b(wrist|hand|carpal|finger|thumb)\b/],
  ["hip", /\b(hip|acetabul\w*|femoral neck)\b/],
  ["knee", /\b(knee|patell\w*|menisc\w*|acl|anterior cruciate)\b/],
  ["ankle_foot", /\b(ankle|foot|feet|achilles|plantar|heel)\b/],
  ["low_back", /\bback\b/],
];

/** The body region the words of a referral or plan name; "other" when none does. */
export function bodyRegionOf(concepts: (Concept | undefined)[]): BodyRegion {
  const words = concepts
    .map((c) => [conceptText(c), ...(c?.coding ?? []).map((x) => x.display)].filter(Boolean).join(" "))
    .join(" ")
    .toLowerCase();
  return REGION_WORDS.find(([, re]) => re.test(words))?.[0] ?? "other";
}

/** The diagnosis line of an episode: the first words given, clipped to the form's 200 characters. */
export function diagnosisOf(concepts: (Concept | undefined)[], fallback: string): string {
  for (const c of concepts) {
    const text = conceptText(c);
    if (text) return text.slice(0, 200);
  }
  return fallback;
}

/** A plan of care when the EHR gives no numbers: a common outpatient plan, 2 visits a week for 6 weeks. */
export const DEFAULT_PLAN = { visitsPrescribed: 12, frequencyPerWeek: 2, durationWeeks: 6 } as const;

export interface PlanNumbers {
  visitsPrescribed: number | null;
  frequencyPerWeek: number | null;
  durationWeeks: number | null;
}

export interface TimingRepeat {
  frequency?: number;
  period?: number;
  periodUnit?: string;
  count?: number;
  boundsDuration?: { value?: number; unit?: string; code?: string };
  boundsPeriod?: { start?: string; end?: string };
}

const WEEKS_PER: Record<string, number> = { d: 1 / 7, wk: 1, mo: 4.345, a: 52.18 };
const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

function weeksBetween(start: string | undefined, end: string | undefined): number | null {
  const a = start ? Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start) : Number.NaN;
  const b = end ? Date.parse(end.length === 10 ? `${end}T00:00:00Z` : end) : Number.NaN;
  if (Number.isNaN(a) || Number.isNaN(b) || b <= a) return null;
  return Math.ceil((b - a) / (7 * 86_400_000));
}

/**
 * The numbers of a plan of care from a timing ("2 per 1 wk", bounded by 6 wk or a period) and a count or
 * quantity of visits; whatever the EHR leaves out stays null so the caller can keep what the episode had.
 */
export function planNumbersOf(
  repeat: TimingRepeat | undefined,
  quantity: number | undefined,
  period?: { start?: string; end?: string },
): PlanNumbers {
  let frequencyPerWeek: number | null = null;
  if (repeat?.frequency && repeat.frequency > 0) {
    const unitWeeks = WEEKS_PER[repeat.periodUnit ?? "wk"] ?? 1;
    const perWeek = repeat.frequency / ((repeat.period && repeat.period > 0 ? repeat.period : 1) * unitWeeks);
    frequencyPerWeek = clamp(Math.round(perWeek), 1, 7);
  }
  const bound = repeat?.boundsDuration;
  const boundWeeks =
    bound?.value && bound.value > 0 ? Math.ceil(bound.value * (WEEKS_PER[bound.code ?? bound.unit ?? ""] ?? Number.NaN)) : Number.NaN;
  const weeks = Number.isFinite(boundWeeks)
    ? boundWeeks
    : (weeksBetween(repeat?.boundsPeriod?.start, repeat?.boundsPeriod?.end) ?? weeksBetween(period?.start, period?.end));
  const durationWeeks = weeks ? clamp(weeks, 1, 52) : null;
  const count = repeat?.count ?? quantity;
  const visitsPrescribed =
    count && count > 0
      ? clamp(Math.round(count), 1, 100)
      : frequencyPerWeek && durationWeeks
        ? clamp(frequencyPerWeek * durationWeeks, 1, 100)
        : null;
  return { visitsPrescribed, frequencyPerWeek, durationWeeks };
}
