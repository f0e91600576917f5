import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DAY, fixedClock } from "../../../src/platform/clock";
import { parseVars } from "../../../src/platform/env";
import { integrations } from "../../../src/platform/schema";
import { db, makeClinic } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { makeIntegration } from "../../helpers/integrations";
import { appFor, auditCount } from "./settings-app";

const valid = { name: "Harbor EHR", kind: "ehr", signatureScheme: "standard_webhooks", secret: "", deliveryUrl: "" };
const rowsOf = (clinicId: string) => db().select().from(integrations).where(eq(integrations.clinicId, clinicId)).all();
const rowOf = (id: string) => db().select().from(integrations).where(eq(integrations.id, id)).get();
const idFrom = (location: string | null) => /\/settings\/integrations\/([^/?]+)/.exec(location ?? "")?.[1] ?? "";

describe("Settings -> Integrations", () => {
  it("creates a Standard Webhooks integration with a generated whsec_ secret, shown only on the audited view", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const res = await owner.post("/settings/integrations", {
      ...valid,
      deliveryUrl: "https://crm.example.test/hooks",
      "event_patient.at_risk": "on",
      "event_episode.discharged": "on",
    });
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.get("location"));
    const row = await rowOf(id);
    expect(row?.clinicId).toBe(clinic.id);
    expect(row?.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(atob(row?.secret.slice(6) ?? "")).toHaveLength(32);
    expect(JSON.parse(row?.subscribedEvents ?? "[]")).toEqual(["patient.at_risk", "episode.discharged"]);
    expect(row?.deliveryUrl).toBe("https://crm.example.test/hooks");
    expect(await auditCount(clinic.id, "integration.create")).toBe(1);

    const page = await (await owner.get(`/settings/integrations/${id}?created=1`)).text();
    expect(page).toContain(`http://localhost:8787/webhooks/ehr/${id}`);
    expect(page).toContain("Integration created");
    expect(page).not.toContain(row?.secret ?? "?");
    expect(await auditCount(clinic.id, "integration.secret_viewed")).toBe(0);

    const shown = await owner.get(`/settings/integrations/${id}/secret`);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain(row?.secret ?? "?");
    expect(await auditCount(clinic.id, "integration.secret_viewed")).toBe(1);

    const list = await (await owner.get("/settings/integrations")).text();
    expect(list).toContain("Harbor EHR");
    expect(list).toContain(`href="/settings/integrations/${id}"`);
  });

  it("keeps athenahealth's pasted secret as is and generates a plain one for Medplum", async () => {
    const clinic = await makeClinic();
    const admin = await signIn(clinic.staff.admin.email);
    const athena = await admin.post("/settings/integrations", {
      ...valid,
      name: "athenahealth",
      signatureScheme: "hub_signature",
      secret: "athena-shared-secret-1234",
    });
    expect(athena.status).toBe(303);
    expect((await rowOf(idFrom(athena.headers.get("location"))))?.secret).toBe("athena-shared-secret-1234");
    const medplum = await admin.post("/settings/integrations", { ...valid, name: "Medplum", signatureScheme: "medplum" });
    const secret = (await rowOf(idFrom(medplum.headers.get("location"))))?.secret ?? "";
    // Used as text by Medplum: no "whsec_" prefix, which would make the two sides read different key bytes.
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses bad input inline (422), keeps the values and stores nothing", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const cases: [Record<string, string>, string][] = [
      [{ name: "  " }, "Enter a name"],
      [{ kind: "lab" }, "Choose EHR or CRM"],
      [{ signatureScheme: "md5" }, "Choose how the EHR signs its webhooks"],
      [{ deliveryUrl: "http://crm.example.test/hooks" }, "Use a public https:// address"],
      [{ deliveryUrl: "http://localhost:9000/hooks" }, "Use a public https:// address"],
      [{ deliveryUrl: "https://user:pw@crm.example.test/" }, "Leave the user name and password out"],
      [{ deliveryUrl: "not a url" }, "Enter a full address"],
      [{ "event_patient.lapsed": "on" }, "Enter where to send the events you ticked"],
      [{ signatureScheme: "hub_signature", secret: "short" }, "At least 16 characters"],
      [{ signatureScheme: "medplum", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }, "choose Standard Webhooks"],
      [{ signatureScheme: "standard_webhooks", secret: "not-a-standard-secret" }, "whsec_ followed by base64"],
    ];
    for (const [over, message] of cases) {
      const res = await owner.post("/settings/integrations", { ...valid, name: "Kept Name", ...over });
      expect(res.status, message).toBe(422);
      const html = await res.text();
      expect(html, message).toContain(message);
      if (over.name === undefined) expect(html).toContain('value="Kept Name"');
    }
    expect(await rowsOf(clinic.id)).toHaveLength(0);
    expect(await auditCount(clinic.id, "integration.create")).toBe(0);
  });

  it("takes http://localhost delivery URLs only in development", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const dev = appFor(owner, { vars: { ...parseVars(env), APP_ENV: "development" } });
    const res = await dev.post("/settings/integrations", {
      ...valid,
      deliveryUrl: "http://localhost:9000/hooks",
      "event_survey.answered": "on",
    });
    expect(res.status).toBe(303);
    expect((await rowOf(idFrom(res.headers.get("location"))))?.deliveryUrl).toBe("http://localhost:9000/hooks");
  });

  it("refuses a second integration with the same name", async () => {
    const clinic = await makeClinic();
    await makeIntegration(clinic.id, { name: "Harbor EHR" });
    const owner = await signIn(clinic.staff.owner.email);
    const res = await owner.post("/settings/integrations", { ...valid, name: "harbor ehr" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("already has an integration with this name");
  });

  it("rotates the secret: the old one is kept for 24 hours and the page says until when", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const owner = await signIn(clinic.staff.owner.email);
    const now = Date.parse("2026-03-02T15:00:00Z"); // 10:00 in New York
    const clock = fixedClock(now);
    const app = appFor(owner, { clock });
    const res = await app.post(`/settings/integrations/${integration.id}/rotate`);
    expect(res.status).toBe(303);
    const row = await rowOf(integration.id);
    expect(row?.secret).toMatch(/^whsec_/);
    expect(row?.secret).not.toBe(integration.secret);
    expect(row?.previousSecret).toBe(integration.secret);
    expect(row?.previousSecretExpiresAt).toBe(now + DAY);
    expect(await auditCount(clinic.id, "integration.secret_rotated")).toBe(1);

    const page = await (await app.get(`/settings/integrations/${integration.id}?rotated=1`)).text();
    expect(page).toContain("The previous secret still works until Tue 3 Mar 2026 10:00");
    clock.advance(DAY + 1);
    expect(await (await app.get(`/settings/integrations/${integration.id}`)).text()).not.toContain("previous secret still works");
  });

  it("a rotation can take the EHR's new secret, checked against the scheme", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id, { signatureScheme: "hub_signature", secret: "first-athena-secret-000" });
    const owner = await signIn(clinic.staff.owner.email);
    const bad = await owner.post(`/settings/integrations/${integration.id}/rotate`, { secret: "tiny" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("At least 16 characters");
    expect((await rowOf(integration.id))?.secret).toBe("first-athena-secret-000");
    expect((await owner.post(`/settings/integrations/${integration.id}/rotate`, { secret: "second-athena-secret-11" })).status).toBe(303);
    const row = await rowOf(integration.id);
    expect([row?.secret, row?.previousSecret]).toEqual(["second-athena-secret-11", "first-athena-secret-000"]);
  });

  it("edits outbound settings and disables / enables, each with an audit row", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id, { kind: "crm" });
    const owner = await signIn(clinic.staff.owner.email);
    const base = `/settings/integrations/${integration.id}`;
    const bad = await owner.post(`${base}/outbound`, { deliveryUrl: "ftp://crm.example.test", "event_appointment.cancelled": "on" });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("Use a public https:// address");
    expect(html).toContain('value="ftp://crm.example.test"');
    expect(html).toMatch(/name="event_appointment.cancelled" checked/);

    expect(
      (await owner.post(`${base}/outbound`, { deliveryUrl: "https://crm.example.test/in", "event_appointment.cancelled": "on" })).status,
    ).toBe(303);
    let row = await rowOf(integration.id);
    expect(row?.deliveryUrl).toBe("https://crm.example.test/in");
    expect(JSON.parse(row?.subscribedEvents ?? "[]")).toEqual(["appointment.cancelled"]);
    expect(await auditCount(clinic.id, "integration.update")).toBe(1);

    expect((await owner.post(`${base}/disable`)).status).toBe(303);
    row = await rowOf(integration.id);
    expect(row?.disabledAt).not.toBeNull();
    expect(await (await owner.get(base)).text()).toContain("Enable integration");
    expect((await owner.post(`${base}/enable`)).status).toBe(303);
    expect((await rowOf(integration.id))?.disabledAt).toBeNull();
    expect(await auditCount(clinic.id, "integration.disable")).toBe(1);
    expect(await auditCount(clinic.id, "integration.enable")).toBe(1);
  });

  it("therapists and the front desk get 403 on every integration page", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    for (const role of ["therapist", "front_desk"] as const) {
      const user = await signIn(clinic.staff[role].email);
      for (const path of [
        "/settings/integrations",
        `/settings/integrations/${integration.id}`,
        `/settings/integrations/${integration.id}/secret`,
        `/settings/integrations/${integration.id}/events`,
        "/settings/api-keys",
      ]) {
        expect((await user.get(path)).status, `${role} ${path}`).toBe(403);
      }
      expect((await user.post("/settings/integrations", valid)).status).toBe(403);
      expect((await user.post(`/settings/integrations/${integration.id}/rotate`)).status).toBe(403);
      expect((await user.post("/settings/api-keys", { name: "k", "scope_fhir:read": "on" })).status).toBe(403);
    }
    expect((await rowOf(integration.id))?.secret).toBe(integration.secret);
    expect(await rowsOf(clinic.id)).toHaveLength(1);
  });

  it("another clinic's integration is not found, and stays unchanged", async () => {
    const mine = await makeClinic("Mine");
    const theirs = await makeClinic("Theirs");
    const integration = await makeIntegration(theirs.id);
    const owner = await signIn(mine.staff.owner.email);
    const base = `/settings/integrations/${integration.id}`;
    for (const path of [base, `${base}/secret`, `${base}/events`]) expect((await owner.get(path)).status, path).toBe(404);
    for (const path of [`${base}/rotate`, `${base}/outbound`, `${base}/disable`]) expect((await owner.post(path)).status, path).toBe(404);
    expect(await rowOf(integration.id)).toEqual(integration);
    expect(await auditCount(mine.id, "integration.secret_viewed")).toBe(0);
    expect(await (await owner.get("/settings/integrations")).text()).not.toContain(integration.id);
  });
});
