// The risk-training queue and its dead-letter queue. Each message names one clinic and the night's time.
import { z } from "zod";
import type { Deps } from "../platform/env";
import { trainClinicModel } from "./training-job";

export const trainingEnvelopeSchema = z.object({
  v: z.literal(1),
  clinicId: z.string().min(1).max(80),
  at: z.number().int().positive(),
});

/**
 * risk-training consumer: trains the clinic as of the message's time and acks, or retries in five
 * minutes when anything throws. Training again is harmless: the version is the night's, stored once.
 * A clinic that keeps failing stays on its current model; the next night tries again.
 */
export async function handleRiskTrainingBatch(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = trainingEnvelopeSchema.safeParse(message.body);
    if (!parsed.success) {
      deps.logger.warn("risk.bad_training_envelope", { queue: batch.queue });
      message.ack();
      continue;
    }
    try {
      await trainClinicModel(deps, parsed.data.clinicId, parsed.data.at);
      message.ack();
    } catch (error) {
      deps.logger.error("risk.training_failed", { job: "risk-training", clinicId: parsed.data.clinicId, error });
      message.retry({ delaySeconds: 300 });
    }
  }
}

/** risk-training-dlq consumer: logged and dropped; the clinic keeps its model until the next night. */
export async function handleRiskTrainingDeadLetters(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    const parsed = trainingEnvelopeSchema.safeParse(message.body);
    deps.logger.error("risk.training_dead_lettered", {
      job: "risk-training",
      clinicId: parsed.success ? parsed.data.clinicId : null,
      attempts: message.attempts,
    });
    message.ack();
  }
}
