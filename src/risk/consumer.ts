// The risk-scoring queue and its dead-letter queue. Messages carry a clinic, episode ids and a scoring time.
import type { Deps } from "../platform/env";
import { riskEnvelopeSchema, scoreChunk } from "./service";

/**
 * risk-scoring consumer: each chunk is scored and acked, or retried after a minute when anything
 * throws (scoring a chunk again is harmless: see scoreChunk). After max_retries it goes to the DLQ.
 */
export async function handleRiskScoringBatch(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = riskEnvelopeSchema.safeParse(message.body);
    if (!parsed.success) {
      // Nothing could ever score it: retrying would only delay the rest.
      deps.logger.warn("risk.bad_envelope", { queue: batch.queue });
      message.ack();
      continue;
    }
    try {
      const result = await scoreChunk(deps, parsed.data);
      deps.logger.info("risk.scored", { clinicId: parsed.data.clinicId, ...result });
      message.ack();
    } catch (error) {
      deps.logger.error("risk.chunk_failed", { clinicId: parsed.data.clinicId, error });
      message.retry({ delaySeconds: 60 });
    }
  }
}

/**
 * risk-scoring-dlq consumer: a chunk that kept failing is logged and dropped. Nothing is lost for
 * good: the next hourly run scores the same episodes again, and the scores staff see say when they
 * were computed.
 */
export async function handleRiskScoringDeadLetters(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = riskEnvelopeSchema.safeParse(message.body);
    deps.logger.error("risk.chunk_dead_lettered", {
      clinicId: parsed.success ? parsed.data.clinicId : null,
      episodes: parsed.success ? parsed.data.episodeIds.length : 0,
      attempts: message.attempts,
    });
    message.ack();
  }
}
