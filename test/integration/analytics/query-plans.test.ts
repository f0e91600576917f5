import { env } from "cloudflare:test";
import { type SQL, sql } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { startMonths, weeklyVisits } from "../../../src/analytics/chart-queries";
import { hepEpisodes, messageCounts, surveyCounts } from "../../../src/analytics/engagement-queries";
import * as q from "../../../src/analytics/queries";
import { boundsOf, previousRange } from "../../../src/analytics/range";
import type { Db } from "../../../src/platform/db";

/**
 * The analytics statements may read the clinic's rows once (that is what a report is), but a subquery run
 * for each of those rows must find its few rows by an index on what it is correlated with (the episode,
 * the patient). A clinic-wide search there reads the clinic once per row: fine for the small fixtures,
 * minutes for a clinic with years of history (found by `npm run bench`).
 */
const dialect = new SQLiteAsyncDialect();

/** Every statement the page runs, as SQL text with its parameters, without running them. */
async function statements(): Promise<Record<string, { sql: string; params: unknown[] }>> {
  const range = { from: "2026-11-01", to: "2026-11-28" };
  const zone = "America/New_York";
  const scope: q.Scope = {
    clinicId: "c1",
    current: boundsOf(range, zone),
    previous: boundsOf(previousRange(range), zone),
    offsetMs: -5 * 3_600_000,
    timeZone: zone,
    now: Date.parse("2026-11-30T14:00:00Z"),
  };
  const captured: SQL[] = [];
  const capture = {
    all: async (query: SQL) => {
      captured.push(query);
      return [];
    },
  } as unknown as Db;
  const reads = {
    visits: q.visitCounts,
    discharges: q.dischargeCounts,
    starts: q.startCounts,
    "check-ins": q.checkInCounts,
    messages: messageCounts,
    surveys: surveyCounts,
    "home exercise": hepEpisodes,
    "weekly visits": weeklyVisits,
  };
  const out: Record<string, { sql: string; params: unknown[] }> = {};
  for (const [name, read] of Object.entries(reads)) {
    await read(capture, scope);
    out[name] = dialect.sqlToQuery(captured.pop() ?? sql``);
  }
  await startMonths(capture, "c1", { from: "2025-12-01", to: "2026-11-30" });
  out["start months"] = dialect.sqlToQuery(captured.pop() ?? sql``);
  return out;
}

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** The searches made inside correlated subqueries (at any depth) that walk the clinic rather than an index on the correlation. */
function clinicWideInsideSubqueries(rows: PlanRow[]): string[] {
  const correlated = new Set(rows.filter((r) => r.detail.startsWith("CORRELATED")).map((r) => r.id));
  const inside = (r: PlanRow): boolean => {
    for (let p = r.parent; p !== 0; p = rows.find((x) => x.id === p)?.parent ?? 0) if (correlated.has(p)) return true;
    return false;
  };
  return rows
    .filter(inside)
    .map((r) => r.detail)
    .filter((d) => /USING (COVERING )?INDEX \w+ \(clinic_id=\?( AND status=\?)?\)$/.test(d) || /^SCAN \w+( AS \w+)?$/.test(d));
}

describe("analytics statements: per-row subqueries use an index on what they are correlated with", () => {
  it("the check itself flags a subquery that searches the whole clinic", () => {
    const rows = [
      { id: 2, parent: 0, detail: "SEARCH e USING INDEX episodes_clinic_status_idx (clinic_id=?)" },
      { id: 9, parent: 0, detail: "CORRELATED SCALAR SUBQUERY 4" },
      { id: 12, parent: 9, detail: "SEARCH a USING INDEX appointments_clinic_start_idx (clinic_id=?)" },
    ];
    expect(clinicWideInsideSubqueries(rows)).toEqual(["SEARCH a USING INDEX appointments_clinic_start_idx (clinic_id=?)"]);
  });

  it("every statement of the page", async () => {
    const found: Record<string, string[]> = {};
    for (const [name, { sql: text, params }] of Object.entries(await statements())) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${text}`)
        .bind(...params)
        .all<PlanRow>();
      const bad = clinicWideInsideSubqueries(plan.results);
      if (bad.length > 0) found[name] = bad;
    }
    expect(found).toEqual({});
  });
});
