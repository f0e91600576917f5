import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { consents, patientIdentifiers, patients } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

/**
 * The isolation walk: every staff route that takes a patient (or staff) id is called by
 * another clinic's session with this clinic's ids, and must answer 404 and change nothing.
 */
const patientRoutes: [method: "GET" | "POST", path: string, form?: Record<string, string>][] = [
  ["GET", "/patients/:id"],
  ["GET", "/patients/:id/edit"],
  ["POST", "/patients/:id", { givenName: "Hijack", familyName: "X", dateOfBirth: "1990-01-01", sex: "male", preferredLanguage: "en" }],
  ["POST", "/patients/:id", { givenName: "", familyName: "X", dateOfBirth: "bad", sex: "male", preferredLanguage: "en" }],
  ["POST", "/patients/:id/identifiers", { system: "MRN", value: "STOLEN-1" }],
  ["POST", "/patients/:id/identifiers", { system: "", value: "" }],
  ["POST", "/patients/:id/identifiers/:identifierId/delete"],
  ["POST", "/patients/:id/consents", { channel: "sms", status: "revoked" }],
];

/** Routes that take no foreign id: the clinic comes from the session, so nothing foreign can show. */
const listRoutes = ["/patients", "/patients/new", "/settings", "/settings/staff", "/settings/audit"];

describe("tenant isolation", () => {
  it("covers every registered staff route", () => {
    const registered = new Set(
      createApp()
        .routes.filter((r) => r.method !== "ALL" && /^\/(patients|settings)/.test(r.path))
        .map((r) => `${r.method} ${r.path}`),
    );
    const walked = new Set([
      ...patientRoutes.map(([m, p]) => `${m} ${p}`),
      ...listRoutes.map((p) => `GET ${p}`),
      "POST /patients",
      "POST /settings",
      "POST /settings/staff",
      "POST /settings/staff/:userId",
    ]);
    expect(registered.size).toBeGreaterThan(12);
    expect([...registered].filter((r) => !walked.has(r))).toEqual([]);
  });

  it("another clinic's patient ids answer 404 on every route and nothing changes", async () => {
    const home = await makeClinic("Home Clinic");
    const other = await makeClinic("Other Clinic");
    const patient = await makePatient(home.id, { givenName: "Private", familyName: "Person" });
    const before = await snapshot(patient.id);

    for (const role of ["owner", "front_desk"] as const) {
      const intruder = await signIn(other.staff[role].email);
      for (const [method, template, form] of patientRoutes) {
        const path = template.replace(":id", patient.id).replace(":identifierId", patient.identifier.id);
        const res = method === "GET" ? await intruder.get(path) : await intruder.post(path, form);
        expect(`${role} ${method} ${template} -> ${res.status}`).toBe(`${role} ${method} ${template} -> 404`);
        expect(await res.text()).not.toContain("Private");
      }
      for (const path of listRoutes) {
        const res = await intruder.get(path);
        if (role === "front_desk" && path.startsWith("/settings")) {
          expect(res.status).toBe(403);
          continue;
        }
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).not.toContain("Private");
        expect(html).not.toContain(patient.id);
      }
      // Searching for the other clinic's patient by every key finds nothing.
      for (const q of ["Person", patient.phone ?? "", patient.dateOfBirth, patient.identifier.value]) {
        const html = await (await intruder.get(`/patients?q=${encodeURIComponent(q)}`)).text();
        expect(html).not.toContain(patient.id);
      }
    }
    // Staff of the home clinic cannot be changed from outside either.
    const otherOwner = await signIn(other.staff.owner.email);
    const res = await otherOwner.post(`/settings/staff/${home.staff.therapist.id}`, { role: "owner", active: "true" });
    expect(res.status).toBe(404);

    expect(await snapshot(patient.id)).toEqual(before);
  });

  it("the clinic id in a request body is ignored", async () => {
    const home = await makeClinic();
    const other = await makeClinic();
    const frontDesk = await signIn(other.staff.front_desk.email);
    await frontDesk.post("/patients", {
      clinicId: home.id,
      givenName: "Smuggled",
      familyName: "Clinic",
      dateOfBirth: "1990-05-05",
      sex: "male",
      preferredLanguage: "en",
    });
    const row = await db().select().from(patients).where(eq(patients.givenName, "Smuggled")).get();
    expect(row?.clinicId).toBe(other.id);
  });
});

async function snapshot(patientId: string) {
  return {
    patient: await db().select().from(patients).where(eq(patients.id, patientId)).get(),
    identifiers: await db().select().from(patientIdentifiers).where(eq(patientIdentifiers.patientId, patientId)).all(),
    consents: await db().select().from(consents).where(eq(consents.patientId, patientId)).all(),
  };
}
