// The analytics-rollup queue and its dead-letter queue. Each message names one clinic and the night's time.
import { z } from "zod";
import type { Deps } from "../platform/env";
import { rollClinic } from "./rollup";

export const rollupEnvelopeSchema = z.object({
  v: z.literal(1),
  clinicId: z.string().min(1).max(80),
  at: z.number().int().positive(),
});

/**
 * analytics-rollup consumer: rolls the clinic as of the message's time and acks, or retries in five
 * minutes when anything throws. Rolling again is harmless: it recounts and writes only what changed.
 * Until it succeeds the page reads raw rows for every day after the last rollup, so no day goes missing.
 */
export async function handleAnalyticsRollupBatch(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = rollupEnvelopeSchema.safeParse(message.body);
    if (!parsed.success) {
      deps.logger.warn("analytics.bad_rollup_envelope", { queue: batch.queue });
      message.ack();
      continue;
    }
    try {
      await rollClinic(deps, parsed.data.clinicId, parsed.data.at);
      message.ack();
    } catch (error) {
      deps.logger.error("analytics.rollup_failed", { job: "analytics-rollup", clinicId: parsed.data.clinicId, error });
      message.retry({ delaySeconds: 300 });
    }
  }
}

/** analytics-rollup-dlq consumer: logged and dropped; the page reads raw rows past the last rollup meanwhile. */
export async function handleAnalyticsRollupDeadLetters(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = rollupEnvelopeSchema.safeParse(message.body);
    deps.logger.error("analytics.rollup_dead_lettered", {
      job: "analytics-rollup",
      clinicId: parsed.success ? parsed.data.clinicId : null,
      attempts: message.attempts,
    });
    message.ack();
  }
}
