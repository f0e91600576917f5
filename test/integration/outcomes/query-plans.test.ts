import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { findResponse, firstPainScore, openEpisodeOf, patientResponses, ruleTaskOf } from "../../../src/outcomes/repo";
import { createDb, type Db } from "../../../src/platform/db";

/** Runs a repo call against a D1 that records each statement with its bindings, and returns what SQLite plans for them. */
async function plans(call: (db: Db) => Promise<unknown>): Promise<string[]> {
  const seen: { sql: string; params: unknown[] }[] = [];
  const recording = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          const stmt = target.prepare(sql);
          return new Proxy(stmt, {
            get(s, p) {
              if (p === "bind")
                return (...params: unknown[]) => {
                  seen.push({ sql, params });
                  return s.bind(...params);
                };
              const v = Reflect.get(s, p);
              return typeof v === "function" ? v.bind(s) : v;
            },
          });
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  await call(createDb(recording));
  const details: string[] = [];
  for (const q of seen) {
    const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${q.sql}`)
      .bind(...q.params)
      .all<{ detail: string }>();
    details.push(...rows.results.map((r) => r.detail));
  }
  return details;
}

/** "SEARCH ... USING INDEX" is good; a bare "SCAN table" reads every row. */
const fullScans = (details: string[]) =>
  details.filter((d) => /^SCAN \w+$/.test(d.replace(/ AS \w+/, "")) && !/USING (COVERING )?INDEX/.test(d));

describe("outcome queries use indexes", () => {
  const calls: Record<string, (db: Db) => Promise<unknown>> = {
    "patient's responses": (db) => patientResponses(db, "c1", "p1"),
    "one response": (db) => findResponse(db, "c1", "p1", "r1"),
    "open episode": (db) => openEpisodeOf(db, "c1", "p1"),
    "a response's rule task": (db) => ruleTaskOf(db, "c1", "p1", "pain-increase:r1"),
    "pain baseline of an episode": (db) => firstPainScore(db, "c1", "p1", "e1"),
    "pain baseline of all time": (db) => firstPainScore(db, "c1", "p1", null),
  };
  for (const [name, call] of Object.entries(calls)) {
    it(name, async () => {
      const details = await plans(call);
      expect(details.length).toBeGreaterThan(0);
      expect(fullScans(details), details.join(" | ")).toEqual([]);
    });
  }
});
