import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { computeKpis, type KpiCounts } from "../../../src/analytics/kpis";
import { loadAnalytics } from "../../../src/analytics/service";
import { kpiJsonNames, kpiReportSchema } from "../../../src/api/kpi-schemas";
import { newId } from "../../../src/platform/ids";
import { appointments } from "../../../src/platform/schema";
import { testDeps } from "../../helpers/deps";
import { db, makePatient } from "../../helpers/factories";
import { fetchApp } from "../../helpers/http";
import { at, buildClinic, RANGE } from "../analytics/fixture";
import { auditRowsOf, type Json, makeApiKey, withKey } from "./setup";

const unique = (word: string) => `${word} ${crypto.randomUUID().slice(0, 8)}`;
const query = `from=${RANGE.from}&to=${RANGE.to}`;

async function keyedClinic(word: string) {
  const home = await buildClinic(unique(word));
  const { key } = await makeApiKey(home.clinic.id, { scopes: ["api:read"] });
  return { ...home, key };
}

const getJson = async (key: string, path: string) => {
  const res = await withKey(key, path);
  return { res, body: (await res.json()) as Json };
};

/** The page's numbers for one group, in the API's shape: what /analytics computes from the same service. */
function expectedKpis(current: KpiCounts, previous: KpiCounts, visitRate: number | null) {
  const now = computeKpis(current, visitRate);
  const before = computeKpis(previous, visitRate);
  return Object.fromEntries(
    Object.entries(kpiJsonNames).map(([id, name]) => {
      const value = now[id as keyof typeof now];
      const prev = before[id as keyof typeof before];
      return [name, { value, previous: prev, change: value === null || prev === null ? null : expect.closeTo(value - prev, 12) }];
    }),
  );
}

