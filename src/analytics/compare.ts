/**
 * A KPI against the previous period, and how the page and CSV write numbers and changes. Pure.
 */
import type { KpiDefinition, KpiKind } from "./kpis";

export interface KpiComparison {
  current: number | null;
  previous: number | null;
  /** current - previous, or null when either is missing. */
  change: number | null;
  /** Whether the change is good, bad or neither, by the KPI's `better` direction. */
  verdict: "better" | "worse" | "same" | "unknown";
}

export function compare(def: KpiDefinition, current: number | null, previous: number | null): KpiComparison {
  if (current === null || previous === null) return { current, previous, change: null, verdict: "unknown" };
  const change = current - previous;
  // Rounding noise (0.1 + 0.2) must not read as a trend.
  if (Math.abs(change) < 1e-9) return { current, previous, change: 0, verdict: "same" };
  const up = change > 0;
  return { current, previous, change, verdict: up === (def.better === "higher") ? "better" : "worse" };
}

/** The number as the page shows it: rates in percent, one decimal; NPS whole, as it is usually quoted. */
export function formatKpi(kind: KpiKind, value: number | null): string {
  if (value === null) return "—";
  if (kind === "rate") return `${(value * 100).toFixed(1)}%`;
  if (kind === "count" || kind === "score") return String(Math.round(value));
  if (kind === "money") return value.toFixed(2);
  return value.toFixed(1);
}

/** The change as shown beside it: percentage points for rates. */
export function formatChange(kind: KpiKind, change: number | null): string {
  if (change === null) return "—";
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  const size = Math.abs(change);
  if (kind === "rate") return `${sign}${(size * 100).toFixed(1)} pts`;
  if (kind === "count" || kind === "score") return `${sign}${Math.round(size)}`;
  if (kind === "money") return `${sign}${size.toFixed(2)}`;
  return `${sign}${size.toFixed(1)}`;
}
