import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staffUsers } from "../../../src/platform/schema";
import { db, makeClinic } from "../../helpers/factories";
import { fetchApp, signIn } from "../../helpers/http";

describe("roles", () => {
  it("only owner and admin reach settings, staff and the audit log", async () => {
    const clinic = await makeClinic();
    for (const role of ["owner", "admin", "therapist", "front_desk", "billing"] as const) {
      const browser = await signIn(clinic.staff[role].email);
      const allowed = role === "owner" || role === "admin";
      for (const path of ["/settings", "/settings/staff", "/settings/audit"]) {
        expect(`${role} ${path} ${(await browser.get(path)).status}`).toBe(`${role} ${path} ${allowed ? 200 : 403}`);
      }
      const add = await browser.post("/settings/staff", {
        name: "New Person",
        email: `new-${role}-${clinic.id}@clinic.test`,
        role: "owner",
      });
      expect(add.status).toBe(allowed ? 303 : 403);
      const nav = await (await browser.get("/patients")).text();
      expect(nav.includes('href="/settings"')).toBe(allowed);
    }
    const created = await db().select().from(staffUsers).where(eq(staffUsers.clinicId, clinic.id)).all();
    expect(created.filter((s) => s.name === "New Person")).toHaveLength(2);
  });

  it("every staff role can work with patients; anonymous visitors are sent to sign in", async () => {
    const clinic = await makeClinic();
    for (const role of ["therapist", "front_desk", "billing"] as const) {
      const browser = await signIn(clinic.staff[role].email);
      expect((await browser.get("/patients")).status).toBe(200);
    }
    const anon = await fetchApp("/patients");
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/login");
    expect((await fetchApp("/settings")).status).toBe(303);
  });

  it("a clinic always keeps an active owner", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const res = await owner.post(`/settings/staff/${clinic.staff.owner.id}`, { role: "admin", active: "true" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("at least one active owner");
    const row = await db().select().from(staffUsers).where(eq(staffUsers.id, clinic.staff.owner.id)).get();
    expect(row?.role).toBe("owner");
  });

  it("an address can hold only one account", async () => {
    const clinic = await makeClinic();
    const owner = await signIn(clinic.staff.owner.email);
    const res = await owner.post("/settings/staff", { name: "Dup", email: clinic.staff.billing.email, role: "billing" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("already has a Rapport account");
  });
});
