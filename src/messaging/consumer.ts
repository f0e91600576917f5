import { z } from "zod";
import { localDateIn } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import type { Deps } from "../platform/env";
import { newId } from "../platform/ids";
import { insertRuleTask } from "../worklist/repo";
import { ProviderError } from "./port";
import * as repo from "./repo";

const envelopeSchema = z.object({ v: z.literal(1), messageId: z.string().min(1).max(80) });

/** Retry backoff: 30 s, 2 min, 8 min, 32 min... capped at an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 4 ** Math.max(0, attempt - 1));
}

/**
 * outbound-messages consumer. Idempotent: the message row is claimed before the provider is
 * called, so a redelivered queue message (or a second consumer) never sends twice.
 */
export async function handleOutboundBatch(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const item of batch.messages) {
    const parsed = envelopeSchema.safeParse(item.body);
    if (!parsed.success) {
      deps.logger.warn("outbound.bad_envelope", { queue: batch.queue });
      item.ack();
      continue;
    }
    const { messageId } = parsed.data;
    const now = deps.clock.now();
    const message = await repo.findMessage(deps.db, messageId);
    if (!message) {
      item.ack();
      continue;
    }
    // Not due yet (a deferred send re-enqueued early): wait, without using an attempt.
    if (message.sendAt > now + 60_000 && (message.status === "scheduled" || message.status === "queued")) {
      item.retry({ delaySeconds: Math.min(43_200, Math.ceil((message.sendAt - now) / 1000)) });
      continue;
    }
    const claimed = await repo.claimForSending(deps.db, messageId, now);
    // Portal messages are stored as received, so never claimed; the check keeps the provider to SMS and email.
    if (!claimed || claimed.channel === "portal") {
      item.ack(); // already sent, cancelled, suppressed or being sent: nothing to do
      continue;
    }
    try {
      const { providerMessageId } = await deps.messaging.send({
        clinicId: claimed.clinicId,
        channel: claimed.channel,
        to: claimed.toAddress,
        from: claimed.fromAddress,
        subject: claimed.subject ?? undefined,
        body: claimed.body,
        statusCallbackUrl: deps.vars.PUBLIC_URL ? `${new URL(deps.vars.PUBLIC_URL).origin}/webhooks/sms/twilio/status` : undefined,
      });
      await repo.setMessageStatus(deps.db, messageId, {
        status: "sent",
        provider: deps.messaging.name,
        providerMessageId,
        lastError: null,
        updatedAt: deps.clock.now(),
      });
      item.ack();
    } catch (error) {
      const transient = !(error instanceof ProviderError) || error.transient;
      const reason = error instanceof Error ? error.message.slice(0, 200) : "unknown error";
      if (!transient) {
        await markFailed(deps, claimed.id, reason);
        item.ack();
        continue;
      }
      // Hand it back for the next attempt; after max_retries the queue moves it to the DLQ.
      await repo.setMessageStatus(deps.db, messageId, { status: "queued", lastError: reason, updatedAt: deps.clock.now() });
      item.retry({ delaySeconds: backoffSeconds(claimed.attempts) });
    }
  }
}

/** outbound-messages-dlq consumer: what exhausted its retries is failed, and the front desk gets a task. */
export async function handleOutboundDeadLetters(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const item of batch.messages) {
    const parsed = envelopeSchema.safeParse(item.body);
    if (parsed.success) await markFailed(deps, parsed.data.messageId, "retries exhausted");
    item.ack();
  }
}

async function markFailed(deps: Deps, messageId: string, reason: string) {
  const message = await repo.findMessage(deps.db, messageId);
  if (!message || message.status === "sent" || message.status === "delivered") return;
  const clinic = await findClinic(deps.db, message.clinicId);
  const now = deps.clock.now();
  await deps.db.batch([
    repo.setMessageStatus(deps.db, messageId, { status: "failed", lastError: reason, updatedAt: now }),
    insertRuleTask(deps.db, {
      id: newId(now),
      clinicId: message.clinicId,
      patientId: message.patientId,
      type: "message_follow_up",
      title: `A ${message.channel === "sms" ? "text" : "email"} could not be delivered: contact the patient another way`,
      dueDate: localDateIn(now, clinic?.timeZone ?? "UTC"),
      status: "open",
      ruleKey: `message-failed:${messageId}`,
      createdBy: "rule",
      createdAt: now,
    }),
  ]);
}

/** Cron sweeper: messages whose time came long ago but never left (a lost enqueue) go back on the queue. */
export async function sweepStuckMessages(deps: Deps): Promise<void> {
  const stuck = await repo.stuckMessages(deps.db, deps.clock.now() - 10 * 60_000);
  if (stuck.length === 0) return;
  await deps.queues.outbound.sendBatch(stuck.map((m) => ({ body: { v: 1 as const, messageId: m.id } })));
  deps.logger.info("outbound.swept", { count: stuck.length });
}