describe("GET /api/v1/kpis", () => {
  it("gives the analytics page's numbers for the range and the previous period, overall, and records the read", async () => {
    const home = await keyedClinic("Kpi");
    const { res, body } = await getJson(home.key, `/api/v1/kpis?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(kpiReportSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ from: "2026-11-01", to: "2026-11-28", previous: { from: "2026-10-04", to: "2026-10-31" } });
    expect(body.group).toBe("overall");
    expect(body.visit_rate).toBeNull();
    expect(body.groups).toHaveLength(1);
    const overall = body.groups[0];
    expect([overall.key, overall.label]).toEqual(["overall", "Whole clinic"]);
    expect(overall.volume).toEqual({ visits_due: 7, episodes_discharged: 2, episodes_started: 3, survey_answers: 3 });

    // Hand-counted in analytics.test.ts: 5 of 7 visits arrived now, 3 of 5 before.
    expect(overall.kpis.arrival_rate).toEqual({ value: 5 / 7, previous: 0.6, change: expect.closeTo(5 / 7 - 0.6, 12), verdict: "better" });
    expect(overall.kpis.dropout_rate).toMatchObject({ value: 0.5, previous: 0, change: 0.5, verdict: "worse" });
    expect(overall.kpis.visits_per_episode).toMatchObject({ value: 3, previous: 3, change: 0, verdict: "same" });
    expect(overall.kpis.reactivations).toMatchObject({ value: 1, previous: 0 });
    expect(overall.kpis.revenue_per_episode).toEqual({ value: null, previous: null, change: null, verdict: "unknown" });
    // NPS: 2 promoters, 1 detractor of 3 answers now; 1 promoter of 2 before. HEP: 11 of 34 sessions, 9 of 42.
    expect(overall.kpis.nps).toEqual({
      value: expect.closeTo(100 / 3, 12),
      previous: 50,
      change: expect.closeTo(100 / 3 - 50, 12),
      verdict: "worse",
    });
    expect(overall.kpis.hep_adherence).toMatchObject({
      value: expect.closeTo(11 / 34, 12),
      previous: expect.closeTo(9 / 42, 12),
      verdict: "better",
    });
    expect(overall.kpis.reviews_asked).toMatchObject({ value: 2, previous: 1, change: 1 });
    expect(overall.kpis.reviews_opened).toMatchObject({ value: 2, previous: 0, change: 2 });
    // Retention by start month, whatever the group: the 12 months to November 2026.
    expect(body.retention).toHaveLength(12);
    expect(body.retention[0]).toEqual({
      month: "2025-12",
      episodes_started: 0,
      completed: 0,
      in_care: 0,
      dropped_out: 0,
      other_discharge: 0,
    });
    expect(body.retention[8]).toEqual({
      month: "2026-08",
      episodes_started: 0,
      completed: 0,
      in_care: 0,
      dropped_out: 0,
      other_discharge: 0,
    });
    expect(body.retention[9]).toEqual({
      month: "2026-09",
      episodes_started: 1,
      completed: 0,
      in_care: 0,
      dropped_out: 1,
      other_discharge: 0,
    });
    expect(body.retention[11]).toEqual({
      month: "2026-11",
      episodes_started: 3,
      completed: 1,
      in_care: 2,
      dropped_out: 0,
      other_discharge: 0,
    });

    // And every KPI equals what the page's service computes for the same clinic and range.
    const report = await loadAnalytics(testDeps(Date.now()).deps, home.clinic.id, RANGE);
    expect(overall.kpis).toMatchObject(expectedKpis(report.overall.current, report.overall.previous, report.visitRate));
    expect(Object.keys(overall.kpis).sort()).toEqual(Object.values(kpiJsonNames).sort());

    const rows = await auditRowsOf(home.clinic.id);
    expect(rows.map((r) => [r.action, r.actorType, r.patientId, r.route])).toEqual([
      ["api.read kpis", "integration", null, "GET /api/v1/kpis"],
    ]);
  });

  it("splits by therapist and by referral source like the page's tables, with revenue from the clinic's visit rate", async () => {
    const home = await keyedClinic("KpiGroups");
    await env.DB.prepare("UPDATE clinics SET settings = ? WHERE id = ?")
      .bind(JSON.stringify({ visitRate: 110 }), home.clinic.id)
      .run();
    const report = await loadAnalytics(testDeps(Date.now()).deps, home.clinic.id, RANGE);

    const byTherapist = await getJson(home.key, `/api/v1/kpis?${query}&group=therapist`);
    expect(byTherapist.res.status).toBe(200);
    expect(byTherapist.body.group).toBe("therapist");
    expect(byTherapist.body.visit_rate).toBe(110);
    expect(byTherapist.body.groups.map((g: Json) => [g.key, g.label])).toEqual(report.therapists.map((g) => [g.id, g.name]));
    expect(byTherapist.body.groups.map((g: Json) => g.key)).toEqual([home.t2, home.t1, null]);
    for (const [i, g] of report.therapists.entries()) {
      expect(byTherapist.body.groups[i].kpis, g.name).toMatchObject(expectedKpis(g.current, g.previous, 110));
    }
    // The therapist (t1) saw 3 of 5 of their visits arrive and completed E1's plan: 4 visits x 110.
    const t1 = byTherapist.body.groups[1];
    expect(t1.kpis.arrival_rate.value).toBe(0.6);
    expect(t1.kpis.revenue_per_episode.value).toBe(440);
    // Messages go with the episode they were sent in: P1's answered message during E1 now, P5's during E5 before.
    expect(t1.kpis.message_response_rate).toEqual({ value: 1, previous: 1, change: 0, verdict: "same" });
    // E1's 10 now, E5's 9 before.
    expect(t1.kpis.nps).toEqual({ value: 100, previous: 100, change: 0, verdict: "same" });
    expect(byTherapist.body.groups[0].kpis.nps.value).toBe(-100);
    expect(byTherapist.body.retention).toEqual(
      expect.arrayContaining([expect.objectContaining({ month: "2026-11", episodes_started: 3 })]),
    );

    const bySource = await getJson(home.key, `/api/v1/kpis?${query}&group=referral_source`);
    expect(bySource.body.groups.map((g: Json) => [g.key, g.label, g.volume])).toEqual([
      [home.sourceId, `Dr. Knee of ${home.clinic.name}`, { visits_due: 6, episodes_discharged: 2, episodes_started: 2, survey_answers: 2 }],
      [null, "No referral source", { visits_due: 1, episodes_discharged: 0, episodes_started: 1, survey_answers: 1 }],
    ]);
    for (const [i, g] of report.sources.entries()) {
      expect(bySource.body.groups[i].kpis, g.name).toMatchObject(expectedKpis(g.current, g.previous, 110));
    }
  });

  it("defaults to the last 28 days in the clinic's zone, and fills the other end of a half-given range", async () => {
    const home = await keyedClinic("KpiDefault");
    const report = await loadAnalytics(testDeps(Date.now()).deps, home.clinic.id, {});
    const { body } = await getJson(home.key, "/api/v1/kpis");
    expect([body.from, body.to, body.previous]).toEqual([
      report.current.from,
      report.current.to,
      { from: report.previous.from, to: report.previous.to },
    ]);
    expect((Date.parse(body.to) - Date.parse(body.from)) / 86_400_000).toBe(27);
    const fromOnly = await getJson(home.key, "/api/v1/kpis?from=2026-11-01");
    expect([fromOnly.body.from, fromOnly.body.to]).toEqual(["2026-11-01", "2026-11-28"]);
    const toOnly = await getJson(home.key, "/api/v1/kpis?to=2026-11-28");
    expect([toOnly.body.from, toOnly.body.to]).toEqual(["2026-11-01", "2026-11-28"]);
    const twoYears = await getJson(home.key, "/api/v1/kpis?from=2025-01-01&to=2026-12-31");
    expect(twoYears.res.status).toBe(200);
  });

  it("gives another clinic's key that clinic's numbers only", async () => {
    const a = await keyedClinic("KpiAlpha");
    const b = await keyedClinic("KpiBeta");
    // Beta has one more visit that arrived: its numbers differ from Alpha's, and a leak would show in both.
    const patient = await makePatient(b.clinic.id, { givenName: "Walkin" });
    await db()
      .insert(appointments)
      .values({
        id: newId(),
        clinicId: b.clinic.id,
        patientId: patient.id,
        therapistId: b.t1,
        episodeId: null,
        startsAt: at("2026-11-25"),
        endsAt: at("2026-11-25", "10:45"),
        durationMinutes: 45,
        type: "follow_up",
        status: "attended",
        createdAt: Date.now(),
        updatedAt: Date.now(),
      });

    const alpha = await getJson(a.key, `/api/v1/kpis?${query}`);
    const beta = await getJson(b.key, `/api/v1/kpis?${query}`);
    expect(alpha.body.groups[0].volume.visits_due).toBe(7);
    expect(alpha.body.groups[0].kpis.arrival_rate.value).toBe(5 / 7);
    expect(beta.body.groups[0].volume.visits_due).toBe(8);
    expect(beta.body.groups[0].kpis.arrival_rate.value).toBe(6 / 8);

    for (const [mine, theirs] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const group of ["therapist", "referral_source"]) {
        const { body } = await getJson(mine.key, `/api/v1/kpis?${query}&group=${group}`);
        const keys = body.groups.map((g: Json) => g.key);
        expect(keys).not.toContain(theirs.t1);
        expect(keys).not.toContain(theirs.sourceId);
        expect(JSON.stringify(body)).not.toContain(theirs.clinic.name);
      }
    }
    expect((await auditRowsOf(a.clinic.id)).every((r) => r.action === "api.read kpis")).toBe(true);
  });

  it("refuses bad input with problem+json: 400 for a malformed query, 422 for a range that is not one", async () => {
    const home = await keyedClinic("KpiBad");
    for (const [q, status, field] of [
      ["from=soon", 400, "from"],
      ["from=2026-02-30&to=2026-03-01", 400, "from"],
      ["to=2026-13-01", 400, "to"],
      ["from=", 400, "from"],
      ["group=clinic", 400, "group"],
      ["range=month", 400, "range"],
      ["from=2026-11-01&from=2026-11-02", 400, null],
      ["from=2026-03-02&to=2026-03-01", 422, "from"],
      ["from=2024-01-01&to=2026-06-01", 422, "to"],
    ] as const) {
      const { res, body } = await getJson(home.key, `/api/v1/kpis?${q}`);
      expect([res.status, res.headers.get("content-type")], q).toEqual([status, "application/problem+json"]);
      expect(body.status, q).toBe(status);
      if (field)
        expect(
          body.errors.map((e: Json) => e.field),
          q,
        ).toContain(field);
    }
    const backwards = await getJson(home.key, "/api/v1/kpis?from=2026-03-02&to=2026-03-01");
    expect(backwards.body.detail).toBe("The start date must be on or before the end date.");
    const long = await getJson(home.key, "/api/v1/kpis?from=2024-01-01&to=2026-06-01");
    expect(long.body.detail).toBe("Choose a range of at most two years.");

    // No key, and a key without api:read, are refused before anything is read or recorded.
    expect((await fetchApp("/api/v1/kpis")).status).toBe(401);
    const fhirOnly = await makeApiKey(home.clinic.id, { scopes: ["fhir:read"] });
    const refused = await withKey(fhirOnly.key, "/api/v1/kpis");
    expect([refused.status, refused.headers.get("content-type")]).toEqual([403, "application/problem+json"]);
    expect(await auditRowsOf(home.clinic.id)).toEqual([]);
  });

  it("is in the OpenAPI document with its query parameters and the KpiReport schema", async () => {
    const doc = (await (await fetchApp("/api/v1/openapi.json")).json()) as Json;
    const op = doc.paths["/kpis"].get;
    expect(op.parameters.map((p: Json) => p.name)).toEqual(["from", "to", "group"]);
    expect(op.parameters.find((p: Json) => p.name === "group").schema).toMatchObject({
      enum: ["overall", "therapist", "referral_source"],
      default: "overall",
    });
    expect(op.responses["200"].content["application/json"].schema.$ref).toBe("#/components/schemas/KpiReport");
    expect(op.responses["422"].content["application/problem+json"]).toBeDefined();
    const schema = doc.components.schemas.KpiReport as Json;
    expect(schema.required).toEqual(expect.arrayContaining(["from", "to", "previous", "groups"]));
    const kpis = schema.properties.groups.items.properties.kpis;
    expect(Object.keys(kpis.properties).sort()).toEqual(Object.values(kpiJsonNames).sort());
    expect(kpis.properties.arrival_rate.description).toContain("Arrival rate.");
    expect(kpis.properties.nps.description).toContain("promoters (9-10) minus the share of detractors (0-6)");
    expect(kpis.properties.nps.description).toContain("From -100 to 100");
    expect(kpis.properties.hep_adherence.description).toContain("HEP adherence.");
    expect(schema.properties.groups.items.properties.volume.required).toContain("survey_answers");
    expect(schema.required).toContain("retention");
    expect(Object.keys(schema.properties.retention.items.properties)).toEqual([
      "month",
      "episodes_started",
      "completed",
      "in_care",
      "dropped_out",
      "other_discharge",
    ]);
  });
});
