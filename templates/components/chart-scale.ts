/**
 * Pure helpers for the server-rendered charts: linear scales, time ticks, and locale/time-zone
 * aware formatting. No DOM, no dependencies, so they are easy to unit test.
 */

export type ChartLang = "en" | "es";

/** A linear map from [d0, d1] to [r0, r1]; values outside the domain are clamped. A zero-width domain maps to the middle. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (v: number) => {
    if (span === 0) return (r0 + r1) / 2;
    const t = Math.min(1, Math.max(0, (v - d0) / span));
    return r0 + t * (r1 - r0);
  };
}

/** Round to one decimal place: enough precision for SVG coordinates, and keeps the markup small. */
export function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

const DAY = 86_400_000;

/**
 * The time domain for a set of timestamps: [min, max], widened to at least two days around a
 * single instant so a lone point sits in the middle of the chart.
 */
export function timeDomain(times: readonly number[]): [number, number] {
  if (times.length === 0) return [0, DAY];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (max - min < DAY) {
    const mid = (min + max) / 2;
    return [mid - DAY, mid + DAY];
  }
  return [min, max];
}

/**
 * Up to `count` evenly spaced tick instants across the domain, dropping any whose label repeats
 * an earlier one (two ticks on the same local day would read "Mar 8, Mar 8").
 */
export function timeTicks(domain: readonly [number, number], count: number, label: (t: number) => string): { at: number; text: string }[] {
  const [d0, d1] = domain;
  const n = Math.max(1, Math.floor(count));
  const ticks: { at: number; text: string }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const at = n === 1 ? (d0 + d1) / 2 : d0 + ((d1 - d0) * i) / (n - 1);
    const text = label(at);
    if (seen.has(text)) continue;
    seen.add(text);
    ticks.push({ at, text });
  }
  return ticks;
}

/** Short day label in the given zone and language: "Mar 8" / "8 mar". */
export function dayFormatter(lang: ChartLang, timeZone: string): (t: number) => string {
  const f = new Intl.DateTimeFormat(lang, { timeZone, day: "numeric", month: "short" });
  return (t) => f.format(t);
}

/** Full date in the given zone and language, for the data table and description: "Mar 8, 2026" / "8 mar 2026". */
export function dateFormatter(lang: ChartLang, timeZone: string): (t: number) => string {
  const f = new Intl.DateTimeFormat(lang, { timeZone, day: "numeric", month: "short", year: "numeric" });
  return (t) => f.format(t);
}

/** Numbers with at most one decimal, in the language's convention ("22.5" / "22,5"). */
export function numberFormatter(lang: ChartLang): (v: number) => string {
  const f = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  return (v) => f.format(v);
}

/** The calendar year in the given zone ("2026"), to tell whether a series spans years. */
export function yearFormatter(timeZone: string): (t: number) => string {
  const f = new Intl.DateTimeFormat("en", { timeZone, year: "numeric" });
  return (t) => f.format(t);
}
