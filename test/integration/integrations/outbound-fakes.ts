import { createMessageBatch } from "cloudflare:test";
import { eq } from "drizzle-orm";
import type { OutboundEvent } from "../../../src/integrations/outbound/events";
import type { HttpSender } from "../../../src/integrations/outbound/request";
import { recordOutbound } from "../../../src/integrations/outbound/service";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import type { Deps, WebhookEnvelope } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { webhookDeliveries } from "../../../src/platform/schema";
import { queuesWith } from "../../helpers/deps";
import { db } from "../../helpers/factories";
import { env } from "../../helpers/http";

/** Never resolved or contacted: every send in these tests goes to a FakeReceiver. */
export const CRM_URL = "https://crm.example.test/rapport/webhooks";

/** A webhooks queue that records the delivery ids it is given. */
export function capturingQueue() {
  const sent: string[] = [];
  const queue = {
    async send(body: WebhookEnvelope) {
      sent.push(body.deliveryId);
    },
    async sendBatch(messages: { body: WebhookEnvelope }[]) {
      for (const m of messages) sent.push(m.body.deliveryId);
    },
  } as unknown as Queue<WebhookEnvelope>;
  return { sent, queue };
}

export type Answer = number | "timeout" | "refused";

/** The receiving CRM, in memory: answers as scripted (200 once the script runs out) and keeps what it got. */
export function fakeReceiver(script: Answer[] = []) {
  const calls: { url: string; headers: Record<string, string>; body: string }[] = [];
  const send: HttpSender = async (url, init) => {
    calls.push({ url, headers: { ...(init.headers as Record<string, string>) }, body: String(init.body) });
    const answer = script.shift() ?? 200;
    if (answer === "timeout") throw new DOMException("The operation timed out.", "TimeoutError");
    if (answer === "refused") throw new TypeError("Network connection lost.");
    return new Response(null, { status: answer });
  };
  return { calls, send };
}

/** Service deps on a settable clock whose webhooks queue is captured. */
export function outboundDeps(now = Date.now()) {
  const clock = fixedClock(now);
  const { sent, queue } = capturingQueue();
  const deps = makeDeps(env, { clock, queues: queuesWith({ webhooks: queue }) });
  return { deps, clock, sent };
}

export const batchOf = (deliveryId: string, attempts = 1, queue = "outbound-webhooks") =>
  createMessageBatch<WebhookEnvelope>(queue, [{ id: newId(), timestamp: new Date(), attempts, body: { v: 1, deliveryId } }]);

/**
 * A one-message batch that remembers what the consumer decided, retry delay included (the test
 * harness's getQueueResult does not report delaySeconds).
 */
export function recordingBatch(body: unknown, attempts = 1, queue = "outbound-webhooks") {
  const outcome: { acked: boolean; retryDelay: number | null } = { acked: false, retryDelay: null };
  const message = {
    id: newId(),
    timestamp: new Date(),
    attempts,
    body,
    ack: () => {
      outcome.acked = true;
    },
    retry: (options?: { delaySeconds?: number }) => {
      outcome.retryDelay = options?.delaySeconds ?? 0;
    },
  };
  const batch = { queue, messages: [message], ackAll: () => {}, retryAll: () => {} } as unknown as MessageBatch<unknown>;
  return { batch, outcome };
}

export const deliveriesOf = (integrationId: string) =>
  db().select().from(webhookDeliveries).where(eq(webhookDeliveries.integrationId, integrationId)).all();

/** One pending delivery of a synthetic event to `integrationId`'s clinic. */
export async function pendingDelivery(deps: Deps, clinicId: string, patientId: string, integrationId: string) {
  const event: OutboundEvent = {
    type: "patient.at_risk",
    sourceEventId: `test:${newId()}`,
    clinicId,
    patientId,
    occurredAt: deps.clock.now(),
    data: { stage: "at_risk", reason: "missed_visit" },
    originIntegrationId: null,
  };
  await recordOutbound(deps, [event]);
  const rows = await deliveriesOf(integrationId);
  const row = rows.find((r) => r.sourceEventId === event.sourceEventId);
  if (!row) throw new Error("no delivery was recorded");
  return row;
}
