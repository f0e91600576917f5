import { describe, expect, it } from "vitest";
import { newId } from "../../../src/platform/ids";
import { patientIdentifiers } from "../../../src/platform/schema";
import { db, makePatient } from "../../helpers/factories";
import { fetchApp } from "../../helpers/http";
import { apiClinic, type Json, withKey } from "./setup";

const read = async (key: string, path: string) => {
  const res = await withKey(key, path);
  return { res, body: (await res.json()) as Json };
};
const ids = (bundle: Json) => (bundle.entry ?? []).map((e: Json) => e.resource.id);

describe("FHIR R4 read API", () => {
  it("serves the CapabilityStatement without a key", async () => {
    const res = await fetchApp("/fhir/R4/metadata");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/fhir+json");
    const body = (await res.json()) as Json;
    expect(body.resourceType).toBe("CapabilityStatement");
    expect(body.rest[0].resource.map((r: Json) => r.type)).toEqual([
      "Patient",
      "Appointment",
      "Encounter",
      "Observation",
      "CarePlan",
      "QuestionnaireResponse",
      "Communication",
    ]);
  });

  it("reads a patient by our id with the identifiers we hold", async () => {
    const s = await apiClinic();
    const { res, body } = await read(s.key, `/fhir/R4/Patient/${s.patient.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/fhir+json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(body).toMatchObject({
      resourceType: "Patient",
      id: s.patient.id,
      identifier: [{ system: "MRN", value: s.patient.identifier.value }],
      name: [{ family: s.patient.familyName, given: ["Rosa"] }],
      birthDate: "1975-06-15",
      gender: "female",
    });
  });

  it("searches patients by identifier (system|value or value), name prefix and birth date", async () => {
    const s = await apiClinic();
    const other = await makePatient(s.clinic.id, { givenName: "Bea", familyName: "Ortiz", dateOfBirth: "1990-01-20" });
    await db().insert(patientIdentifiers).values({
      id: newId(),
      clinicId: s.clinic.id,
      patientId: other.id,
      system: "http://ehr.example/mrn",
      value: "E-77",
      createdAt: Date.now(),
    });
    const search = async (q: string) => ids((await read(s.key, `/fhir/R4/Patient?${q}`)).body).sort();
    expect(await search("identifier=http://ehr.example/mrn|E-77")).toEqual([other.id]);
    expect(await search("identifier=E-77")).toEqual([other.id]);
    expect(await search("identifier=MRN|E-77")).toEqual([]);
    expect(await search(`identifier=MRN|${s.patient.identifier.value}`)).toEqual([s.patient.id]);
    expect(await search("name=ros")).toEqual([s.patient.id]);
    expect(await search("name=ORT")).toEqual([other.id]);
    expect(await search("name=quintero,ortiz")).toEqual([s.patient.id, other.id].sort());
    expect(await search("birthdate=1975")).toEqual([s.patient.id]);
    expect(await search("birthdate=ge1980-01-01")).toEqual([other.id]);
    expect(await search("birthdate=ge1975-06-15&birthdate=le1975-06-15")).toEqual([s.patient.id]);
    expect(await search("birthdate=lt1975-06-15")).toEqual([]);
  });

  it("maps visit statuses and searches appointments by patient, status and date range", async () => {
    const s = await apiClinic();
    const { body } = await read(s.key, `/fhir/R4/Appointment?patient=Patient/${s.patient.id}&_count=100`);
    expect(body.total).toBe(6);
    const statusOf = Object.fromEntries(body.entry.map((e: Json) => [e.resource.id, e.resource.status]));
    expect(statusOf).toEqual({
      [s.visitIds.booked]: "booked",
      [s.visitIds.confirmed]: "booked",
      [s.visitIds.arrived]: "arrived",
      [s.visitIds.attended]: "fulfilled",
      [s.visitIds.cancelled]: "cancelled",
      [s.visitIds.no_show]: "noshow",
    });
    const booked = await read(s.key, `/fhir/R4/Appointment?patient=${s.patient.id}&status=booked`);
    expect(ids(booked.body).sort()).toEqual([s.visitIds.booked, s.visitIds.confirmed].sort());
    // The visits are a day apart, from three days ago to two days ahead.
    const at = (hoursFromNow: number) => `${new Date(Date.now() + hoursFromNow * 3_600_000).toISOString().slice(0, 19)}Z`;
    const future = await read(s.key, `/fhir/R4/Appointment?patient=${s.patient.id}&date=ge${at(-12)}`);
    expect(ids(future.body).sort()).toEqual([s.visitIds.attended, s.visitIds.cancelled, s.visitIds.no_show].sort());
    const window = await read(s.key, `/fhir/R4/Appointment?patient=${s.patient.id}&date=ge${at(-36)}&date=lt${at(-12)}`);
    expect(ids(window.body)).toEqual([s.visitIds.arrived]);
  });

  it("serves only arrived and attended visits as encounters", async () => {
    const s = await apiClinic();
    const { body } = await read(s.key, `/fhir/R4/Encounter?patient=${s.patient.id}`);
    expect(Object.fromEntries(body.entry.map((e: Json) => [e.resource.id, e.resource.status]))).toEqual({
      [s.visitIds.arrived]: "arrived",
      [s.visitIds.attended]: "finished",
    });
    expect((await withKey(s.key, `/fhir/R4/Encounter/${s.visitIds.booked}`)).status).toBe(404);
    expect((await withKey(s.key, `/fhir/R4/Encounter/${s.visitIds.attended}`)).status).toBe(200);
  });

  it("serves pain check-ins as LOINC 72514-3 observations, searchable by code", async () => {
    const s = await apiClinic();
    const pain = await read(s.key, `/fhir/R4/Observation?patient=${s.patient.id}&code=http://loinc.org|72514-3`);
    expect(ids(pain.body)).toEqual([s.checkInId]);
    expect(pain.body.entry[0].resource).toMatchObject({ code: { coding: [{ code: "72514-3" }] }, valueQuantity: { value: 6 } });
    expect(ids((await read(s.key, `/fhir/R4/Observation?patient=${s.patient.id}`)).body)).toEqual([s.checkInId, s.odiId]);
    expect(ids((await read(s.key, `/fhir/R4/Observation?code=odi&patient=${s.patient.id}`)).body)).toEqual([s.odiId]);
    expect((await read(s.key, `/fhir/R4/QuestionnaireResponse/${s.odiId}`)).body).toMatchObject({
      resourceType: "QuestionnaireResponse",
      questionnaire: "https://rapport.example/fhir/Questionnaire/odi",
      subject: { reference: `Patient/${s.patient.id}` },
    });
  });

  it("serves plans of care and messages", async () => {
    const s = await apiClinic();
    const plans = await read(s.key, `/fhir/R4/CarePlan?patient=${s.patient.id}&status=active`);
    expect(plans.body.entry[0].resource).toMatchObject({ id: s.episodeId, status: "active", intent: "plan" });
    expect((await read(s.key, `/fhir/R4/CarePlan?patient=${s.patient.id}&status=completed`)).body.total).toBe(0);
    const messages = await read(s.key, `/fhir/R4/Communication?patient=${s.patient.id}`);
    expect(messages.body.entry[0].resource).toMatchObject({
      id: s.messageId,
      status: "completed",
      payload: [{ contentString: "See you tomorrow at 10:00" }],
    });
  });

  it("pages with _count and follows next and previous links to every match exactly once", async () => {
    const s = await apiClinic();
    for (let i = 0; i < 6; i++) await makePatient(s.clinic.id, { givenName: `Pager${i}`, familyName: "Paging" });
    const seen: string[] = [];
    let url: string | undefined = "/fhir/R4/Patient?name=paging&_count=4";
    let pages = 0;
    let last: Json = {};
    while (url) {
      const { body } = await read(s.key, url.replace(/^https?:\/\/[^/]+/, ""));
      expect(body.total).toBe(6);
      seen.push(...ids(body));
      last = body;
      url = body.link.find((l: Json) => l.relation === "next")?.url;
      pages++;
    }
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(6);
    expect(last.link.find((l: Json) => l.relation === "self").url).toContain("_offset=4");
    const previous = last.link.find((l: Json) => l.relation === "previous").url as string;
    const first = await read(s.key, previous.replace(/^https?:\/\/[^/]+/, ""));
    expect(ids(first.body)).toEqual(seen.slice(0, 4));
    expect(first.body.entry[0].fullUrl).toMatch(/\/fhir\/R4\/Patient\/[a-z0-9]+$/);
  });

  it("answers bad searches with a 400 OperationOutcome naming the parameter", async () => {
    const s = await apiClinic();
    for (const [q, param] of [
      ["Patient?nickname=Ro", "nickname"],
      ["Appointment?date=tomorrow", "date"],
      ["Appointment?status=confirmed", "status"],
      ["Patient?birthdate=1975-02-30", "birthdate"],
      ["Observation?_count=abc", "_count"],
    ]) {
      const { res, body } = await read(s.key, `/fhir/R4/${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/fhir+json");
      expect(body.resourceType).toBe("OperationOutcome");
      expect(body.issue[0].diagnostics, q).toContain(param);
    }
  });

  it("answers unknown types, unknown ids and writes in FHIR's words", async () => {
    const s = await apiClinic();
    const unknownType = await read(s.key, "/fhir/R4/Medication?code=1");
    expect([unknownType.res.status, unknownType.body.issue[0].code]).toEqual([404, "not-supported"]);
    const unknownId = await read(s.key, "/fhir/R4/Patient/nobody");
    expect([unknownId.res.status, unknownId.body.issue[0].code]).toEqual([404, "not-found"]);
    const write = await withKey(s.key, "/fhir/R4/Patient", {
      method: "POST",
      headers: { "content-type": "application/fhir+json" },
      body: "{}",
    });
    expect(write.status).toBe(405);
    expect(((await write.json()) as Json).resourceType).toBe("OperationOutcome");
    for (const path of ["/fhir/R4/Patient/x/_history/1", "/fhir/R4", "/fhir/R4/"]) {
      const other = await read(s.key, path);
      expect([other.res.status, other.body.resourceType], path).toEqual([404, "OperationOutcome"]);
    }
    const bare = await fetchApp("/fhir/R4/Patient/x/_history/1");
    expect([bare.status, ((await bare.json()) as Json).resourceType]).toEqual([401, "OperationOutcome"]);
  });
});
