import { count, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { ehrDeliveries } from "../../src/ehr/tables";
import { newSigningSecret } from "../../src/integrations/model";
import { integrations } from "../../src/integrations/tables";
import { newId } from "../../src/platform/ids";
import { db } from "./factories";

export type IntegrationRow = typeof integrations.$inferSelect;

/**
 * An EHR integration inserted directly (no Settings page involved): Standard Webhooks with a fresh
 * "whsec_" secret unless `over` says otherwise. Returns the row as stored.
 */
export async function makeIntegration(clinicId: string, over: Partial<typeof integrations.$inferInsert> = {}): Promise<IntegrationRow> {
  const now = Date.now();
  const row = {
    id: newId(now),
    clinicId,
    name: "Test EHR",
    kind: "ehr" as const,
    signatureScheme: "standard_webhooks" as const,
    secret: newSigningSecret(),
    createdAt: now,
    updatedAt: now,
    ...over,
  };
  return db().insert(integrations).values(row).returning().get();
}

/**
 * Standard Webhooks headers for a body, made by the official `standardwebhooks` library (the sender's
 * side), so a test never checks our verifier against our own signer. `at` is epoch ms.
 */
export function standardWebhookHeaders(secret: string, body: string, options: { id?: string; at?: number } = {}): Record<string, string> {
  const id = options.id ?? `msg_${newId()}`;
  const at = options.at ?? Date.now();
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, new Date(at), body),
  };
}

/** A queue producer that records what is sent instead of sending it; `failing` makes every send throw. */
export function recordingQueue<T>(options: { failing?: boolean } = {}) {
  const sent: T[] = [];
  const queue = {
    send: async (message: T) => {
      if (options.failing) throw new Error("queue unavailable");
      sent.push(message);
    },
    sendBatch: async (messages: Iterable<{ body: T }>) => {
      if (options.failing) throw new Error("queue unavailable");
      for (const m of messages) sent.push(m.body);
    },
  } as unknown as Queue<T>;
  return { queue, sent };
}

/** How many inbound deliveries the inbox holds for an integration. */
export async function countDeliveries(integrationId: string): Promise<number> {
  const row = await db().select({ n: count() }).from(ehrDeliveries).where(eq(ehrDeliveries.integrationId, integrationId)).get();
  return row?.n ?? 0;
}
