import { describe, expect, it } from "vitest";
import { appointmentOf, clinicPatient, followUp, map, msh, type Resource, refusal, resources, segment, therapist } from "./messages";

describe("siuToBundle on a clinic's own SIU messages", () => {
  it("maps a follow-up visit booked in local time", () => {
    const result = map(followUp());
    expect(result.trigger).toBe("S12");
    expect(result.controlId).toBe("CTRL-S12");
    const appointment = appointmentOf(followUp());
    expect(appointment).toMatchObject({
      status: "booked",
      start: "2025-03-10T14:00:00-04:00",
      end: "2025-03-10T14:45:00-04:00",
      comment: "Bring the home exercise sheet",
      appointmentType: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0276", code: "FOLLOWUP" }] },
      serviceType: [{ coding: [{ system: "http://www.ama-assn.org/go/cpt", code: "97110", display: "Therapeutic exercise" }] }],
      identifier: [
        { value: "PL-77", type: { coding: [{ code: "PLAC" }] } },
        { value: "FL-5001", type: { coding: [{ code: "FILL" }] } },
      ],
    });
  });

  it("links the participants to the Patient and Practitioner entries by urn:uuid", () => {
    const entries = map(followUp()).bundle.entry;
    const byUrl = new Map(entries.map((e) => [e.fullUrl, e.resource]));
    const appointment = entries.find((e) => e.resource.resourceType === "Appointment")?.resource as Resource;
    const participants = appointment.participant as { actor: { reference: string; type: string }; status: string; type?: unknown }[];
    expect(participants.map((p) => [p.actor.type, byUrl.get(p.actor.reference)?.resourceType, p.status])).toEqual([
      ["Patient", "Patient", "accepted"],
      ["Practitioner", "Practitioner", "accepted"],
    ]);
    expect(participants[1]?.type).toEqual([{ coding: [{ code: "PT", display: "Physical therapist" }], text: "Physical therapist" }]);
  });

  it("maps the patient: record number first, no Social Security number, a cell phone as mobile, Spanish", () => {
    const patient = resources(followUp()).find((r) => r.resourceType === "Patient");
    expect(patient).toMatchObject({
      identifier: [
        {
          value: "MRN-1001",
          system: "http://example.com/v2-to-fhir-converter/Identifier/RIVERSIDE",
          type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] },
        },
      ],
      name: [{ family: "Rivera", given: ["Ana", "Maria"], prefix: ["Ms."], use: "official" }],
      birthDate: "1980-02-14",
      gender: "female",
      address: [{ line: ["12 Elm St", "Apt 2"], city: "Springfield", state: "MA", postalCode: "01103", country: "USA", use: "home" }],
      telecom: [
        { system: "phone", value: "+1 (413) 5550123", use: "mobile" },
        { system: "email", value: "ana.rivera@example.org", use: "home" },
      ],
      communication: [{ language: { coding: [{ system: "urn:ietf:bcp:47", code: "es", display: "Spanish" }] }, preferred: true }],
    });
    expect(JSON.stringify(patient)).not.toContain("999-00-1234");
  });

  it("lists a number given both in PID-13 and PID-40 once", () => {
    const text = followUp().replace("spa^Spanish^HL70296", `spa^Spanish^HL70296${"|".repeat(25)}^PRN^CP^^1^413^5550123`);
    const patient = resources(text).find((r) => r.resourceType === "Patient");
    expect(patient?.telecom).toEqual([
      { system: "phone", value: "+1 (413) 5550123", use: "mobile" },
      { system: "email", value: "ana.rivera@example.org", use: "home" },
    ]);
  });

  it("maps the therapist with the NPI system FHIR uses", () => {
    const practitioner = resources(followUp()).find((r) => r.resourceType === "Practitioner");
    expect(practitioner).toMatchObject({
      identifier: [
        {
          value: "1234567893",
          system: "http://hl7.org/fhir/sid/us-npi",
          type: { coding: [{ code: "NPI", display: "National provider identifier" }] },
        },
      ],
      name: [{ family: "Okafor", given: ["Dana"], suffix: ["DPT"], use: "official" }],
    });
  });

  it.each([
    ["S12", "Booked", "booked"],
    ["S12", "Pending", "pending"],
    ["S13", "Booked", "booked"],
    ["S14", "Complete", "fulfilled"],
    ["S14", "Started", "arrived"],
    ["S14", "", "booked"],
    ["S15", "Booked", "cancelled"],
    ["S16", "Dc", "cancelled"],
    ["S17", "Deleted", "cancelled"],
    ["S26", "Noshow", "noshow"],
    ["S26", "Booked", "noshow"],
  ])("%s with filler status %j gives %s", (trigger, fillerStatus, status) => {
    expect(appointmentOf(followUp(trigger, { sch: { 25: fillerStatus } })).status).toBe(status);
  });

  it("records why a visit was cancelled (SCH-6), and marks a deletion as an error", () => {
    const cancelled = appointmentOf(followUp("S15", { sch: { 6: "PATSICK^Patient unwell^L" } }));
    expect(cancelled.cancelationReason).toEqual({ coding: [{ code: "PATSICK", display: "Patient unwell" }], text: "Patient unwell" });
    const deleted = appointmentOf(followUp("S17"));
    expect(deleted.cancelationReason).toEqual({
      coding: [{ system: "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason", code: "oth-err", display: "Error" }],
      text: "Deleted in the EHR",
    });
    expect(appointmentOf(followUp("S12", { sch: { 6: "PATSICK" } })).cancelationReason).toBeUndefined();
  });

  it("names the same Appointment, Patient and Practitioner in the booking and its cancellation", () => {
    const ids = (text: string) => resources(text).map((r) => `${r.resourceType}/${r.id}`);
    expect(ids(followUp("S15"))).toEqual(ids(followUp("S12")));
    expect(ids(followUp("S12", { sch: { 2: "FL-5002" } }))).not.toEqual(ids(followUp("S12")));
    // a redelivered message maps to the very same bundle
    expect(map(followUp()).bundle).toEqual(map(followUp()).bundle);
  });

  it("versions the appointment by message, so two messages written in the same minute both apply", () => {
    const version = (text: string) => (appointmentOf(text).meta as { versionId: string; lastUpdated: string }).versionId;
    const modified = followUp("S14").replace("|CTRL-S14|", "|CTRL-S14-B|");
    expect(appointmentOf(followUp("S13")).meta).toEqual({ lastUpdated: "2025-03-01T09:00:00-05:00", versionId: version(followUp("S13")) });
    expect(version(followUp("S14"))).not.toBe(version(modified));
    expect(version(followUp("S14"))).toMatch(/^[A-Za-z0-9.-]{1,64}$/);
    expect(version(followUp("S14"))).not.toMatch(/^\d+$/);
  });

  it("gives the appointment identifiers a system when SCH-1/SCH-2 name their assigning authority", () => {
    const appointment = appointmentOf(followUp("S12", { sch: { 1: "PL-77^ORDERS", 2: "FL-5001^SCHED^1.2.840.114350^ISO" } }));
    expect(appointment.identifier).toMatchObject([
      { value: "PL-77", system: "http://example.com/v2-to-fhir-converter/Identifier/ORDERS" },
      { value: "FL-5001", system: "urn:oid:1.2.840.114350" },
    ]);
  });

  it("reads the same message whatever the segment separator", () => {
    const r = followUp();
    expect(map(r.replaceAll("\r", "\n")).bundle).toEqual(map(r).bundle);
    expect(map(r.replaceAll("\r", "\r\n")).bundle).toEqual(map(r).bundle);
  });

  it("decodes escape sequences in names and notes", () => {
    const text = followUp("S12", {})
      .replace("Rivera^Ana", "O\\F\\Neil\\T\\Rivera^Ana")
      .replace("Bring the home exercise sheet", "Shoes \\T\\ shorts\\.br\\Arrive early \\E\\ check in");
    expect(resources(text)[0]).toMatchObject({ resourceType: "Patient", name: [{ family: "O|Neil&Rivera" }] });
    expect(appointmentOf(text).comment).toBe("Shoes & shorts\nArrive early \\ check in");
  });
});

