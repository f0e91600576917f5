import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { API_RATE_LIMIT } from "../../../src/api/auth";
import { apiKeys, integrations, rateLimits } from "../../../src/platform/schema";
import { db, makeClinic } from "../../helpers/factories";
import { fetchApp, signIn } from "../../helpers/http";
import { makeIntegration } from "../../helpers/integrations";
import { inAWeek, type Json, makeApiKey, postJson, withKey } from "./setup";

describe("API keys on /fhir/R4 and /api/v1", () => {
  it("401 without a key, with a malformed, unknown or revoked one, in each API's own error shape", async () => {
    const clinic = await makeClinic();
    const revoked = await makeApiKey(clinic.id, { revoked: true });
    const cases: [string, Record<string, string>][] = [
      ["none", {}],
      ["basic", { authorization: "Basic dXNlcjpwYXNz" }],
      ["unknown", { authorization: "Bearer rk_live_not-a-key-we-issued" }],
      ["revoked", { authorization: `Bearer ${revoked.key}` }],
    ];
    for (const [name, headers] of cases) {
      const fhir = await fetchApp("/fhir/R4/Patient", { headers });
      expect(fhir.status, name).toBe(401);
      expect(fhir.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
      expect(((await fhir.json()) as Json).resourceType, name).toBe("OperationOutcome");
      const api = await fetchApp("/api/v1/patients", { headers });
      expect(api.status, name).toBe(401);
      expect(api.headers.get("www-authenticate"), name).toMatch(/^Bearer/);
      expect(api.headers.get("content-type"), name).toContain("application/problem+json");
    }
  });

  it("a key of a disabled integration stops working", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { key } = await makeApiKey(clinic.id, { integrationId: integration.id });
    expect((await withKey(key, "/api/v1/patients")).status).toBe(200);
    await db().update(integrations).set({ disabledAt: Date.now() }).where(eq(integrations.id, integration.id));
    expect((await withKey(key, "/api/v1/patients")).status).toBe(401);
  });

  it("403 when the key lacks the scope: fhir:read for FHIR, api:read to read JSON, api:write to write", async () => {
    const clinic = await makeClinic();
    const fhirOnly = await makeApiKey(clinic.id, { scopes: ["fhir:read"] });
    const readOnly = await makeApiKey(clinic.id, { scopes: ["api:read"] });
    expect((await withKey(fhirOnly.key, "/fhir/R4/Patient")).status).toBe(200);
    const denied = await withKey(fhirOnly.key, "/api/v1/patients");
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as Json).detail).toContain("api:read");
    const fhirDenied = await withKey(readOnly.key, "/fhir/R4/Patient");
    expect(fhirDenied.status).toBe(403);
    expect(((await fhirDenied.json()) as Json).issue[0].code).toBe("forbidden");
    expect((await withKey(readOnly.key, "/api/v1/tasks")).status).toBe(200);
    const write = await postJson(readOnly.key, "/api/v1/tasks", { title: "x", due_date: inAWeek() });
    expect(write.status).toBe(403);
    expect(write.headers.get("www-authenticate")).toContain('scope="api:write"');
  });

  it(`429 with Retry-After past ${API_RATE_LIMIT} requests a minute per key, without touching other keys`, async () => {
    const clinic = await makeClinic();
    const busy = await makeApiKey(clinic.id);
    const calm = await makeApiKey(clinic.id);
    const now = Date.now();
    const window = now - (now % 60_000);
    // Fill this minute's window (and the next, should the clock cross it mid-test) to the limit.
    for (const start of [window, window + 60_000]) {
      await db()
        .insert(rateLimits)
        .values({ key: `api-key:${busy.id}`, windowStart: start, count: API_RATE_LIMIT });
    }
    for (const path of ["/api/v1/patients", "/fhir/R4/Patient"]) {
      const res = await withKey(busy.key, path);
      expect(res.status, path).toBe(429);
      const retryAfter = Number(res.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(120);
    }
    expect((await withKey(calm.key, "/api/v1/patients")).status).toBe(200);
  });

  it("records the last use at most once a minute", async () => {
    const clinic = await makeClinic();
    const { key, id } = await makeApiKey(clinic.id);
    const lastUsed = async () => (await db().select().from(apiKeys).where(eq(apiKeys.id, id)).get())?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    await withKey(key, "/api/v1/patients");
    const first = await lastUsed();
    expect(first).not.toBeNull();
    const recent = Date.now() - 30_000;
    await db().update(apiKeys).set({ lastUsedAt: recent }).where(eq(apiKeys.id, id));
    await withKey(key, "/api/v1/patients");
    expect(await lastUsed()).toBe(recent);
    const old = Date.now() - 120_000;
    await db().update(apiKeys).set({ lastUsedAt: old }).where(eq(apiKeys.id, id));
    await withKey(key, "/api/v1/patients");
    expect(await lastUsed()).toBeGreaterThan(old + 60_000);
  });

  it("ignores cookies and CSRF: a staff session alone is refused, a key works from any origin", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    expect((await owner.get("/api/v1/patients")).status).toBe(401);
    expect((await owner.get("/fhir/R4/Patient")).status).toBe(401);
    const { key } = await makeApiKey(clinic.id);
    const created = await postJson(
      key,
      "/api/v1/tasks",
      { title: "From the CRM", due_date: inAWeek() },
      {
        origin: "https://crm.example",
        "sec-fetch-site": "cross-site",
        cookie: `rapport_session=${owner.cookie}`,
      },
    );
    expect(created.status, await created.clone().text()).toBe(201);
  });

  it("metadata and the OpenAPI document need no key", async () => {
    expect((await fetchApp("/fhir/R4/metadata")).status).toBe(200);
    expect((await fetchApp("/api/v1/openapi.json")).status).toBe(200);
  });
});
