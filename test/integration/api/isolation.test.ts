import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fhirResourceTypes } from "../../../src/api/fhir-search";
import { appointments, auditEvents, tasks } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { apiClinic, inAWeek, type Json, postJson, withKey } from "./setup";

/**
 * Tenant isolation through the keys: clinic A's key, given every id and identifier of clinic B, reads
 * nothing and changes nothing. Clinic B's own key sees the same rows, so the checks are not vacuous.
 */
describe("API isolation between clinics", () => {
  it("clinic A's key reads nothing of clinic B's, by id, by search or by filter", async () => {
    const a = await apiClinic("Clinic Alpha");
    const b = await apiClinic("Clinic Beta");
    const bIds: Record<(typeof fhirResourceTypes)[number], string> = {
      Patient: b.patient.id,
      Appointment: b.visitIds.booked,
      Encounter: b.visitIds.attended,
      Observation: b.checkInId,
      CarePlan: b.episodeId,
      QuestionnaireResponse: b.odiId,
      Communication: b.messageId,
    };
    for (const type of fhirResourceTypes) {
      const path = `/fhir/R4/${type}/${bIds[type]}`;
      expect((await withKey(b.key, path)).status, `B reads ${type}`).toBe(200);
      const res = await withKey(a.key, path);
      expect(res.status, `A reads ${type}`).toBe(404);
      expect(((await res.json()) as Json).resourceType).toBe("OperationOutcome");
    }

    const searches = [
      `/fhir/R4/Patient?identifier=MRN|${b.patient.identifier.value}`,
      `/fhir/R4/Patient?identifier=${b.patient.identifier.value}`,
      `/fhir/R4/Patient?name=${b.patient.familyName}`,
      `/fhir/R4/Patient?_id=${b.patient.id}`,
      ...fhirResourceTypes.filter((t) => t !== "Patient").map((t) => `/fhir/R4/${t}?patient=Patient/${b.patient.id}`),
    ];
    for (const path of searches) {
      const own = (await (await withKey(b.key, path)).json()) as Json;
      expect(own.total, `B: ${path}`).toBeGreaterThan(0);
      const other = (await (await withKey(a.key, path)).json()) as Json;
      expect([other.total, other.entry], `A: ${path}`).toEqual([0, undefined]);
    }
    // A's unfiltered searches show A's rows only.
    const everyone = (await (await withKey(a.key, "/fhir/R4/Appointment?_count=100")).json()) as Json;
    expect(everyone.entry.every((e: Json) => e.resource.participant[0].actor.reference === `Patient/${a.patient.id}`)).toBe(true);

    for (const path of [`/api/v1/patients/${b.patient.id}`, `/api/v1/patients/${b.patient.id}/journey`]) {
      expect((await withKey(b.key, path)).status).toBe(200);
      expect((await withKey(a.key, path)).status, path).toBe(404);
    }
    for (const list of ["tasks", "messages", "appointments"]) {
      const own = (await (await withKey(b.key, `/api/v1/${list}?patient=${b.patient.id}`)).json()) as Json;
      expect(own.data.length, `B ${list}`).toBeGreaterThan(0);
      const other = (await (await withKey(a.key, `/api/v1/${list}?patient=${b.patient.id}`)).json()) as Json;
      expect(other.data, `A ${list}`).toEqual([]);
    }
    const aPatients = (await (await withKey(a.key, "/api/v1/patients?limit=100")).json()) as Json;
    expect(aPatients.data.map((p: Json) => p.id)).toEqual([a.patient.id]);
  });

  it("clinic A's key cannot complete B's task or attach a task to B's patient, and B's rows stay as they were", async () => {
    const a = await apiClinic("Clinic Gamma");
    const b = await apiClinic("Clinic Delta");
    const before = await db().select().from(tasks).where(eq(tasks.clinicId, b.clinic.id)).all();
    expect((await postJson(a.key, `/api/v1/tasks/${b.taskId}/complete`, { outcome: "Done" })).status).toBe(404);
    const foreign = await postJson(a.key, "/api/v1/tasks", { title: "x", patient_id: b.patient.id, due_date: inAWeek() });
    expect(foreign.status).toBe(422);
    const body = (await foreign.json()) as Json;
    expect(body.errors).toEqual([{ field: "patient_id", message: "Not a patient of this clinic" }]);
    expect(await db().select().from(tasks).where(eq(tasks.clinicId, b.clinic.id)).all()).toEqual(before);
    expect((await db().select().from(tasks).where(eq(tasks.clinicId, a.clinic.id)).all()).length).toBe(1);
    expect((await db().select().from(appointments).where(eq(appointments.clinicId, b.clinic.id)).all()).length).toBe(6);
    // B's audit log shows nothing of A's attempts: they are A's own reads.
    const bAudit = await db().select().from(auditEvents).where(eq(auditEvents.clinicId, b.clinic.id)).all();
    expect(bAudit.filter((r) => r.actorId === a.integration.id)).toEqual([]);
  });
});
