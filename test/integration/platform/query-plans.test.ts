import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { listAuditEvents } from "../../../src/audit/repo";
import { patientEpisodes } from "../../../src/episodes/repo";
import { listPatientEvents } from "../../../src/events/publish";
import { patientMessages } from "../../../src/messaging/repo";
import { planSearch } from "../../../src/patients/model";
import { searchPatients } from "../../../src/patients/repo";
import { FEATURE_SQL } from "../../../src/risk/feature-queries";
import { listWaitlist, patientAppointments, scheduleBetween, therapistAppointmentsBetween } from "../../../src/scheduling/repo";
import { listTasks } from "../../../src/worklist/repo";
import { db } from "../../helpers/factories";

/** What SQLite plans for a query: "SEARCH ... USING INDEX" is good; a bare "SCAN table" reads every row. */
async function plan(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql, params } = query.toSQL();
  const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return rows.results.map((r) => r.detail);
}

const hot = () => {
  const d = db();
  const now = Date.now();
  return {
    "schedule day (all therapists)": scheduleBetween(d, "c1", now, now + 86_400_000),
    "schedule day (one therapist)": scheduleBetween(d, "c1", now, now + 86_400_000, "t1"),
    "booking conflict check": therapistAppointmentsBetween(d, "c1", "t1", now, now + 3_600_000),
    "patient's visits": patientAppointments(d, "c1", "p1"),
    "patient's episodes": patientEpisodes(d, "c1", "p1"),
    "patient timeline": listPatientEvents(d, "c1", "p1"),
    "patient messages": patientMessages(d, "c1", "p1"),
    "worklist open tasks": listTasks(d, "c1", {}),
    "worklist by assignee": listTasks(d, "c1", { assigneeId: "u1", dueOnOrBefore: "2026-12-01" }),
    "worklist for a patient": listTasks(d, "c1", { patientId: "p1" }),
    waitlist: listWaitlist(d, "c1"),
    "patient search by name prefix": searchPatients(
      d,
      "c1",
      { nameTokens: ["smi"], phoneDigits: null, dateOfBirth: null, identifier: null },
      0,
      26,
    ),
    "patient search by birth date": searchPatients(d, "c1", { ...planSearch("1980-03-07"), identifier: null }, 0, 26),
    "patient list": searchPatients(d, "c1", planSearch(""), 0, 26),
    "audit log": listAuditEvents(d, "c1", {}, 100),
  };
};

const fullScans = (details: string[]) =>
  details.filter((d) => /^SCAN \w+$/.test(d.replace(/ AS \w+/, "")) && !/USING (COVERING )?INDEX/.test(d));

describe("hot queries use indexes (no full table scan)", () => {
  it("the check itself flags an unindexed query", async () => {
    const details = await plan({ toSQL: () => ({ sql: "SELECT * FROM patients WHERE given_name = ?", params: ["x"] }) });
    expect(fullScans(details)).toEqual(["SCAN patients"]);
  });

  for (const [name, query] of Object.entries(hot())) {
    it(name, async () => {
      const details = await plan(query);
      expect(fullScans(details), details.join(" | ")).toEqual([]);
    });
  }
});

describe("risk features read a chunk by its ids, never the whole clinic", () => {
  for (const [name, sql] of Object.entries(FEATURE_SQL)) {
    it(name, async () => {
      const highest = Math.max(...[...sql.matchAll(/\?(\d)/g)].map((m) => Number(m[1])));
      const params = ["c1", "[]", 1, 0].slice(0, highest);
      const rows = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const details = rows.results.map((r) => r.detail);
      // A search on the clinic prefix alone (or clinic + status) walks every row of a large clinic.
      const clinicWide = details.filter((d) => /USING (COVERING )?INDEX \w+ \(clinic_id=\?( AND status=\?)?\)$/.test(d));
      expect(clinicWide).toEqual([]);
      expect(fullScans(details)).toEqual([]);
    });
  }
});
