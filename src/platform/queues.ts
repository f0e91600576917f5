import { handleAnalyticsRollupBatch, handleAnalyticsRollupDeadLetters } from "../analytics/rollup-consumer";
import { handleEhrInboundBatch, handleEhrInboundDeadLetters } from "../ehr/consumer";
import { handleWebhookBatch, handleWebhookDeadLetters } from "../integrations/outbound/consumer";
import { handleOutboundBatch, handleOutboundDeadLetters } from "../messaging/consumer";
import { handleRiskScoringBatch, handleRiskScoringDeadLetters } from "../risk/consumer";
import { handleRiskTrainingBatch, handleRiskTrainingDeadLetters } from "../risk/training-consumer";
import type { Deps } from "./env";

export type QueueConsumer = (batch: MessageBatch<unknown>, deps: Deps) => Promise<void>;

/**
 * Consumers by queue name. Each domain registers its consumer here as it arrives;
 * a message on a queue with no consumer is retried, so it ends in the dead-letter queue, not lost.
 */
export const queueConsumers: Record<string, QueueConsumer> = {
  "outbound-messages": handleOutboundBatch,
  "outbound-messages-dlq": handleOutboundDeadLetters,
  "ehr-inbound": handleEhrInboundBatch,
  "ehr-inbound-dlq": handleEhrInboundDeadLetters,
  "outbound-webhooks": handleWebhookBatch,
  "outbound-webhooks-dlq": handleWebhookDeadLetters,
  "risk-scoring": handleRiskScoringBatch,
  "risk-scoring-dlq": handleRiskScoringDeadLetters,
  "risk-training": handleRiskTrainingBatch,
  "risk-training-dlq": handleRiskTrainingDeadLetters,
  "analytics-rollup": handleAnalyticsRollupBatch,
  "analytics-rollup-dlq": handleAnalyticsRollupDeadLetters,
};

export async function dispatchQueue(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  const consumer = queueConsumers[batch.queue];
  if (!consumer) {
    deps.logger.warn("queue.no_consumer", { queue: batch.queue, count: batch.messages.length });
    batch.retryAll({ delaySeconds: 60 });
    return;
  }
  await consumer(batch, deps);
}
