import type { GroupedCounts } from "./queries";
import { type RolledRow, rolledCountColumns } from "./rollup-queries";

/** From the statements' grouped counts (bucketed by day) to rollup rows, and what to write. Pure. */

const keyOf = (r: Pick<RolledRow, "day" | "therapistId" | "sourceId" | "unattributed">) =>
  `${r.day}|${r.therapistId}|${r.sourceId}|${r.unattributed}`;

/** One row per day and group, the facts of every statement added up; groups with nothing counted are left out. */
export function rollupRows(grouped: GroupedCounts[]): RolledRow[] {
  const rows = new Map<string, RolledRow>();
  for (const g of grouped) {
    const key = {
      day: g.period,
      therapistId: g.therapist_id ?? "",
      sourceId: g.source_id ?? "",
      unattributed: Number(g.unattributed ?? 0) ? (1 as const) : (0 as const),
    };
    let row = rows.get(keyOf(key));
    if (!row) {
      row = { ...key, counts: rolledCountColumns.map(() => 0) };
      rows.set(keyOf(key), row);
    }
    rolledCountColumns.forEach(([name], i) => {
      (row as RolledRow).counts[i] = ((row as RolledRow).counts[i] ?? 0) + Number(g[name] ?? 0);
    });
  }
  return [...rows.values()].filter((r) => r.counts.some((n) => n !== 0));
}

/** What turns the stored rows into the fresh ones: rows new or changed, and keys no longer counted. */
export function rollupChanges(stored: RolledRow[], fresh: RolledRow[]): { upserts: RolledRow[]; deletes: RolledRow[] } {
  const before = new Map(stored.map((r) => [keyOf(r), r]));
  const after = new Set(fresh.map(keyOf));
  const upserts = fresh.filter((r) => {
    const old = before.get(keyOf(r));
    return !old || old.counts.some((n, i) => n !== r.counts[i]);
  });
  return { upserts, deletes: stored.filter((r) => !after.has(keyOf(r))) };
}

/** `rows` in consecutive slices of at most `size` (none for no rows). */
export function inSlices<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
