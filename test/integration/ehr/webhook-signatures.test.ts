/// <reference types="vite/client" />
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { ehrDeliveries } from "../../../src/ehr/tables";
import { newSigningSecret } from "../../../src/integrations/model";
import { fixedClock, HOUR } from "../../../src/platform/clock";
import type { EhrInboundEnvelope } from "../../../src/platform/env";
import { sha256Hex } from "../../../src/platform/ids";
import appointmentBody from "../../fixtures/athenahealth/appointment-notification.body.json?raw";
import appointmentSignature from "../../fixtures/athenahealth/appointment-notification.x-hub-signature.txt?raw";
import orderBody from "../../fixtures/athenahealth/order-notification.body.json?raw";
import orderSignature from "../../fixtures/athenahealth/order-notification.x-hub-signature.txt?raw";
import patientBody from "../../fixtures/athenahealth/patient-notification.body.json?raw";
import patientSignature from "../../fixtures/athenahealth/patient-notification.x-hub-signature.txt?raw";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { BASE, env } from "../../helpers/http";
import { countDeliveries, makeIntegration, recordingQueue, standardWebhookHeaders } from "../../helpers/integrations";

const ATHENA_SECRET = "SecretHashKeyForConsumer1";
const PATIENT = '{"resourceType":"Patient","id":"ehr-p-1","identifier":[{"system":"urn:mrn","value":"1001"}]}';

function setup(now?: number) {
  const inbound = recordingQueue<EhrInboundEnvelope>();
  const app = createApp({ queues: queuesWith({ ehrInbound: inbound.queue }), ...(now ? { clock: fixedClock(now) } : {}) });
  const post = (integrationId: string, body: string, headers: Record<string, string>, contentType = "application/fhir+json") =>
    app.request(
      `${BASE}/webhooks/ehr/${integrationId}`,
      { method: "POST", headers: { "content-type": contentType, ...headers }, body },
      env,
    );
  return { post, sent: inbound.sent };
}

describe("POST /webhooks/ehr/{id}: Standard Webhooks", () => {
  it("accepts a delivery signed by the official standardwebhooks library, stores it and queues its id", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { post, sent } = setup();
    const headers = standardWebhookHeaders(integration.secret, PATIENT, { id: "msg_signed_1" });

    const res = await post(integration.id, PATIENT, headers);
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { id: string; status: string };
    expect(answer.status).toBe("accepted");
    expect(sent).toEqual([{ v: 1, deliveryId: answer.id }]);

    const row = await db().select().from(ehrDeliveries).where(eq(ehrDeliveries.id, answer.id)).get();
    expect(row).toMatchObject({
      clinicId: clinic.id,
      integrationId: integration.id,
      deliveryKey: "msg_signed_1",
      format: "fhir",
      contentType: "application/fhir+json",
      body: PATIENT,
      bodyHash: await sha256Hex(PATIENT),
      summary: "Patient",
      status: "accepted",
    });
  });

  it("accepts a header carrying several signatures when one of them matches", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { post } = setup();
    const good = standardWebhookHeaders(integration.secret, PATIENT);
    const stranger = standardWebhookHeaders(newSigningSecret(), PATIENT, { id: good["webhook-id"] });
    const res = await post(integration.id, PATIENT, {
      ...good,
      "webhook-signature": `${stranger["webhook-signature"]} ${good["webhook-signature"]}`,
    });
    expect(res.status).toBe(202);
  });

  it("refuses a replayed delivery with an old timestamp: 401 and nothing stored", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { post, sent } = setup();
    const captured = standardWebhookHeaders(integration.secret, PATIENT, { at: Date.now() - 6 * 60_000 });
    const res = await post(integration.id, PATIENT, captured);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toMatch(/5 minutes/);
    expect(await countDeliveries(integration.id)).toBe(0);
    expect(sent).toEqual([]);
  });

  it("refuses a body changed after signing, and a signature made with another integration's secret", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const other = await makeIntegration(clinic.id);
    const { post } = setup();
    const headers = standardWebhookHeaders(integration.secret, PATIENT);
    expect((await post(integration.id, PATIENT.replace("1001", "1002"), headers)).status).toBe(401);
    expect((await post(other.id, PATIENT, headers)).status).toBe(401);
    expect(await countDeliveries(integration.id)).toBe(0);
    expect(await countDeliveries(other.id)).toBe(0);
  });

  it("accepts the previous secret for 24 hours after a rotation, and refuses it afterwards", async () => {
    const clinic = await makeClinic();
    const rotatedAt = Date.now();
    const previous = newSigningSecret();
    const integration = await makeIntegration(clinic.id, { previousSecret: previous, previousSecretExpiresAt: rotatedAt + 24 * HOUR });

    const within = rotatedAt + 23 * HOUR;
    const early = await setup(within).post(integration.id, PATIENT, standardWebhookHeaders(previous, PATIENT, { at: within }));
    expect(early.status).toBe(202);

    const after = rotatedAt + 25 * HOUR;
    const late = await setup(after).post(integration.id, PATIENT, standardWebhookHeaders(previous, PATIENT, { at: after }));
    expect(late.status).toBe(401);
    const current = await setup(after).post(integration.id, PATIENT, standardWebhookHeaders(integration.secret, PATIENT, { at: after }));
    expect(current.status).toBe(202);
    expect(await countDeliveries(integration.id)).toBe(2);
  });
});

