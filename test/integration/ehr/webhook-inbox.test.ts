import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { ehrDeliveries } from "../../../src/ehr/tables";
import { integrations } from "../../../src/integrations/tables";
import type { EhrInboundEnvelope } from "../../../src/platform/env";
import { createLogger } from "../../../src/platform/logger";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { BASE, env } from "../../helpers/http";
import { countDeliveries, makeIntegration, recordingQueue, standardWebhookHeaders } from "../../helpers/integrations";

const BUNDLE = JSON.stringify({
  resourceType: "Bundle",
  type: "transaction",
  entry: [
    {
      fullUrl: "urn:uuid:8c1a4f2e-0000-4000-8000-000000000001",
      resource: { resourceType: "Patient", identifier: [{ system: "urn:mrn", value: "2001" }] },
      request: { method: "POST", url: "Patient" },
    },
    {
      fullUrl: "urn:uuid:8c1a4f2e-0000-4000-8000-000000000002",
      resource: {
        resourceType: "Appointment",
        status: "booked",
        participant: [{ actor: { reference: "urn:uuid:8c1a4f2e-0000-4000-8000-000000000001" }, status: "accepted" }],
      },
      request: { method: "POST", url: "Appointment" },
    },
  ],
});
const SIU =
  "MSH|^~\\&|SCHApp|Facility|EHRApp|Clinic|202109141120||SIU^S12^SIU_S12|MSG00012|P|2.5\rSCH|10345^10345|2196178^2196178\rPID|1||20891312^^^^MR";

function setup(options: { failingQueue?: boolean } = {}) {
  const inbound = recordingQueue<EhrInboundEnvelope>({ failing: options.failingQueue });
  const logs: string[] = [];
  const app = createApp({ queues: queuesWith({ ehrInbound: inbound.queue }), logger: createLogger((line) => logs.push(line)) });
  const post = (integrationId: string, body: string, headers: Record<string, string>, contentType = "application/fhir+json") =>
    app.request(
      `${BASE}/webhooks/ehr/${integrationId}`,
      { method: "POST", headers: { "content-type": contentType, ...headers }, body },
      env,
    );
  return { post, sent: inbound.sent, logs };
}

describe("POST /webhooks/ehr/{id}: the inbox", () => {
  it("stores a redelivery with the same webhook-id once, queues it once, and answers the first row's status", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { post, sent } = setup();
    const headers = standardWebhookHeaders(integration.secret, BUNDLE, { id: "msg_dup_1" });

    const first = await post(integration.id, BUNDLE, headers);
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };

    // The sender retried (its timeout, our slow answer): same id, a fresh timestamp and signature.
    const again = await post(integration.id, BUNDLE, standardWebhookHeaders(integration.secret, BUNDLE, { id: "msg_dup_1" }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, status: "accepted", duplicate: true });

    await db().update(ehrDeliveries).set({ status: "processed" }).where(eq(ehrDeliveries.id, id));
    const later = await post(integration.id, BUNDLE, headers);
    expect(await later.json()).toEqual({ id, status: "processed", duplicate: true });

    expect(await countDeliveries(integration.id)).toBe(1);
    expect(sent).toEqual([{ v: 1, deliveryId: id }]);
  });

  it("stores concurrent copies of one delivery once", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { post, sent } = setup();
    const headers = standardWebhookHeaders(integration.secret, BUNDLE, { id: "msg_race" });
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(integration.id, BUNDLE, headers)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 202]);
    expect(await countDeliveries(integration.id)).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it("tells apart two deliveries with different ids even when the body is the same", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { post, sent } = setup();
    expect((await post(integration.id, BUNDLE, standardWebhookHeaders(integration.secret, BUNDLE, { id: "msg_a" }))).status).toBe(202);
    expect((await post(integration.id, BUNDLE, standardWebhookHeaders(integration.secret, BUNDLE, { id: "msg_b" }))).status).toBe(202);
    expect(await countDeliveries(integration.id)).toBe(2);
    expect(sent).toHaveLength(2);
  });

  it("keys a delivery without an id (X-Signature) by its body hash, so the same body twice is stored once", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id, { signatureScheme: "medplum", secret: "medplum-subscription-secret" });
    const { post, sent } = setup();
    const body = '{"resourceType":"Patient","id":"medplum-1","name":[{"family":"Example"}]}';
    const signature = "482693e3617e5fc76e1dc271e880dd7fb221f268cf0e856fa4173a11889ca81a";
    expect((await post(integration.id, body, { "x-signature": signature })).status).toBe(202);
    expect((await post(integration.id, body, { "x-signature": signature })).status).toBe(200);
    expect(await countDeliveries(integration.id)).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it("stores an HL7v2 SIU message as hl7v2 with its trigger as the summary", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { post } = setup();
    const res = await post(integration.id, SIU, standardWebhookHeaders(integration.secret, SIU), "x-application/hl7-v2+er7");
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const row = await db().select().from(ehrDeliveries).where(eq(ehrDeliveries.id, id)).get();
    expect(row).toMatchObject({ format: "hl7v2", contentType: "x-application/hl7-v2+er7", summary: "SIU^S12", body: SIU });
  });

  it("keeps a delivery it could not queue as accepted and still answers 202, so the sender does not resend it", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const { post, logs } = setup({ failingQueue: true });
    const res = await post(integration.id, BUNDLE, standardWebhookHeaders(integration.secret, BUNDLE));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    expect((await db().select().from(ehrDeliveries).where(eq(ehrDeliveries.id, id)).get())?.status).toBe("accepted");
    const failure = logs.map((line) => JSON.parse(line)).find((l) => l.event === "ehr_webhook.enqueue_failed");
    expect(failure).toMatchObject({ level: "error", clinicId: clinic.id, messageId: id });
    expect(logs.join("\n")).not.toContain("urn:mrn");
  });

  it("answers 404 for an unknown or disabled integration and stores nothing", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    await db().update(integrations).set({ disabledAt: Date.now() }).where(eq(integrations.id, integration.id));
    const { post, sent } = setup();
    const headers = standardWebhookHeaders(integration.secret, BUNDLE);
    const disabled = await post(integration.id, BUNDLE, headers);
    expect(disabled.status).toBe(404);
    expect(disabled.headers.get("content-type")).toContain("application/problem+json");
    expect((await post("no-such-integration", BUNDLE, headers)).status).toBe(404);
    expect((await post("bad%20id%3F", BUNDLE, headers)).status).toBe(404);
    expect(await countDeliveries(integration.id)).toBe(0);
    expect(sent).toEqual([]);
  });
});
