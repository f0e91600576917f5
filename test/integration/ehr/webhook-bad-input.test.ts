import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import type { SignatureScheme } from "../../../src/integrations/tables";
import type { EhrInboundEnvelope } from "../../../src/platform/env";
import { createLogger } from "../../../src/platform/logger";
import { queuesWith } from "../../helpers/deps";
import { makeClinic } from "../../helpers/factories";
import { BASE, env } from "../../helpers/http";
import { countDeliveries, makeIntegration, recordingQueue, standardWebhookHeaders } from "../../helpers/integrations";

const FHIR = "application/fhir+json";
const HL7 = "x-application/hl7-v2+er7";
const MB = 1024 * 1024;
const SECRET_NAME = "Zebulon Quixote";

/** A string body gets "text/plain" from fetch; bytes go without a content type, as a careless sender's would. */
const bytesOf = (body: string) => new TextEncoder().encode(body);

/** A FHIR Patient of exactly `bytes` bytes (ASCII, so characters are bytes). */
function patientOfBytes(bytes: number): string {
  const prefix = '{"resourceType":"Patient","text":{"status":"generated","div":"';
  const suffix = '"}}';
  return prefix + "A".repeat(bytes - prefix.length - suffix.length) + suffix;
}

interface Case {
  name: string;
  body: string;
  contentType?: string;
  /** Headers to send instead of a valid Standard Webhooks signature of the body. */
  headers?: Record<string, string>;
  scheme?: SignatureScheme;
  status: number;
  /** What the answer is: an OperationOutcome, problem+json or plain text. */
  answer: "outcome" | "problem" | "text";
  says: RegExp;
}

const cases: Case[] = [
  {
    name: "truncated JSON",
    body: `{"resourceType":"Patient","name":[{"family":"${SECRET_NAME}`,
    status: 400,
    answer: "outcome",
    says: /not valid JSON/,
  },
  {
    name: "a misspelt resourceType",
    body: '{"resourceType":"Patientx"}',
    status: 400,
    answer: "outcome",
    says: /not a FHIR R4 resource type/,
  },
  { name: "JSON that is not FHIR", body: '{"event":"patient.updated","id":42}', status: 400, answer: "outcome", says: /no resourceType/ },
  {
    name: "a Bundle of a refused type",
    body: '{"resourceType":"Bundle","type":"document"}',
    status: 400,
    answer: "outcome",
    says: /type must be one of/,
  },
  {
    name: "a 2 MB body",
    body: JSON.stringify({ resourceType: "Binary", data: "A".repeat(2 * MB) }),
    status: 413,
    answer: "problem",
    says: /limited/,
  },
  { name: "a body of 1 MB and one byte", body: patientOfBytes(MB + 1), status: 413, answer: "problem", says: /limited/ },
  { name: "no signature headers", body: '{"resourceType":"Patient"}', headers: {}, status: 401, answer: "problem", says: /missing/ },
  {
    name: "a signature without its timestamp",
    body: '{"resourceType":"Patient"}',
    headers: { "webhook-id": "msg_1", "webhook-signature": "v1,AAAA" },
    status: 401,
    answer: "problem",
    says: /missing/,
  },
  {
    name: "no X-Hub-Signature for an athenahealth integration",
    body: '{"resourceType":"Patient"}',
    scheme: "hub_signature",
    headers: {},
    status: 401,
    answer: "problem",
    says: /missing/,
  },
  {
    name: "XML",
    body: "<Patient xmlns='http://hl7.org/fhir'/>",
    contentType: "application/fhir+xml",
    status: 415,
    answer: "outcome",
    says: /application\/fhir\+json/,
  },
  {
    name: "a form post",
    body: "resourceType=Patient",
    contentType: "application/x-www-form-urlencoded",
    status: 415,
    answer: "outcome",
    says: /Send FHIR/,
  },
  { name: "no content type", body: '{"resourceType":"Patient"}', contentType: "", status: 415, answer: "outcome", says: /Send FHIR/ },
  {
    name: "HL7 that is not SIU",
    body: "MSH|^~\\&|ADT|F|R|F|202101011200||ADT^A01^ADT_A01|1|P|2.5\rPID|1",
    contentType: HL7,
    status: 400,
    answer: "text",
    says: /Only SIU/,
  },
  { name: "text that is not HL7", body: "hello", contentType: "text/plain", status: 400, answer: "text", says: /MSH/ },
];

