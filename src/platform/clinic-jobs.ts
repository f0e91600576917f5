import { z } from "zod";
import type { ClinicJobEnvelope, Deps } from "./env";

/**
 * Nightly jobs that run once per clinic through a queue (dropout-model training, the analytics rollup):
 * the daily cron sends one message per clinic, and a consumer runs the job for one clinic per invocation,
 * so that many large clinics never meet D1's per-invocation limit.
 */

export const clinicJobEnvelopeSchema = z.object({
  v: z.literal(1),
  clinicId: z.string().min(1).max(80),
  at: z.number().int().positive(),
});

/** Messages per sendBatch call (the Queues limit is 100). */
const SEND_BATCH = 100;

/** One message per clinic, all carrying the night's time `at`. */
export async function sendClinicJobs(queue: Queue<ClinicJobEnvelope>, clinicIds: readonly string[], at: number): Promise<void> {
  for (let i = 0; i < clinicIds.length; i += SEND_BATCH) {
    await queue.sendBatch(clinicIds.slice(i, i + SEND_BATCH).map((clinicId) => ({ body: { v: 1 as const, clinicId, at } })));
  }
}

export interface ClinicJob {
  /** The job's name in log lines. */
  job: string;
  /** Log events: a message that is not an envelope, a run that threw (retried), a message out of retries. */
  events: { badEnvelope: string; failed: string; deadLettered: string };
  run(deps: Deps, clinicId: string, at: number): Promise<unknown>;
}

/**
 * The job's consumer and its dead-letter consumer. The consumer runs the job as of the message's time
 * and acks, or retries in five minutes when anything throws: every job must be safe to run again. A
 * dead letter is logged and dropped; the clinic waits for the next night.
 */
export function clinicJobConsumers(job: ClinicJob) {
  const batch = async (batch: MessageBatch<unknown>, deps: Deps): Promise<void> => {
    for (const message of batch.messages) {
      const parsed = clinicJobEnvelopeSchema.safeParse(message.body);
      if (!parsed.success) {
        deps.logger.warn(job.events.badEnvelope, { queue: batch.queue });
        message.ack();
        continue;
      }
      try {
        await job.run(deps, parsed.data.clinicId, parsed.data.at);
        message.ack();
      } catch (error) {
        deps.logger.error(job.events.failed, { job: job.job, clinicId: parsed.data.clinicId, error });
        message.retry({ delaySeconds: 300 });
      }
    }
  };
  const deadLetters = async (batch: MessageBatch<unknown>, deps: Deps): Promise<void> => {
    for (const message of batch.messages) {
      const parsed = clinicJobEnvelopeSchema.safeParse(message.body);
      deps.logger.error(job.events.deadLettered, {
        job: job.job,
        clinicId: parsed.success ? parsed.data.clinicId : null,
        attempts: message.attempts,
      });
      message.ack();
    }
  };
  return { batch, deadLetters };
}
