/// <reference types="node" />
/**
 * Every SIU sample in test/fixtures/hl7v2-siu, mapped and compared with the FHIR that Microsoft's
 * converter is expected to produce from it (an independent oracle). Where we differ on purpose,
 * the difference is spelled out here rather than hidden by a looser comparison.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { siuToBundle } from "../../../../src/ehr/hl7v2/index";
import { fixtures, sampleMessages } from "./messages";

type Resource = Record<string, unknown> & { resourceType: string; id?: string };
type Identifier = { value: string; system?: string; type?: { coding?: { code?: string }[] } };
type Participant = { actor: { reference: string }; status: string };

const samples = sampleMessages();
const withExpected = samples.filter(([name]) => existsSync(expectedPath(name)));

function expectedPath(name: string): string {
  return join(fixtures, "expected-fhir", `${name}-expected.json`);
}

function expectedBundle(name: string): Resource[] {
  const bundle = JSON.parse(readFileSync(expectedPath(name), "utf8")) as { entry: { resource: Resource }[] };
  return bundle.entry.map((e) => e.resource);
}

function mapped(text: string) {
  const result = siuToBundle(text);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

function only(resources: Resource[], type: string): Resource {
  const found = resources.filter((r) => r.resourceType === type);
  expect(found, type).toHaveLength(1);
  return found[0] as Resource;
}

const typeCode = (i: Identifier) => i.type?.coding?.[0]?.code ?? "";
const instant = (value: unknown) => Date.parse(String(value));

/** Resolves a participant's actor in its own bundle: ours by urn:uuid fullUrl, Microsoft's by Type/id. */
function actorOf(resources: Resource[], reference: string): Resource {
  const [type, id] = reference.startsWith("urn:uuid:") ? [undefined, reference.slice(9)] : reference.split("/");
  const found = resources.find((r) => r.id === id && (type === undefined || r.resourceType === type));
  if (!found) throw new Error(`unresolved ${reference}`);
  return found;
}

/** [kind, identifier values] of each participant we map (patients and practitioners), sorted. */
function people(resources: Resource[], appointment: Resource): string[] {
  return (appointment.participant as Participant[])
    .map((p) => actorOf(resources, p.actor.reference))
    .filter((r) => r.resourceType === "Patient" || r.resourceType === "Practitioner")
    .map(
      (r) =>
        `${r.resourceType}:${r.resourceType === "Patient" ? "" : ((r.identifier as Identifier[]) ?? []).map((i) => i.value).join(",")}`,
    )
    .sort();
}

// Microsoft also takes PID-19 (SSN) and PID-20 (driver's licence) and the SS-typed PID-3 entry; we
// leave government ids out on purpose (see patient.ts).
const identifierTypesWeLeaveOut = new Set(["SS", "SB", "DL"]);
// CX-4 "test1&2.16.1&HCD": the converter names the system after HD-3 (the id *type*, "HCD"); we
// follow the HL7 v2-to-FHIR rule and name it after the namespace, HD-1.
const systemDifferences: Record<string, [string, string]> = {
  PATID1234: ["http://example.com/v2-to-fhir-converter/Identifier/HCD", "http://example.com/v2-to-fhir-converter/Identifier/test1"],
};

