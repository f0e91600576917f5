import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { handleWebhookBatch, handleWebhookDeadLetters } from "../../../src/integrations/outbound/consumer";
import { integrations, webhookDeliveries } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { makeIntegration } from "../../helpers/integrations";
import { type Answer, CRM_URL, fakeReceiver, outboundDeps, pendingDelivery, recordingBatch } from "./outbound-fakes";

async function setup(script: Answer[] = []) {
  const t = outboundDeps();
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const integration = await makeIntegration(clinic.id, { kind: "crm", deliveryUrl: CRM_URL, subscribedEvents: '["patient.at_risk"]' });
  const delivery = await pendingDelivery(t.deps, clinic.id, patient.id, integration.id);
  const receiver = fakeReceiver(script);
  /** Runs one queue message through the consumer: "ack", or the retry delay in seconds. */
  const run = async (attempts = 1): Promise<"ack" | number | "none"> => {
    const { batch, outcome } = recordingBatch({ v: 1, deliveryId: delivery.id }, attempts);
    await handleWebhookBatch(batch, t.deps, receiver.send);
    return outcome.acked ? "ack" : (outcome.retryDelay ?? "none");
  };
  const row = async () => db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id)).get();
  return { ...t, clinic, patient, integration, delivery, receiver, run, row };
}

describe("outbound webhook consumer", () => {
  it("POSTs the stored payload, signed so that the official standardwebhooks library verifies it; once delivered, nothing more", async () => {
    const t = await setup([204]);
    expect(await t.run()).toBe("ack");
    expect(t.receiver.calls).toHaveLength(1);
    const call = t.receiver.calls[0];
    expect(call?.url).toBe(CRM_URL);
    expect(call?.body).toBe(t.delivery.payload);
    expect(call?.headers).toMatchObject({ "content-type": "application/json", "webhook-id": `msg_${t.delivery.id}` });
    expect(new Webhook(t.integration.secret).verify(call?.body ?? "", call?.headers ?? {})).toMatchObject({
      type: "patient.at_risk",
      data: { clinic_id: t.clinic.id, patient_id: t.patient.id, stage: "at_risk" },
    });
    expect(await t.row()).toMatchObject({
      status: "delivered",
      attempts: 1,
      lastStatusCode: 204,
      lastError: null,
      deliveredAt: t.clock.now(),
    });
    t.clock.advance(60_000);
    expect(await t.run(1)).toBe("ack");
    expect(t.receiver.calls).toHaveLength(1);
  });

  it("a failure is retried with exponential backoff and the same webhook-id, until the receiver takes it", async () => {
    const t = await setup([500, "timeout", "refused", 200]);
    const delays: (string | number)[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      delays.push(await t.run(attempt));
      const row = await t.row();
      if (attempt === 1)
        expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: expect.stringMatching(/^HTTP 500/) });
      if (attempt === 2) expect(row).toMatchObject({ attempts: 2, lastStatusCode: null, lastError: "no answer within 10 seconds" });
      if (attempt === 3) expect(row?.lastError).toBe("could not connect: Network connection lost.");
      t.clock.advance(((delays[attempt - 1] as number) || 0) * 1000);
    }
    expect(delays).toEqual([30, 60, 120, "ack"]);
    expect(new Set(t.receiver.calls.map((c) => c.headers["webhook-id"]))).toEqual(new Set([`msg_${t.delivery.id}`]));
    expect(new Set(t.receiver.calls.map((c) => c.body))).toEqual(new Set([t.delivery.payload]));
    expect(await t.row()).toMatchObject({ status: "delivered", attempts: 4, lastStatusCode: 200, lastError: null });
  });

  it("410 Gone fails at once, with no retry, and leaves the integration as configured", async () => {
    const t = await setup([410]);
    expect(await t.run()).toBe("ack");
    expect(await t.row()).toMatchObject({
      status: "failed",
      attempts: 1,
      lastStatusCode: 410,
      lastError: expect.stringMatching(/^HTTP 410/),
    });
    const integration = await db().select().from(integrations).where(eq(integrations.id, t.integration.id)).get();
    expect(integration).toMatchObject({ disabledAt: null, deliveryUrl: CRM_URL });
  });

  it("an integration disabled after the event fails its delivery without sending", async () => {
    const t = await setup();
    await db().update(integrations).set({ disabledAt: Date.now() }).where(eq(integrations.id, t.integration.id));
    expect(await t.run()).toBe("ack");
    expect(t.receiver.calls).toHaveLength(0);
    expect(await t.row()).toMatchObject({ status: "failed", lastError: "the integration is disabled" });
  });

  it("a second message for a delivery being sent right now waits for that attempt instead of sending too", async () => {
    const t = await setup();
    await db()
      .update(webhookDeliveries)
      .set({ lastAttemptAt: t.clock.now() - 5_000, attempts: 1 })
      .where(eq(webhookDeliveries.id, t.delivery.id));
    expect(await t.run()).toBe(15);
    expect(t.receiver.calls).toHaveLength(0);
    t.clock.advance(15_000);
    expect(await t.run(2)).toBe("ack");
    expect(t.receiver.calls).toHaveLength(1);
  });

  it("a message that is not an envelope is dropped, not retried forever", async () => {
    const t = await setup();
    for (const body of [{ v: 2, deliveryId: t.delivery.id }, { v: 1 }, "not json", null]) {
      const { batch, outcome } = recordingBatch(body);
      await handleWebhookBatch(batch, t.deps, t.receiver.send);
      expect(outcome).toEqual({ acked: true, retryDelay: null });
    }
    expect(t.receiver.calls).toHaveLength(0);
    expect(await t.row()).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("a dead-lettered delivery is failed with its last error; a delivered one stays delivered", async () => {
    const t = await setup([503]);
    expect(await t.run()).toBe(30);
    const dead = recordingBatch({ v: 1, deliveryId: t.delivery.id }, 1, "outbound-webhooks-dlq");
    await handleWebhookDeadLetters(dead.batch, t.deps);
    expect(dead.outcome.acked).toBe(true);
    expect(await t.row()).toMatchObject({ status: "failed", lastError: expect.stringMatching(/^gave up after 1 attempt; last: HTTP 503/) });

    const done = await setup([200]);
    expect(await done.run()).toBe("ack");
    await handleWebhookDeadLetters(recordingBatch({ v: 1, deliveryId: done.delivery.id }, 1, "outbound-webhooks-dlq").batch, done.deps);
    expect(await done.row()).toMatchObject({ status: "delivered" });
  });
});
