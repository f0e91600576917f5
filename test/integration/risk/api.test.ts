import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import { scoreChunk } from "../../../src/risk/service";
import { makeClinic, makePatient } from "../../helpers/factories";
import { apiClinic, auditRowsOf, type Json, withKey } from "../api/setup";
import { insertEpisode } from "./fixture";

const getJson = async (key: string, path: string) => {
  const res = await withKey(key, path);
  return { res, body: (await res.json()) as Json };
};

describe("/api/v1 risk", () => {
  it("lists patients with their current risk, and serves one patient's risk with its reasons and model version", async () => {
    const s = await apiClinic();
    const unscored = await makePatient(s.clinic.id, { givenName: "Unscored" });
    // Just after the fixture was written: a score sees only what existed before its time.
    const asOf = Date.now() + 1;
    await scoreChunk(makeDeps(env, { clock: fixedClock(asOf) }), { v: 1, clinicId: s.clinic.id, episodeIds: [s.episodeId], asOf });

    const { res, body } = await getJson(s.key, `/api/v1/patients/${s.patient.id}/risk`);
    expect(res.status).toBe(200);
    expect(body.patient_id).toBe(s.patient.id);
    expect(body.risk).toMatchObject({ model_version: "default-1", computed_at: new Date(asOf).toISOString(), episode_id: s.episodeId });
    expect(body.risk.score).toBeGreaterThan(0);
    expect(body.risk.score).toBeLessThan(1);
    expect(["low", "medium", "high"]).toContain(body.risk.band);
    expect(body.risk.reasons.length).toBeGreaterThan(0);
    for (const reason of body.risk.reasons) expect(typeof reason).toBe("string");

    const list = await getJson(s.key, "/api/v1/patients?limit=100");
    const byId = new Map((list.body.data as Json[]).map((p) => [p.id, p]));
    expect(byId.get(s.patient.id)?.risk).toEqual(body.risk);
    expect(byId.get(unscored.id)?.risk).toBeNull();
    expect((await getJson(s.key, `/api/v1/patients/${s.patient.id}`)).body.risk).toEqual(body.risk);

    const none = await getJson(s.key, `/api/v1/patients/${unscored.id}/risk`);
    expect([none.res.status, none.body]).toEqual([200, { patient_id: unscored.id, risk: null }]);
    const actions = (await auditRowsOf(s.clinic.id)).filter((r) => r.action === "api.read risk").map((r) => r.patientId);
    expect(actions).toEqual([s.patient.id, unscored.id]);
  });

  it("answers 404 problem+json for another clinic's patient, and never shows its score", async () => {
    const s = await apiClinic("Risk Other");
    const other = await makeClinic();
    const foreign = await makePatient(other.id);
    const episodeId = await insertEpisode(other.id, foreign.id, { createdAt: Date.now() - 1000 });
    const asOf = Date.now() + 1;
    await scoreChunk(makeDeps(env, { clock: fixedClock(asOf) }), { v: 1, clinicId: other.id, episodeIds: [episodeId], asOf });

    for (const id of [foreign.id, "no-such-patient", "bad id!"]) {
      const res = await withKey(s.key, `/api/v1/patients/${encodeURIComponent(id)}/risk`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const list = await getJson(s.key, "/api/v1/patients?limit=100");
    expect((list.body.data as Json[]).map((p) => p.id)).not.toContain(foreign.id);
  });

  it("the OpenAPI document describes the risk endpoint and the risk on a patient", async () => {
    const res = await withKey("", "/api/v1/openapi.json");
    const doc = (await res.json()) as Json;
    expect(doc.paths["/patients/{id}/risk"].get.responses["200"]).toBeDefined();
    expect(doc.components.schemas.PatientRisk.required).toEqual(expect.arrayContaining(["patient_id", "risk"]));
    expect(JSON.stringify(doc.components.schemas.Patient.properties.risk)).toContain("model_version");
  });
});
