// The ehr-inbound queue and its dead-letter queue. Messages carry a delivery id; the payload stays in D1.
import { z } from "zod";
import type { Deps } from "../platform/env";
import { giveUp, noteAttemptError, processDelivery } from "./process";

const envelopeSchema = z.object({ v: z.literal(1), deliveryId: z.string().min(1).max(80) });

/** Backoff after a failed attempt: 1 min, 2, 4, 8... capped at an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts), 3600);
}

/**
 * ehr-inbound consumer: each message is acked once its delivery is processed (or was already), and retried
 * with backoff when processing throws. After the queue's max_retries it lands in ehr-inbound-dlq.
 */
export async function handleEhrInboundBatch(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = envelopeSchema.safeParse(message.body);
    if (!parsed.success) {
      // Nothing could ever process it: retrying would only delay the rest.
      deps.logger.warn("ehr.bad_envelope", { queue: batch.queue });
      message.ack();
      continue;
    }
    const { deliveryId } = parsed.data;
    try {
      const result = await processDelivery(deps, deliveryId);
      if (result.outcome === "missing") deps.logger.warn("ehr.delivery_missing", { messageId: deliveryId });
      message.ack();
    } catch (error) {
      deps.logger.error("ehr.delivery_attempt_failed", { messageId: deliveryId, error });
      const attempts = await noteAttemptError(deps, deliveryId, error).catch(() => message.attempts);
      message.retry({ delaySeconds: retryDelaySeconds(attempts || message.attempts) });
    }
  }
}

/** ehr-inbound-dlq consumer: a delivery that exhausted its retries is marked failed, so staff see it and can replay it. */
export async function handleEhrInboundDeadLetters(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = envelopeSchema.safeParse(message.body);
    if (!parsed.success) {
      message.ack();
      continue;
    }
    try {
      await giveUp(deps, parsed.data.deliveryId, message.attempts);
      message.ack();
    } catch (error) {
      deps.logger.error("ehr.dead_letter_failed", { messageId: parsed.data.deliveryId, error });
      message.retry({ delaySeconds: 300 });
    }
  }
}
