import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { rollClinic } from "../../../src/analytics/rollup";
import { loadAnalytics } from "../../../src/analytics/service";
import { fixedClock } from "../../../src/platform/clock";
import { createDb } from "../../../src/platform/db";
import { makeDeps } from "../../../src/platform/deps";
import { recordingD1 } from "../../helpers/recording-d1";
import { buildClinic, NOW, RANGE } from "./fixture";

/**
 * The analytics statements may read the clinic's rows once (that is what a report is), but a subquery run
 * for each of those rows must find its few rows by an index on what it is correlated with (the episode,
 * the patient). A clinic-wide search there reads the clinic once per row: fine for the small fixtures,
 * minutes for a clinic with years of history (found by `npm run bench`).
 */
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

  const explainAll = async (statements: { sql: string; params: unknown[] }[]) => {
    const found: Record<string, string[]> = {};
    for (const [i, { sql, params }] of statements.entries()) {
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<PlanRow>();
      const bad = clinicWideInsideSubqueries(plan.results);
      if (bad.length > 0) found[`statement ${i + 1}: ${sql.slice(0, 80)}`] = bad;
    }
    return found;
  };

  it("every statement the page runs", async () => {
    const home = await buildClinic(`Plans ${crypto.randomUUID().slice(0, 8)}`);
    const { d1, statements } = recordingD1(env.DB);
    await loadAnalytics(makeDeps(env, { db: createDb(d1), clock: fixedClock(NOW) }), home.clinic.id, RANGE);
    expect(statements).toHaveLength(14);
    expect(await explainAll(statements)).toEqual({});
  });

  it("every statement the nightly rollup runs", async () => {
    const home = await buildClinic(`Plans ${crypto.randomUUID().slice(0, 8)}`);
    const { d1, statements } = recordingD1(env.DB);
    const rolled = await rollClinic(makeDeps(env, { db: createDb(d1), clock: fixedClock(NOW) }), home.clinic.id);
    // From the fixture's first fact (Dec 15, 2025) to Nov 27: two clock-change days alone, the summer cut
    // at 184 days. The clinic and its first fact; five reads and a write batch per chunk; the closing batch.
    expect(rolled?.chunks).toBe(6);
    expect(statements.length).toBeGreaterThanOrEqual(2 + 6 * 5 + 2);
    expect(await explainAll(statements)).toEqual({});
  });
});
