/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { classifyEnvelope, mediaTypeOf } from "../../../src/ehr/envelope";
import appointmentBody from "../../fixtures/athenahealth/appointment-notification.body.json?raw";
import orderBody from "../../fixtures/athenahealth/order-notification.body.json?raw";
import patientBody from "../../fixtures/athenahealth/patient-notification.body.json?raw";

const bytes = (s: string) => new TextEncoder().encode(s);
const classify = (contentType: string | null, body: string) => classifyEnvelope(contentType, bytes(body));
const FHIR = "application/fhir+json";
const HL7 = "x-application/hl7-v2+er7";

/** An SIU header in the shape of Microsoft FHIR-Converter's samples (HL7 v2.8). */
const msh = (type: string) =>
  `MSH|^~\\&|SCHApp|GHHSFacility^2.16.840.1.122848.1.30^ISO|EHRApp^1.Aux^ISO|GHHRFacility|202109141120+0215|SECURITY|${type}|MSG00012|P|2.8`;
const siu = (type: string, separator = "\r") =>
  [msh(type), "SCH|10345^10345|2196178^2196178|||10345|OFFICE^Office visit|||30|min", "PID|1||20891312^^^^MR||EXAMPLE^ANA"].join(separator);

describe("FHIR bodies", () => {
  it.each<[string, string, string]>([
    [FHIR, '{"resourceType":"Patient","id":"p1"}', "Patient"],
    ["application/json", '{"resourceType":"Appointment","status":"booked"}', "Appointment"],
    ["application/fhir+json; fhirVersion=4.0; charset=utf-8", '{"resourceType":"Observation"}', "Observation"],
    ["Application/FHIR+JSON", '{"resourceType":"QuestionnaireResponse"}', "QuestionnaireResponse"],
    ...(["transaction", "batch", "collection", "searchset", "history", "message"] as const).map(
      (type) =>
        [
          FHIR,
          JSON.stringify({ resourceType: "Bundle", type, entry: [{ fullUrl: "urn:uuid:1", resource: { resourceType: "Patient" } }] }),
          `Bundle/${type}`,
        ] as [string, string, string],
    ),
    [FHIR, '{"resourceType":"Bundle","type":"batch"}', "Bundle/batch"],
  ])("%s %s is accepted as %s", (contentType, body, summary) => {
    const result = classify(contentType, body);
    expect(result).toMatchObject({ ok: true, format: "fhir", summary, text: body });
  });

  it.each([
    ["appointment", appointmentBody],
    ["patient", patientBody],
    ["order", orderBody],
  ])("athenahealth's %s notification (with an R4B SubscriptionStatus entry) is a history Bundle", (_name, body) => {
    expect(classify("application/json", body)).toMatchObject({ ok: true, format: "fhir", summary: "Bundle/history" });
  });

  it.each([
    ["truncated JSON", '{"resourceType":"Patient","name":[{"fam', /not valid JSON/],
    ["empty body", "", /not valid JSON/],
    ["an array", '[{"resourceType":"Patient"}]', /JSON object/],
    ["a JSON string", '"Patient"', /JSON object/],
    ["no resourceType", '{"id":"p1","name":"x"}', /no resourceType/],
    ["a numeric resourceType", '{"resourceType":7}', /no resourceType/],
    ["a misspelt resourceType", '{"resourceType":"Patientx"}', /"Patientx" is not a FHIR R4 resource type/],
    ["an R5-only resourceType", '{"resourceType":"SubscriptionStatus"}', /not a FHIR R4 resource type/],
    ["a Bundle without a type", '{"resourceType":"Bundle","entry":[]}', /type must be one of/],
    ["a document Bundle", '{"resourceType":"Bundle","type":"document"}', /type must be one of/],
    ["a transaction-response Bundle", '{"resourceType":"Bundle","type":"transaction-response"}', /type must be one of/],
    ["a Bundle whose entry is an object", '{"resourceType":"Bundle","type":"batch","entry":{}}', /entry must be an array/],
    ["a Bundle entry without resourceType", '{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"id":"x"}}]}', /entry 0/],
    [
      "a Bundle entry that is not an object",
      '{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient"}},3]}',
      /entry 1/,
    ],
  ])("%s is refused as not FHIR", (_name, body, reason) => {
    const result = classify(FHIR, body);
    expect(result).toMatchObject({ ok: false, problem: "not_fhir" });
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("never quotes the body in a reason", () => {
    const body = '{"resourceType":"Patient","name":[{"family":"Secretname"';
    const result = classify(FHIR, body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain("Secretname");
    const odd = classify(FHIR, '{"resourceType":"<script>Secretname</script>"}');
    if (!odd.ok) expect(odd.reason).not.toContain("Secretname");
  });

  it("refuses bytes that are not UTF-8", () => {
    const latin1 = new Uint8Array([...bytes('{"resourceType":"Patient","name":[{"family":"M'), 0xfc, ...bytes('ller"}]}')]);
    expect(classifyEnvelope(FHIR, latin1)).toMatchObject({ ok: false, problem: "not_fhir", reason: "The body is not UTF-8 text." });
  });
});

describe("HL7v2 bodies", () => {
  it.each(["S12", "S13", "S14", "S15", "S16", "S17", "S26"])("SIU^%s is accepted", (trigger) => {
    expect(classify(HL7, siu(`SIU^${trigger}^SIU_${trigger}`))).toMatchObject({ ok: true, format: "hl7v2", summary: `SIU^${trigger}` });
  });

  it.each([
    ["\\r", "\r"],
    ["\\n", "\n"],
    ["\\r\\n", "\r\n"],
  ])("accepts segments separated by %s, as text/plain too", (_name, separator) => {
    const body = siu("SIU^S12^SIU_S12", separator);
    expect(classify("text/plain; charset=utf-8", body)).toMatchObject({ ok: true, format: "hl7v2", summary: "SIU^S12", text: body });
  });

  it("tolerates MLLP's start block and blank lines before MSH, and other separators declared in MSH", () => {
    expect(classify(HL7, `\v\r\n${siu("SIU^S15")}`)).toMatchObject({ ok: true, summary: "SIU^S15" });
    const custom = "MSH#$~\\&#SCHApp#F#EHRApp#F#202109141120##SIU$S26$SIU_S26#MSG1#P#2.5\rSCH#1";
    expect(classify(HL7, custom)).toMatchObject({ ok: true, summary: "SIU^S26" });
  });

  it.each([
    ["an ADT message", siu("ADT^A01^ADT_A01"), /this is ADT\^A01/],
    ["an SIU trigger outside scheduling", siu("SIU^S18^SIU_S12"), /this is SIU\^S18/],
    ["no message type", siu(""), /Only SIU/],
    ["a body that does not start with MSH", `PID|1||123\r${siu("SIU^S12")}`, /start with an MSH segment/],
    ["plain words", "Hello, this is not HL7", /start with an MSH segment/],
    ["JSON sent as HL7", '{"resourceType":"Patient"}', /start with an MSH segment/],
    ["an empty body", "", /start with an MSH segment/],
    ["an MSH with a letter as separator", "MSHA^~\\&ASCHApp", /separators/],
  ])("%s is refused as not HL7v2", (_name, body, reason) => {
    const result = classify(HL7, body);
    expect(result).toMatchObject({ ok: false, problem: "not_hl7v2" });
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("content types", () => {
  it.each([null, "", "application/xml", "application/fhir+xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"])(
    "%s is refused as unsupported",
    (contentType) => {
      expect(classify(contentType, '{"resourceType":"Patient"}')).toMatchObject({ ok: false, problem: "unsupported_media_type" });
    },
  );

  it("reads the media type without its parameters", () => {
    expect(mediaTypeOf(" Application/FHIR+JSON ; fhirVersion=4.0")).toBe("application/fhir+json");
    expect(mediaTypeOf(undefined)).toBe("");
  });
});