describe("POST /webhooks/ehr/{id}: athenahealth X-Hub-Signature", () => {
  const samples = [
    ["appointment", appointmentBody, appointmentSignature],
    ["patient", patientBody, patientSignature],
    ["order", orderBody, orderSignature],
  ] as const;

  it.each(samples)(
    "accepts athenahealth's real %s notification with its real header, keyed by the body hash",
    async (_name, body, signature) => {
      const clinic = await makeClinic();
      const integration = await makeIntegration(clinic.id, { name: "athenaOne", signatureScheme: "hub_signature", secret: ATHENA_SECRET });
      const { post, sent } = setup();
      const res = await post(integration.id, body, { "x-hub-signature": signature }, "application/json");
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: string };
      const row = await db().select().from(ehrDeliveries).where(eq(ehrDeliveries.id, id)).get();
      expect(row?.body).toBe(body);
      expect(row?.summary).toBe("Bundle/history");
      expect(row?.deliveryKey).toBe(`sha256:${await sha256Hex(body)}`);
      expect(sent).toEqual([{ v: 1, deliveryId: id }]);
    },
  );

  it("refuses the sample when the integration has a different secret", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id, { signatureScheme: "hub_signature", secret: "SecretHashKeyForConsumer2" });
    const res = await setup().post(integration.id, patientBody, { "x-hub-signature": patientSignature }, "application/json");
    expect(res.status).toBe(401);
    expect(await countDeliveries(integration.id)).toBe(0);
  });
});

describe("POST /webhooks/ehr/{id}: Medplum X-Signature", () => {
  // Computed independently: printf '<body>' | openssl dgst -sha256 -hmac 'medplum-subscription-secret'
  const body = '{"resourceType":"Patient","id":"medplum-1","name":[{"family":"Example"}]}';
  const signature = "482693e3617e5fc76e1dc271e880dd7fb221f268cf0e856fa4173a11889ca81a";

  it("accepts the hex HMAC of the body and refuses a wrong one", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id, { signatureScheme: "medplum", secret: "medplum-subscription-secret" });
    const { post } = setup();
    expect((await post(integration.id, body, { "x-signature": `${signature.slice(0, -1)}b` })).status).toBe(401);
    expect(await countDeliveries(integration.id)).toBe(0);
    expect((await post(integration.id, body, { "x-signature": signature })).status).toBe(202);
    expect(await countDeliveries(integration.id)).toBe(1);
  });
});
