import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, patients } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

const eventsFor = (clinicId: string) => db().select().from(auditEvents).where(eq(auditEvents.clinicId, clinicId)).all();

describe("audit log", () => {
  it("records who viewed a patient, from where, on which route", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const therapist = await signIn(clinic.staff.therapist.email);
    await therapist.get(`/patients/${patient.id}`, { headers: { "cf-connecting-ip": "192.0.2.7", "user-agent": "TestBrowser/1.0" } });
    const views = (await eventsFor(clinic.id)).filter((e) => e.action === "patient.view");
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({
      actorType: "staff",
      actorId: clinic.staff.therapist.id,
      patientId: patient.id,
      route: "GET /patients/:id",
      clientIp: "192.0.2.7",
      userAgent: "TestBrowser/1.0",
    });
    expect(views[0]?.requestId).toBeTruthy();
  });

  it("records every write in the same batch as the write", async () => {
    const clinic = await makeClinic();
    const frontDesk = await signIn(clinic.staff.front_desk.email);
    const created = await frontDesk.post("/patients", {
      givenName: "Audit",
      familyName: "Trail",
      dateOfBirth: "1975-06-01",
      sex: "male",
      preferredLanguage: "es",
      smsConsent: "on",
    });
    const id = created.headers.get("location")?.split("/").pop() ?? "";
    await frontDesk.post(`/patients/${id}`, {
      givenName: "Audit",
      familyName: "Trails",
      dateOfBirth: "1975-06-01",
      sex: "male",
      preferredLanguage: "es",
    });
    await frontDesk.post(`/patients/${id}/identifiers`, { system: "MRN", value: "A-1" });
    await frontDesk.post(`/patients/${id}/consents`, { channel: "sms", status: "revoked" });
    const actions = (await eventsFor(clinic.id)).filter((e) => e.patientId === id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["patient.create", "patient.update", "patient.identifier.add", "consent.revoke"]));
    // Searching is recorded too, without the search text.
    await frontDesk.get("/patients?q=Trails");
    const search = (await eventsFor(clinic.id)).find((e) => e.action === "patient.search");
    expect(JSON.stringify(search)).not.toContain("Trails");
  });

  it("owner sees the log, filtered by staff member and action", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const therapist = await signIn(clinic.staff.therapist.email);
    await therapist.get(`/patients/${patient.id}`);
    const owner = await signIn(clinic.staff.owner.email);
    const all = await (await owner.get("/settings/audit")).text();
    expect(all).toContain("patient.view");
    const byOwner = await (await owner.get(`/settings/audit?actorId=${clinic.staff.owner.id}&action=patient.view`)).text();
    expect(byOwner).toContain("No audit events match.");
    const byTherapist = await (await owner.get(`/settings/audit?actorId=${clinic.staff.therapist.id}&action=patient.view`)).text();
    expect(byTherapist).toContain(patient.id);
  });

  it("a failed validation writes neither data nor an audit row", async () => {
    const clinic = await makeClinic();
    const frontDesk = await signIn(clinic.staff.front_desk.email);
    await frontDesk.post("/patients", { givenName: "", familyName: "", dateOfBirth: "", sex: "female", preferredLanguage: "en" });
    const writes = (await eventsFor(clinic.id)).filter((e) => e.action === "patient.create");
    expect(writes).toHaveLength(0);
    expect(
      await db()
        .select()
        .from(patients)
        .where(and(eq(patients.clinicId, clinic.id)))
        .all(),
    ).toHaveLength(0);
  });
});
