import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ehrLinks } from "../../../src/ehr/tables";
import { appointments, auditEvents, consents, domainEvents, patientIdentifiers, patients, staffUsers } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { bundle, ehrClinic, fhirAppointment, fhirPatient, fhirPractitioner } from "./processing-setup";

const clinicPatients = (clinicId: string) => db().select().from(patients).where(eq(patients.clinicId, clinicId)).all();

describe("processing a delivery", () => {
  it("a Patient becomes a patient with its identifiers and a link, written by the integration", async () => {
    const t = await ehrClinic();
    const row = await t.ingest(
      fhirPatient("p1", {
        identifier: [
          { system: "urn:test:mrn", value: "MRN-1" },
          { system: "http://hl7.org/fhir/sid/us-ssn", value: "999-12-3456" },
        ],
        communication: [{ language: { coding: [{ system: "urn:ietf:bcp:47", code: "es-MX" }] }, preferred: true }],
      }),
    );
    expect(row).toMatchObject({ status: "processed", reason: null, attempts: 1, processedAt: t.clock.now() });
    expect(row.counts).toEqual({ Patient: { applied: 1, unchanged: 0, skipped: 0, failed: 0 } });
    const [patient] = await clinicPatients(t.clinic.id);
    expect(patient).toMatchObject({
      givenName: "Lucia",
      familyName: "Rivera",
      dateOfBirth: "1984-02-29",
      phone: "+16175550142",
      preferredLanguage: "es",
    });
    const ids = await db()
      .select()
      .from(patientIdentifiers)
      .where(eq(patientIdentifiers.patientId, patient?.id ?? ""))
      .all();
    // The SSN is not kept: a relationship system has no use for it.
    expect(ids.map((i) => `${i.system}|${i.value}`)).toEqual(["urn:test:mrn|MRN-1"]);
    const link = await db().select().from(ehrLinks).where(eq(ehrLinks.integrationId, t.integration.id)).get();
    expect(link).toMatchObject({ resourceType: "Patient", externalId: "p1", localType: "patients", localId: patient?.id });
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, t.clinic.id), eq(auditEvents.action, "patient.create")))
      .get();
    expect(audit).toMatchObject({ actorType: "integration", actorId: t.integration.id, requestId: row.id });
  });

  it("a duplicate delivery is processed once: the consumer run twice on one id does no new work", async () => {
    const t = await ehrClinic();
    const id = await t.store(fhirPatient("p1"));
    const first = await t.consume([id]);
    const eventsAfterFirst = await db().select().from(domainEvents).where(eq(domainEvents.clinicId, t.clinic.id)).all();
    const second = await t.consume([id, id]);
    expect(first.acked).toEqual(["m0"]);
    expect(second.acked).toEqual(["m0", "m1"]);
    expect(second.retried).toEqual([]);
    expect(await clinicPatients(t.clinic.id)).toHaveLength(1);
    expect(await db().select().from(domainEvents).where(eq(domainEvents.clinicId, t.clinic.id)).all()).toHaveLength(
      eventsAfterFirst.length,
    );
    expect((await t.delivery(id)).attempts).toBe(1);
  });

  it("the same resource sent again in another delivery changes nothing and duplicates nothing", async () => {
    const t = await ehrClinic();
    await t.ingest(fhirPatient("p1"));
    const again = await t.ingest(fhirPatient("p1"));
    expect(again.status).toBe("processed");
    expect(again.counts.Patient).toMatchObject({ applied: 0, unchanged: 1 });
    // Without a link (another integration's id), the identifier still finds the same patient.
    const viaIdentifier = await t.ingest(fhirPatient("other-id", { identifier: [{ system: "urn:test:mrn", value: "MRN-p1" }] }));
    expect(viaIdentifier.counts.Patient).toMatchObject({ unchanged: 1 });
    expect(await clinicPatients(t.clinic.id)).toHaveLength(1);
  });

  it("a patient already on file is found by identifier; a death recorded in the EHR withdraws message consent", async () => {
    const t = await ehrClinic();
    const known = await makePatient(t.clinic.id);
    const row = await t.ingest(
      fhirPatient("p1", {
        identifier: [{ system: known.identifier.system, value: known.identifier.value }],
        deceasedDateTime: "2026-11-20T08:00:00Z",
      }),
    );
    expect(row.counts.Patient).toMatchObject({ applied: 1 });
    expect(await clinicPatients(t.clinic.id)).toHaveLength(1);
    const latest = await db().select().from(consents).where(eq(consents.patientId, known.id)).all();
    expect(latest.filter((c) => c.source === "ehr").map((c) => [c.channel, c.status])).toEqual([["sms", "revoked"]]);
    const events = await db().select().from(domainEvents).where(eq(domainEvents.patientId, known.id)).all();
    expect(events.map((e) => e.type).sort()).toEqual(["consent.changed", "patient.updated"]);
  });

  it("a practitioner is matched to staff by email; an address another clinic's staff uses is not reused", async () => {
    const t = await ehrClinic();
    const other = await makeClinic("Elsewhere");
    const mine = fhirPractitioner("d1", { telecom: [{ system: "email", value: t.clinic.staff.therapist.email.toUpperCase() }] });
    const theirs = fhirPractitioner("d2", {
      identifier: [],
      name: [{ family: "Moreau", given: ["Lea"] }],
      telecom: [{ system: "email", value: other.staff.therapist.email }],
    });
    await t.ingest(
      bundle("batch", [
        fhirPatient("p1"),
        mine,
        theirs,
        fhirAppointment("a1", "Patient/p1", "Practitioner/d1"),
        fhirAppointment("a2", "Patient/p1", "Practitioner/d2", { start: "2026-12-04T15:00:00Z", end: "2026-12-04T15:45:00Z" }),
      ]),
    );
    const visits = await db().select().from(appointments).where(eq(appointments.clinicId, t.clinic.id)).all();
    const byStart = Object.fromEntries(visits.map((v) => [new Date(v.startsAt).toISOString().slice(0, 10), v.therapistId]));
    expect(byStart["2026-12-03"]).toBe(t.clinic.staff.therapist.id);
    const created = await db()
      .select()
      .from(staffUsers)
      .where(eq(staffUsers.id, byStart["2026-12-04"] ?? ""))
      .get();
    expect(created).toMatchObject({ clinicId: t.clinic.id, name: "Lea Moreau", role: "therapist" });
    expect(created?.email).toMatch(/@ehr\.invalid$/);
  });

  it("out of order: version 2 then version 1 leaves version 2 (by versionId, and by lastUpdated)", async () => {
    const t = await ehrClinic();
    const v = (version: string | undefined, updated: string | undefined, family: string) =>
      fhirPatient("p1", {
        meta: { ...(version ? { versionId: version } : {}), ...(updated ? { lastUpdated: updated } : {}) },
        name: [{ family, given: ["Lucia"] }],
      });
    await t.ingest(v("2", undefined, "Second"));
    const stale = await t.ingest(v("1", undefined, "First"));
    expect(stale.counts.Patient).toMatchObject({ unchanged: 1, applied: 0 });
    expect((await clinicPatients(t.clinic.id))[0]?.familyName).toBe("Second");
    // Version numbers compare as numbers: 10 is newer than 9.
    await t.ingest(v("10", undefined, "Tenth"));
    await t.ingest(v("9", undefined, "Ninth"));
    expect((await clinicPatients(t.clinic.id))[0]?.familyName).toBe("Tenth");

    const u = await ehrClinic();
    await u.ingest({ ...v(undefined, "2026-11-20T10:00:00Z", "Newer"), id: "q1" });
    const older = await u.ingest({ ...v(undefined, "2026-11-19T10:00:00Z", "Older"), id: "q1" });
    expect(older.counts.Patient).toMatchObject({ unchanged: 1 });
    expect((await clinicPatients(u.clinic.id))[0]?.familyName).toBe("Newer");
  });

  it("a transaction bundle whose Appointment references its Patient and Practitioner by urn:uuid", async () => {
    const t = await ehrClinic();
    const [pu, du, au] = [
      "urn:uuid:0f1e2d3c-4b5a-4968-8776-655443322110",
      "urn:uuid:1f1e2d3c-4b5a-4968-8776-655443322110",
      "urn:uuid:2f1e2d3c-4b5a-4968-8776-655443322110",
    ];
    const row = await t.ingest(
      bundle(
        "transaction",
        [
          fhirAppointment("a1", pu as string, du as string),
          { ...fhirPatient("p1"), id: undefined },
          { ...fhirPractitioner("d1"), id: undefined },
        ],
        [au, pu, du],
      ),
    );
    expect(row.status).toBe("processed");
    expect(row.counts).toMatchObject({ Patient: { applied: 1 }, Practitioner: { applied: 1 }, Appointment: { applied: 1 } });
    const [patient] = await clinicPatients(t.clinic.id);
    const visit = await db().select().from(appointments).where(eq(appointments.clinicId, t.clinic.id)).get();
    expect(visit).toMatchObject({
      patientId: patient?.id,
      status: "booked",
      startsAt: Date.parse("2026-12-03T15:00:00Z"),
      durationMinutes: 45,
    });
    const therapist = await db()
      .select()
      .from(staffUsers)
      .where(eq(staffUsers.id, visit?.therapistId ?? ""))
      .get();
    // A practitioner without an email gets an address that can never receive mail.
    expect(therapist).toMatchObject({ clinicId: t.clinic.id, role: "therapist", active: true, name: "Chidi Okafor" });
    expect(therapist?.email).toMatch(/^ehr-[0-9a-z]+@ehr\.invalid$/);
    // The POSTed resources had no id: their fullUrl's uuid addresses them, so sending the bundle again changes nothing.
    const again = await t.ingest(
      bundle(
        "transaction",
        [
          fhirAppointment("a1", pu as string, du as string),
          { ...fhirPatient("p1"), id: undefined },
          { ...fhirPractitioner("d1"), id: undefined },
        ],
        [au, pu, du],
      ),
    );
    expect(again.counts).toMatchObject({ Patient: { unchanged: 1 }, Practitioner: { unchanged: 1 }, Appointment: { unchanged: 1 } });
    expect(await db().select().from(appointments).where(eq(appointments.clinicId, t.clinic.id)).all()).toHaveLength(1);
  });

  it("a transaction is all or nothing: one invalid entry and nothing is applied", async () => {
    const t = await ehrClinic();
    const { birthDate: _, ...noBirthDate } = fhirPatient("p2");
    const row = await t.ingest(bundle("transaction", [fhirPatient("p1"), noBirthDate, fhirPractitioner("d1")]));
    expect(row.status).toBe("failed");
    expect(row.reason).toBe("1 of 3 failed: Patient/p2: birthDate: birthDate is required");
    expect(row.counts).toMatchObject({ Patient: { failed: 1, skipped: 1, applied: 0 }, Practitioner: { skipped: 1 } });
    expect(await clinicPatients(t.clinic.id)).toHaveLength(0);
  });

  it("a batch applies what it can and lists what failed, and why", async () => {
    const t = await ehrClinic();
    const row = await t.ingest(
      bundle("batch", [
        fhirPatient("p1"),
        fhirPatient("p2", { birthDate: "1984" }),
        fhirAppointment("a1", "Patient/p1", "Practitioner/nobody"),
      ]),
    );
    expect(row.status).toBe("failed");
    expect(row.reason).toContain("Patient/p2: birthDate must be a full date (YYYY-MM-DD)");
    expect(row.reason).toContain("Appointment/a1: no practitioner among its participants is known here");
    expect(row.counts).toMatchObject({ Patient: { applied: 1, failed: 1 }, Appointment: { failed: 1 } });
    expect(await clinicPatients(t.clinic.id)).toHaveLength(1);
  });

  it("unknown resource types and deletions are skipped, not failures", async () => {
    const t = await ehrClinic();
    const mixed = await t.ingest({
      resourceType: "Bundle",
      type: "batch",
      entry: [
        { resource: fhirPatient("p1"), request: { method: "PUT", url: "Patient/p1" } },
        { resource: { resourceType: "Claim", id: "c1" }, request: { method: "POST", url: "Claim" } },
        { request: { method: "DELETE", url: "Appointment/a9" } },
      ],
    });
    expect(mixed.status).toBe("processed");
    expect(mixed.counts).toMatchObject({ Patient: { applied: 1 }, Claim: { skipped: 1 }, Appointment: { skipped: 1 } });
    const onlySkips = await t.ingest({ resourceType: "Claim", id: "c2" });
    expect(onlySkips).toMatchObject({ status: "skipped", reason: "Claim: not used by Rapport" });
  });

  it("a stored payload that cannot be read fails at once, with the reason", async () => {
    const t = await ehrClinic();
    const id = await t.store('{"resourceType": "Patient", "id": ');
    const run = await t.consume([id]);
    expect(run.acked).toEqual(["m0"]);
    expect(await t.delivery(id)).toMatchObject({ status: "failed", reason: "the payload is not valid JSON" });
    const document = await t.ingest({ resourceType: "Bundle", type: "document", entry: [] });
    expect(document).toMatchObject({ status: "failed", reason: 'a Bundle of type "document" is not taken in' });
  });
});
