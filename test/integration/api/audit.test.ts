import { describe, expect, it } from "vitest";
import { fetchApp } from "../../helpers/http";
import { apiClinic, auditRowsOf, makeApiKey, withKey } from "./setup";

/** Every read through a key lands in the clinic's audit log, once, with the integration as the actor. */
describe("API reads are audited", () => {
  it("one row per read, naming the integration, the action and the patient it concerns", async () => {
    const s = await apiClinic();
    const calls: [path: string, action: string, patientId: string | null][] = [
      [`/fhir/R4/Patient/${s.patient.id}`, "fhir.read Patient", s.patient.id],
      [`/fhir/R4/Observation/${s.checkInId}`, "fhir.read Observation", s.patient.id],
      [`/fhir/R4/Appointment?patient=${s.patient.id}&status=booked`, "fhir.search Appointment", s.patient.id],
      ["/fhir/R4/Patient?name=quintero", "fhir.search Patient", null],
      ["/fhir/R4/Patient/unknown-id", "fhir.read Patient", null],
      ["/api/v1/patients", "api.list patients", null],
      [`/api/v1/patients/${s.patient.id}`, "api.read patient", s.patient.id],
      [`/api/v1/patients/${s.patient.id}/journey`, "api.read journey", s.patient.id],
      [`/api/v1/tasks?patient=${s.patient.id}`, "api.list tasks", s.patient.id],
      [`/api/v1/messages?patient=${s.patient.id}`, "api.list messages", s.patient.id],
      ["/api/v1/appointments", "api.list appointments", null],
    ];
    for (const [path, action, patientId] of calls) {
      const before = (await auditRowsOf(s.clinic.id)).length;
      const res = await withKey(s.key, path, { headers: { "user-agent": "crm-sync/1.0", "cf-connecting-ip": "203.0.113.9" } });
      expect(res.status === 200 || res.status === 404, path).toBe(true);
      const rows = await auditRowsOf(s.clinic.id);
      expect(rows.length - before, path).toBe(1);
      const row = rows.sort((x, y) => x.id.localeCompare(y.id)).at(-1);
      expect(row, path).toMatchObject({
        actorType: "integration",
        actorId: s.integration.id,
        action,
        patientId,
        userAgent: "crm-sync/1.0",
        clientIp: "203.0.113.9",
        requestId: res.headers.get("x-request-id"),
      });
      // The route is the pattern: query strings (names, identifiers) never reach the log.
      expect(row?.route, path).toMatch(/^GET \/(fhir\/R4|api\/v1)\/[:a-z/]*$/i);
      expect(row?.route).not.toContain("?");
    }
  });

  it("a key without an integration is its own actor; refused and public requests write nothing", async () => {
    const s = await apiClinic();
    const loose = await makeApiKey(s.clinic.id);
    await withKey(loose.key, "/api/v1/patients");
    const rows = await auditRowsOf(s.clinic.id);
    expect(rows.map((r) => [r.actorType, r.actorId, r.action])).toEqual([["integration", loose.id, "api.list patients"]]);
    await fetchApp("/fhir/R4/metadata");
    await fetchApp("/api/v1/openapi.json");
    await withKey(s.key, "/fhir/R4/Patient?color=blue");
    const readOnly = await makeApiKey(s.clinic.id, { scopes: ["api:read"] });
    await withKey(readOnly.key, "/fhir/R4/Patient");
    expect((await auditRowsOf(s.clinic.id)).length).toBe(1);
  });
});