describe("POST /webhooks/ehr/{id}: bad input is refused and nothing is stored", () => {
  it.each(cases)("$name -> $status", async (c) => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id, c.scheme ? { signatureScheme: c.scheme, secret: "plain-test-secret" } : {});
    const inbound = recordingQueue<EhrInboundEnvelope>();
    const logs: string[] = [];
    const app = createApp({ queues: queuesWith({ ehrInbound: inbound.queue }), logger: createLogger((line) => logs.push(line)) });
    const contentType = c.contentType ?? FHIR;
    const headers = c.headers ?? standardWebhookHeaders(integration.secret, c.body);
    const res = await app.request(
      `${BASE}/webhooks/ehr/${integration.id}`,
      {
        method: "POST",
        headers: { ...(contentType ? { "content-type": contentType } : {}), ...headers },
        body: contentType ? c.body : bytesOf(c.body),
      },
      env,
    );

    expect(res.status).toBe(c.status);
    const type = res.headers.get("content-type") ?? "";
    const text = await res.text();
    if (c.answer === "outcome") {
      expect(type).toContain("application/fhir+json");
      const outcome = JSON.parse(text) as { resourceType: string; issue: { severity: string; diagnostics: string }[] };
      expect(outcome.resourceType).toBe("OperationOutcome");
      expect(outcome.issue[0]?.severity).toBe("error");
      expect(outcome.issue[0]?.diagnostics).toMatch(c.says);
    } else if (c.answer === "problem") {
      expect(type).toContain("application/problem+json");
      expect((JSON.parse(text) as { status: number; detail: string }).detail).toMatch(c.says);
    } else {
      expect(type).toContain("text/plain");
      expect(text).toMatch(c.says);
    }
    expect(text).not.toContain(SECRET_NAME);
    expect(logs.join("\n")).not.toContain(SECRET_NAME);
    expect(await countDeliveries(integration.id)).toBe(0);
    expect(inbound.sent).toEqual([]);
  });

  it("logs a refused signature as a warning with the reason and nothing of the body", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const logs: string[] = [];
    const app = createApp({ logger: createLogger((line) => logs.push(line)) });
    const body = `{"resourceType":"Patient","name":[{"family":"${SECRET_NAME}"}]}`;
    const forged = standardWebhookHeaders("whsec_Zm9yZ2VkLXNlY3JldC1mb3JnZWQtc2VjcmV0LTEyMzQ=", body);
    const res = await app.request(
      `${BASE}/webhooks/ehr/${integration.id}`,
      { method: "POST", headers: { "content-type": FHIR, ...forged }, body },
      env,
    );
    expect(res.status).toBe(401);
    const warning = logs.map((line) => JSON.parse(line)).find((l) => l.event === "security.ehr_webhook_signature_refused");
    expect(warning).toMatchObject({ level: "warn", clinicId: clinic.id, reason: "no_matching_signature" });
    expect(logs.join("\n")).not.toContain(SECRET_NAME);
    expect(await countDeliveries(integration.id)).toBe(0);
  });

  it("accepts a body of exactly 1 MB", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const inbound = recordingQueue<EhrInboundEnvelope>();
    const app = createApp({ queues: queuesWith({ ehrInbound: inbound.queue }) });
    const body = patientOfBytes(MB);
    expect(new TextEncoder().encode(body).length).toBe(MB);
    const headers = { "content-type": FHIR, ...standardWebhookHeaders(integration.secret, body) };
    const res = await app.request(`${BASE}/webhooks/ehr/${integration.id}`, { method: "POST", headers, body }, env);
    expect(res.status).toBe(202);
    expect(await countDeliveries(integration.id)).toBe(1);
  });
});
