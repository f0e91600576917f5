import { describe, expect, it } from "vitest";
import { flatten, inApplyOrder, nameOrganizations } from "../../../../src/ehr/fhir/entries";
import appointmentNotice from "../../../fixtures/athenahealth/appointment-notification.body.json";
import patientNotice from "../../../fixtures/athenahealth/patient-notification.body.json";

const ok = (payload: unknown) => {
  const f = flatten(payload);
  if (!f.ok) throw new Error(f.reason);
  return f;
};

describe("flatten", () => {
  it("a lone resource is one entry", () => {
    expect(ok({ resourceType: "Patient", id: "p1" }).entries).toMatchObject([{ resourceType: "Patient", label: "Patient/p1", skip: null }]);
  });

  it.each(["transaction", "batch", "collection", "searchset", "history", "message", "subscription-notification"])(
    "takes in a %s bundle",
    (type) => {
      expect(ok({ resourceType: "Bundle", type, entry: [{ resource: { resourceType: "Patient", id: "p1" } }] }).entries).toHaveLength(1);
    },
  );

  it.each([
    [{ resourceType: "Bundle", type: "document" }, 'a Bundle of type "document" is not taken in'],
    [{ resourceType: "Bundle", type: "batch-response" }, 'a Bundle of type "batch-response" is not taken in'],
    [[1, 2], "the payload is not a FHIR resource (no resourceType)"],
  ])("refuses %o", (payload, reason) => {
    expect(flatten(payload)).toEqual({ ok: false, reason });
  });

  it("a deletion is skipped with a note; an id-less POST takes its fullUrl's uuid", () => {
    const f = ok({
      resourceType: "Bundle",
      type: "transaction",
      entry: [
        { request: { method: "DELETE", url: "Appointment/a9" } },
        {
          fullUrl: "urn:uuid:9F1E2D3C-4B5A-4968-8776-655443322110",
          resource: { resourceType: "Patient" },
          request: { method: "POST", url: "Patient" },
        },
      ],
    });
    expect(f.entries[0]).toMatchObject({
      resourceType: "Appointment",
      label: "Appointment/a9",
      skip: "deleted in the EHR: Rapport keeps its record",
    });
    expect(f.entries[1]?.resource?.id).toBe("9f1e2d3c-4b5a-4968-8776-655443322110");
  });

  it("athenahealth's notifications carry no resource: each focus becomes a skipped entry that says so", () => {
    const appointment = ok(appointmentNotice);
    expect(appointment.entries.map((e) => [e.resourceType, e.skip])).toEqual([
      ["AuditEvent", null],
      ["Appointment", "event notification without the resource (Appointment 2); the EHR must include the resource or we must fetch it"],
    ]);
    expect(ok(patientNotice).entries.at(-1)?.skip).toBe(
      "event notification without the resource (Patient a-195900.E-1); the EHR must include the resource or we must fetch it",
    );
  });

  it("a notification that includes its focus is taken in as the resource", () => {
    const f = ok({
      resourceType: "Bundle",
      type: "subscription-notification",
      entry: [
        { resource: { resourceType: "SubscriptionStatus", notificationEvent: [{ focus: { reference: "Appointment/a1" } }] } },
        { fullUrl: "https://ehr.example/fhir/Appointment/a1", resource: { resourceType: "Appointment", id: "a1" } },
      ],
    });
    expect(f.entries.map((e) => [e.label, e.skip])).toEqual([["Appointment/a1", null]]);
  });
});

describe("apply order and organization names", () => {
  it("practitioners and patients first, then referrals and plans, visits, encounters, outcomes; stable within a type", () => {
    const f = ok({
      resourceType: "Bundle",
      type: "batch",
      entry: ["Observation", "Encounter", "Appointment", "Claim", "CarePlan", "Patient", "Practitioner", "Appointment"].map((t, i) => ({
        resource: { resourceType: t, id: `${t}${i}` },
      })),
    });
    expect(inApplyOrder(f.entries).map((e) => e.label)).toEqual([
      "Practitioner/Practitioner6",
      "Patient/Patient5",
      "CarePlan/CarePlan4",
      "Appointment/Appointment2",
      "Appointment/Appointment7",
      "Encounter/Encounter1",
      "Observation/Observation0",
      "Claim/Claim3",
    ]);
  });

  it("fills in the display of references to an Organization sent alongside", () => {
    const f = ok({
      resourceType: "Bundle",
      type: "batch",
      entry: [
        { fullUrl: "urn:uuid:o1", resource: { resourceType: "Organization", id: "org1", name: "Acme Health" } },
        {
          resource: {
            resourceType: "Coverage",
            payor: [{ reference: "urn:uuid:o1" }, { reference: "Organization/org1", display: "Kept" }],
          },
        },
      ],
    });
    nameOrganizations(f.entries);
    expect(f.entries[1]?.resource?.payor).toEqual([
      { reference: "urn:uuid:o1", display: "Acme Health" },
      { reference: "Organization/org1", display: "Kept" },
    ]);
  });
});