describe("practitioners", () => {
  it("takes each booked person once, whatever number of resource groups books them", () => {
    const text = followUp("S12", { segments: [segment("RGS", { 1: "2" }), therapist] });
    expect(resources(text).filter((r) => r.resourceType === "Practitioner")).toHaveLength(1);
  });

  it("falls back to the attending doctor (PV1-7) when no AIP names anyone", () => {
    const text = [
      msh("S12"),
      segment("SCH", { 1: "PL-1", 2: "FL-1", 25: "Booked" }),
      segment("TQ1", { 7: "202501151400", 8: "202501151445" }),
      clinicPatient,
      segment("PV1", { 1: "1", 2: "O", 7: "T-9^Nguyen^Lan" }),
    ].join("\r");
    const practitioners = resources(text).filter((r) => r.resourceType === "Practitioner");
    expect(practitioners).toMatchObject([{ identifier: [{ value: "T-9" }], name: [{ family: "Nguyen", given: ["Lan"] }] }]);
    const participant = (appointmentOf(text).participant as { type?: { coding: { code: string }[] }[] }[])[1];
    expect(participant?.type?.[0]?.coding[0]?.code).toBe("ATND");
  });
});

describe("messages siuToBundle refuses, with a reason for staff", () => {
  const patientData = ["Rivera", "MRN-1001", "999-00-1234", "1980"];

  it.each([
    ["an empty body", "", "The HL7 message is empty."],
    ["a message without MSH", followUp().split("\r").slice(1).join("\r"), "An HL7 v2 message must start with an MSH segment."],
    ["a JSON body", '{"resourceType":"Appointment"}', "An HL7 v2 message must start with an MSH segment."],
    [
      "an admission message",
      followUp().replace("SIU^S12^SIU_S12", "ADT^A04^ADT_A01"),
      "This is an ADT^A04 message; only HL7 scheduling messages (SIU) are taken here.",
    ],
    [
      "a message with no type",
      followUp().replace("SIU^S12^SIU_S12", ""),
      "The message does not say what kind of message it is (MSH-9 is empty).",
    ],
    [
      "a resource-level SIU event",
      followUp().replace("SIU^S12^SIU_S12", "SIU^S18^SIU_S12"),
      "SIU^S18 is not handled: Rapport takes new, rescheduled, modified, cancelled, discontinued, deleted and no-show appointments (SIU S12 to S17 and S26).",
    ],
    ["no control id", followUp().replace("|CTRL-S12|", "||"), "The message has no control id (MSH-10)."],
    [
      "no SCH segment",
      followUp()
        .split("\r")
        .filter((s) => !s.startsWith("SCH"))
        .join("\r"),
      "The scheduling message has no SCH segment, so it describes no appointment.",
    ],
    [
      "no appointment id",
      followUp("S12", { sch: { 1: "", 2: "" } }),
      "The message gives no appointment id (SCH-1 placer or SCH-2 filler appointment id).",
    ],
    [
      "no patient",
      followUp()
        .split("\r")
        .filter((s) => !s.startsWith("PID"))
        .join("\r"),
      "The message names no patient (it has no PID segment).",
    ],
    [
      "a patient known only by Social Security number",
      followUp().replace("MRN-1001^^^RIVERSIDE^MR~", ""),
      "The patient in the message has no identifier (PID-3).",
    ],
  ])("%s", (_, text, reason) => {
    const said = refusal(text);
    expect(said).toBe(reason);
    for (const data of patientData) expect(said).not.toContain(data);
  });

  it("does not echo a garbled message type", () => {
    expect(refusal(followUp().replace("SIU^S12^SIU_S12", "Ana Rivera^S12"))).toBe(
      "This is not an HL7 scheduling message; only HL7 scheduling messages (SIU) are taken here.",
    );
  });
});
