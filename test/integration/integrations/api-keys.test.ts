import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../src/platform/ids";
import { apiKeys } from "../../../src/platform/schema";
import { db, makeClinic } from "../../helpers/factories";
import { fetchApp, signIn } from "../../helpers/http";
import { makeIntegration } from "../../helpers/integrations";
import { auditCount } from "./settings-app";

const keysOf = (clinicId: string) => db().select().from(apiKeys).where(eq(apiKeys.clinicId, clinicId)).all();
const keyIn = (html: string) => /rk_live_[A-Za-z0-9_-]{43}/.exec(html)?.[0];

describe("Settings -> API keys", () => {
  it("shows a new key once, stores only its hash and prefix, and never shows it again", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id, { name: "Harbor CRM", kind: "crm" });
    const owner = await signIn(clinic.staff.owner.email);
    const res = await owner.post("/settings/api-keys", {
      name: "CRM nightly sync",
      integrationId: integration.id,
      "scope_fhir:read": "on",
      "scope_api:read": "on",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    const key = keyIn(html);
    expect(key).toBeDefined();
    expect(html).toContain("shown only this once");

    const [row, ...others] = await keysOf(clinic.id);
    expect(others).toHaveLength(0);
    expect(row?.keyHash).toBe(await sha256Hex(key ?? ""));
    expect(row?.prefix).toBe(key?.slice(0, 12));
    expect(JSON.parse(row?.scopes ?? "[]")).toEqual(["fhir:read", "api:read"]);
    expect(row?.integrationId).toBe(integration.id);
    expect(row?.createdBy).toBe(clinic.staff.owner.id);
    expect(row?.revokedAt).toBeNull();
    // Nothing stored holds the key itself.
    expect(JSON.stringify(row)).not.toContain(key ?? "?");
    expect(await auditCount(clinic.id, "api_key.create")).toBe(1);

    const list = await (await owner.get("/settings/api-keys")).text();
    expect(list).not.toContain(key ?? "?");
    expect(keyIn(list)).toBeUndefined();
    expect(list).toContain(`${row?.prefix}…`);
    expect(list).toContain("CRM nightly sync");
    expect(list).toContain("Harbor CRM");
    expect(list).toContain("never");
  });

  it("refuses a key without a scope or tied to another clinic's integration, inline, and stores nothing", async () => {
    const clinic = await makeClinic();
    const other = await makeClinic("Other");
    const theirs = await makeIntegration(other.id);
    const owner = await signIn(clinic.staff.owner.email);
    const noScope = await owner.post("/settings/api-keys", { name: "Kept key name" });
    expect(noScope.status).toBe(422);
    const html = await noScope.text();
    expect(html).toContain("Choose at least one scope");
    expect(html).toContain('value="Kept key name"');
    expect(keyIn(html)).toBeUndefined();

    const noName = await owner.post("/settings/api-keys", { name: "", "scope_api:write": "on" });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toMatch(/Enter a name[\s\S]*name="scope_api:write" checked/);

    const foreign = await owner.post("/settings/api-keys", { name: "Sneaky", integrationId: theirs.id, "scope_fhir:read": "on" });
    expect(foreign.status).toBe(422);
    expect(await foreign.text()).toContain("Choose one of this clinic&#39;s integrations");
    expect(await keysOf(clinic.id)).toHaveLength(0);
    expect(await keysOf(other.id)).toHaveLength(0);
  });

  it("revokes a key once; another clinic's key is not found", async () => {
    const clinic = await makeClinic();
    const other = await makeClinic("Other");
    const owner = await signIn(clinic.staff.owner.email);
    const otherOwner = await signIn(other.staff.admin.email);
    await owner.post("/settings/api-keys", { name: "Reporting", "scope_api:read": "on" });
    const [row] = await keysOf(clinic.id);
    if (!row) throw new Error("no key");

    expect((await otherOwner.post(`/settings/api-keys/${row.id}/revoke`)).status).toBe(404);
    expect((await keysOf(clinic.id))[0]?.revokedAt).toBeNull();
    expect(await (await otherOwner.get("/settings/api-keys")).text()).not.toContain("Reporting");

    const res = await owner.post(`/settings/api-keys/${row.id}/revoke`);
    expect(res.status).toBe(303);
    const revokedAt = (await keysOf(clinic.id))[0]?.revokedAt;
    expect(revokedAt).toEqual(expect.any(Number));
    const page = await (await owner.get("/settings/api-keys?revoked=1")).text();
    expect(page).toContain("API key revoked");
    expect(page).toContain("revoked ");
    expect(page).not.toContain(`/settings/api-keys/${row.id}/revoke`);

    // A second revoke keeps the first time on record and writes no second audit row.
    expect((await owner.post(`/settings/api-keys/${row.id}/revoke`)).status).toBe(303);
    expect((await keysOf(clinic.id))[0]?.revokedAt).toBe(revokedAt);
    expect(await auditCount(clinic.id, "api_key.revoke")).toBe(1);
    expect((await owner.post("/settings/api-keys/no-such-key/revoke")).status).toBe(404);
  });

  it("a created key reads the clinic's API until it is revoked, and its last use shows on the list", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const key = keyIn(await (await owner.post("/settings/api-keys", { name: "Sync", "scope_api:read": "on" })).text());
    const read = () => fetchApp("/api/v1/patients", { headers: { authorization: `Bearer ${key}` } });
    expect((await read()).status).toBe(200);
    expect((await keysOf(clinic.id))[0]?.lastUsedAt).toEqual(expect.any(Number));
    expect(await (await owner.get("/settings/api-keys")).text()).not.toContain("<td>never</td>");

    const [row] = await keysOf(clinic.id);
    await owner.post(`/settings/api-keys/${row?.id}/revoke`);
    expect((await read()).status).toBe(401);
  });
});
