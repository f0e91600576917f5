// A delivery's outcome from its entries' outcomes: the status, the reason staff read, the counts. Pure.
import type { ApplyOutcome } from "./apply/types";
import type { EhrDeliveryStatus } from "./tables";

export type Tally = { applied: number; unchanged: number; skipped: number; failed: number };
/** Stored as ehr_deliveries.outcome: per resource type, how many were applied, unchanged, skipped, failed. */
export type OutcomeCounts = Record<string, Tally>;

export interface EntryResult {
  resourceType: string;
  label: string;
  outcome: ApplyOutcome;
}

const REASON_MAX = 1000;

function clipReason(parts: string[], lead: string): string {
  let text = lead;
  let shown = 0;
  for (const part of parts) {
    const next = `${text}${shown === 0 ? "" : "; "}${part}`;
    if (next.length > REASON_MAX - 20) break;
    text = next;
    shown++;
  }
  return shown < parts.length ? `${text}; and ${parts.length - shown} more` : text;
}

export function summarise(results: EntryResult[]): {
  status: Exclude<EhrDeliveryStatus, "accepted">;
  reason: string | null;
  counts: OutcomeCounts;
} {
  const counts: OutcomeCounts = {};
  for (const r of results) {
    const t = counts[r.resourceType] ?? { applied: 0, unchanged: 0, skipped: 0, failed: 0 };
    t[r.outcome.result]++;
    counts[r.resourceType] = t;
  }
  const failed = results.filter((r) => r.outcome.result === "failed");
  if (failed.length > 0) {
    const parts = failed.map((r) => `${r.label}: ${r.outcome.result === "failed" ? r.outcome.reason : ""}`);
    return { status: "failed", reason: clipReason(parts, `${failed.length} of ${results.length} failed: `), counts };
  }
  if (results.some((r) => r.outcome.result === "applied" || r.outcome.result === "unchanged"))
    return { status: "processed", reason: null, counts };
  // Everything was skipped: say why, one line per distinct note with the types it covers.
  const byNote = new Map<string, Set<string>>();
  for (const r of results) {
    if (r.outcome.result !== "skipped") continue;
    const types = byNote.get(r.outcome.note) ?? new Set<string>();
    types.add(r.resourceType);
    byNote.set(r.outcome.note, types);
  }
  const parts = [...byNote].map(([note, types]) => `${[...types].join(", ")}: ${note}`);
  return { status: "skipped", reason: parts.length > 0 ? clipReason(parts, "") : "nothing to take in (no entries)", counts };
}
