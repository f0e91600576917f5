import { z } from "zod";
import type { Deps } from "../../platform/env";
import * as repo from "./repo";
import { deliveryUrlProblem, fetchSender, type HttpSender, signedWebhookRequest } from "./request";

const envelopeSchema = z.object({ v: z.literal(1), deliveryId: z.string().min(1).max(80) });

/** A receiver that has not answered in 10 s is treated as down; the attempt is retried later. */
export const SEND_TIMEOUT_MS = 10_000;
/** Longer than a send can take, shorter than the first retry delay: another message for a delivery being sent waits. */
const LEASE_MS = 2 * SEND_TIMEOUT_MS;
const MAX_BACKOFF_SECONDS = 6 * 3600;

/** Exponential backoff by the queue message's attempt: 30 s, 1 min, 2 min, 4 min ... capped at 6 hours. */
export function backoffSeconds(attempt: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, 30 * 2 ** Math.max(0, attempt - 1));
}

type Verdict = { kind: "done" } | { kind: "retry"; delaySeconds: number };

const clip = (text: string) => text.slice(0, 200);

/** One attempt at one delivery: claim it, sign it, POST it, record what happened. */
async function attempt(deps: Deps, deliveryId: string, queueAttempt: number, send: HttpSender): Promise<Verdict> {
  const now = deps.clock.now();
  const claimed = await repo.claimDelivery(deps.db, deliveryId, now, LEASE_MS);
  if (!claimed) {
    const current = await repo.findDelivery(deps.db, deliveryId);
    // Another message is sending it right now: look again once that attempt must have ended.
    if (current?.status === "pending" && current.lastAttemptAt !== null) {
      return { kind: "retry", delaySeconds: Math.max(1, Math.ceil((current.lastAttemptAt + LEASE_MS - now) / 1000)) };
    }
    return { kind: "done" }; // delivered, failed or gone: nothing to send
  }
  const fail = async (reason: string, lastStatusCode: number | null = null): Promise<Verdict> => {
    await repo.recordOutcome(deps.db, claimed.id, { status: "failed", lastError: clip(reason), lastStatusCode });
    return { kind: "done" };
  };
  const integration = await repo.findIntegration(deps.db, claimed.clinicId, claimed.integrationId);
  if (!integration || integration.disabledAt !== null) return fail("the integration is disabled");
  if (!integration.deliveryUrl) return fail("the integration has no delivery URL");
  const urlProblem = deliveryUrlProblem(integration.deliveryUrl, deps.vars.APP_ENV);
  if (urlProblem) return fail(urlProblem);

  const init = await signedWebhookRequest(claimed, integration.secret, now);
  let response: Response;
  try {
    response = await send(integration.deliveryUrl, { ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    const reason = timedOut
      ? "no answer within 10 seconds"
      : `could not connect: ${error instanceof Error ? error.message : "unknown error"}`;
    await repo.recordOutcome(deps.db, claimed.id, { lastError: clip(reason), lastStatusCode: null });
    return { kind: "retry", delaySeconds: backoffSeconds(queueAttempt) };
  }
  // The answer's body means nothing to us (and may hold anything): read none of it.
  await response.body?.cancel();
  const status = response.status;
  if (status >= 200 && status < 300) {
    await repo.recordOutcome(deps.db, claimed.id, {
      status: "delivered",
      lastStatusCode: status,
      lastError: null,
      deliveredAt: deps.clock.now(),
    });
    return { kind: "done" };
  }
  const reason = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`;
  // 410 Gone: the receiver says this endpoint is no more, so retrying is pointless. The integration stays as
  // configured (staff decide), and Replay sends it again once the URL is fixed.
  if (status === 410) return fail(reason, status);
  await repo.recordOutcome(deps.db, claimed.id, { lastError: clip(reason), lastStatusCode: status });
  return { kind: "retry", delaySeconds: backoffSeconds(queueAttempt) };
}

/**
 * outbound-webhooks consumer. At most one send per delivery at a time (claimed with a lease), none once
 * delivered; a failure is retried with exponential backoff until the queue gives up and dead-letters it.
 * `send` is the network: tests pass a double, so nothing here reaches a real service in a test.
 */
export async function handleWebhookBatch(batch: MessageBatch<unknown>, deps: Deps, send: HttpSender = fetchSender): Promise<void> {
  for (const item of batch.messages) {
    const parsed = envelopeSchema.safeParse(item.body);
    if (!parsed.success) {
      deps.logger.warn("webhooks.bad_envelope", { queue: batch.queue });
      item.ack();
      continue;
    }
    try {
      const verdict = await attempt(deps, parsed.data.deliveryId, item.attempts, send);
      if (verdict.kind === "done") item.ack();
      else item.retry({ delaySeconds: verdict.delaySeconds });
    } catch (error) {
      deps.logger.error("webhooks.attempt_failed", { queue: batch.queue, error });
      item.retry({ delaySeconds: backoffSeconds(item.attempts) });
    }
  }
}

/** outbound-webhooks-dlq consumer: a delivery whose retries ran out is failed, with its last error, in the log. */
export async function handleWebhookDeadLetters(batch: MessageBatch<unknown>, deps: Deps): Promise<void> {
  for (const item of batch.messages) {
    const parsed = envelopeSchema.safeParse(item.body);
    if (parsed.success) {
      const delivery = await repo.findDelivery(deps.db, parsed.data.deliveryId);
      if (delivery?.status === "pending") {
        const last = delivery.lastError ?? "no answer";
        await repo.recordOutcome(deps.db, delivery.id, {
          status: "failed",
          lastError: clip(`gave up after ${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"}; last: ${last}`),
        });
      }
    }
    item.ack();
  }
}