describe("SIU samples against Microsoft's expected FHIR", () => {
  it("has every sample message, and an expected Bundle for all but SIU-S12_1", () => {
    expect(samples.map(([name]) => name)).toHaveLength(15);
    expect(withExpected).toHaveLength(14);
  });

  it.each(samples)("%s maps to a batch Bundle of Patient, Practitioners and one Appointment", (name, text) => {
    const result = mapped(text);
    expect(result.trigger).toBe(/SIU-(S\d\d)/.exec(name)?.[1]);
    expect(result.controlId).toMatch(/^MSG000\d\d$/);
    expect(result.bundle.type).toBe("batch");
    const types = result.bundle.entry.map((e) => e.resource.resourceType);
    expect(types[0]).toBe("Patient");
    expect(types.at(-1)).toBe("Appointment");
    expect(new Set(types)).toEqual(new Set(["Patient", "Practitioner", "Appointment"]));
    for (const entry of result.bundle.entry) {
      expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource.id}`);
      expect(entry.request).toEqual({ method: "PUT", url: `${entry.resource.resourceType}/${entry.resource.id}` });
    }
  });

  it.each(withExpected)("%s: the appointment agrees (status, start, end, identifiers, participants)", (name, text) => {
    const ours = mapped(text).bundle.entry.map((e) => e.resource as Resource);
    const theirs = expectedBundle(name);
    const appointment = only(ours, "Appointment");
    const expected = only(theirs, "Appointment");

    // S17 (delete): the converter says entered-in-error; we cancel with the standard "Error" reason
    // so the visit leaves the schedule through the same operation as any cancellation (siu.ts).
    if (name.startsWith("SIU-S17")) {
      expect(expected.status).toBe("entered-in-error");
      expect(appointment.status).toBe("cancelled");
      expect(appointment.cancelationReason).toMatchObject({
        coding: expect.arrayContaining([expect.objectContaining({ code: "oth-err" })]),
      });
    } else {
      expect(appointment.status).toBe(expected.status);
    }
    // The converter writes times in its own zone (+05:30); the instants are what must agree.
    expect(instant(appointment.start)).toBe(instant(expected.start));
    expect(instant(appointment.end)).toBe(instant(expected.end));
    const ids = (list: unknown) => (list as Identifier[]).map((i) => [typeCode(i), i.value, i.system ?? null]);
    expect(ids(appointment.identifier)).toEqual(ids(expected.identifier));
    expect(appointment.appointmentType).toEqual(expected.appointmentType);
    // We book patients and practitioners; the converter also lists rooms (AIL) and devices (AIG).
    expect(people(ours, appointment)).toEqual(people(theirs, expected));
  });

  it.each(withExpected)("%s: the patient agrees (identifiers, names, birth date, gender)", (name, text) => {
    const patient = only(
      mapped(text).bundle.entry.map((e) => e.resource as Resource),
      "Patient",
    );
    const expected = only(expectedBundle(name), "Patient");

    const kept = (expected.identifier as Identifier[]).filter((i) => !identifierTypesWeLeaveOut.has(typeCode(i)));
    const ours = patient.identifier as Identifier[];
    expect(ours.map((i) => [typeCode(i), i.value])).toEqual(kept.map((i) => [typeCode(i), i.value]));
    for (const [index, identifier] of kept.entries()) {
      const difference = systemDifferences[identifier.value];
      if (difference) {
        expect([identifier.system, ours[index]?.system]).toEqual(difference);
      } else {
        expect(ours[index]?.system).toBe(identifier.system);
      }
    }
    expect(ours.some((i) => typeCode(i) === "SS" || i.value === "123456789")).toBe(false);

    // PID-5 gives two names; the converter adds PID-9 (an alias) as a third, which we do not take.
    const names = (list: unknown) =>
      (list as Record<string, unknown>[]).map(({ family, given, prefix, suffix, use }) => ({ family, given, prefix, suffix, use }));
    expect(names(patient.name)).toEqual(names(expected.name).slice(0, 2));
    expect(patient.birthDate).toBe(expected.birthDate);
    expect(patient.gender).toBe(expected.gender);
  });

  it("cancels on S15, S16 and S17, and records a no-show on S26", () => {
    const statuses = Object.fromEntries(
      samples.map(([name, text]) => [
        name,
        only(
          mapped(text).bundle.entry.map((e) => e.resource as Resource),
          "Appointment",
        ).status,
      ]),
    );
    expect(statuses).toEqual({
      "SIU-S12-01": "booked",
      "SIU-S12-02": "booked",
      "SIU-S12_1": "booked",
      "SIU-S13-01": "booked",
      "SIU-S13-02": "booked",
      "SIU-S14-01": "booked",
      "SIU-S14-02": "booked",
      "SIU-S15-01": "cancelled",
      "SIU-S15-02": "cancelled",
      "SIU-S16-01": "cancelled",
      "SIU-S16-02": "cancelled",
      "SIU-S17-01": "cancelled",
      "SIU-S17-02": "cancelled",
      "SIU-S26-01": "noshow",
      "SIU-S26-02": "noshow",
    });
  });

  it("names the same appointment and patient in every message about them, so a cancel finds its booking", () => {
    const ids = samples.map(([, text]) => {
      const resources = mapped(text).bundle.entry.map((e) => e.resource as Resource);
      return [only(resources, "Appointment").id, only(resources, "Patient").id];
    });
    expect(new Set(ids.map(([appointment]) => appointment)).size).toBe(1);
    expect(new Set(ids.map(([, patient]) => patient)).size).toBe(1);
  });

  it("maps SIU-S12_1 (no expected Bundle) by its own fields", () => {
    const [, text] = samples.find(([name]) => name === "SIU-S12_1") ?? ["", ""];
    const resources = mapped(text).bundle.entry.map((e) => e.resource as Resource);
    const appointment = only(resources, "Appointment");
    // TQ1-7 and TQ1-8: 202010041126+0215 to 202010081126+0215
    expect(instant(appointment.start)).toBe(Date.UTC(2020, 9, 4, 9, 11));
    expect(instant(appointment.end)).toBe(Date.UTC(2020, 9, 8, 9, 11));
    expect(people(resources, appointment)).toEqual(["Patient:", "Practitioner:400", "Practitioner:500", "Practitioner:600"]);
    expect(appointment.comment).toBe("Appointment specific instructions");
  });
});
