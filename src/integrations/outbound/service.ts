import { type Actor, auditStatement, recordAudit } from "../../platform/audit";
import { execBatch } from "../../platform/db";
import type { Deps, WebhookEnvelope } from "../../platform/env";
import { err, ok, type Result } from "../../platform/errors";
import { newId } from "../../platform/ids";
import { parseSubscribedEvents } from "../model";
import { type OutboundEvent, payloadOf } from "./events";
import * as repo from "./repo";

/** A queue's sendBatch takes at most 100 messages. */
const SEND_BATCH = 100;

async function enqueue(deps: Deps, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += SEND_BATCH) {
    const body = ids.slice(i, i + SEND_BATCH).map((deliveryId) => ({ body: { v: 1, deliveryId } satisfies WebhookEnvelope }));
    await deps.queues.webhooks.sendBatch(body);
  }
}

/**
 * Makes one delivery per integration of the event's clinic that can receive webhooks and subscribes to
 * its type, then enqueues them. Idempotent: the same source event again inserts nothing, and only
 * deliveries no consumer has tried yet are enqueued (again), so a re-run after a failure loses nothing.
 */
export async function recordOutbound(deps: Deps, events: OutboundEvent[]): Promise<void> {
  const clinics = new Map<string, OutboundEvent[]>();
  for (const e of events) clinics.set(e.clinicId, [...(clinics.get(e.clinicId) ?? []), e]);
  for (const [clinicId, clinicEvents] of clinics) {
    const receivers = await repo.receivingIntegrations(deps.db, clinicId);
    if (receivers.length === 0) continue;
    const now = deps.clock.now();
    const rows: repo.NewDelivery[] = [];
    for (const integration of receivers) {
      const subscribed = parseSubscribedEvents(integration.subscribedEvents);
      for (const e of clinicEvents) {
        if (!subscribed.includes(e.type) || integration.id === e.originIntegrationId) continue;
        rows.push({
          id: newId(now),
          clinicId,
          integrationId: integration.id,
          eventType: e.type,
          sourceEventId: e.sourceEventId,
          patientId: e.patientId,
          payload: payloadOf(e),
          createdAt: now,
        });
      }
    }
    if (rows.length === 0) continue;
    await repo.insertDeliveries(deps.db, rows);
    const untried = await repo.untriedDeliveries(
      deps.db,
      clinicId,
      [...new Set(rows.map((r) => r.integrationId))],
      [...new Set(rows.map((r) => r.sourceEventId))],
    );
    await enqueue(
      deps,
      untried.map((d) => d.id),
    );
  }
}

export type ReplayError = "not_found" | "not_receiving";

/**
 * Settings -> Integrations -> Webhooks -> Replay: the delivery goes back to pending and on the queue,
 * with the same payload and webhook-id (receivers dedupe on it), and the audit log says who did it.
 */
export async function replayDelivery(
  deps: Deps,
  actor: Actor,
  integrationId: string,
  deliveryId: string,
): Promise<Result<repo.DeliveryRow, ReplayError>> {
  const [integration, delivery] = await Promise.all([
    repo.findIntegration(deps.db, actor.clinicId, integrationId),
    repo.findDeliveryInClinic(deps.db, actor.clinicId, integrationId, deliveryId),
  ]);
  if (!integration || !delivery) return err("not_found");
  if (integration.disabledAt !== null || !integration.deliveryUrl) return err("not_receiving");
  await execBatch(deps.db, [
    repo.resetForReplay(deps.db, actor.clinicId, deliveryId),
    auditStatement(deps, actor, "integration.webhook_replay", delivery.patientId),
  ]);
  await enqueue(deps, [deliveryId]);
  return ok({ ...delivery, status: "pending", lastAttemptAt: null, deliveredAt: null });
}

/** The delivery log of one of the clinic's integrations (null: no such integration here). Reading it is audited. */
export async function deliveryLog(deps: Deps, actor: Actor, integrationId: string, limit: number, before?: string) {
  const integration = await repo.findIntegration(deps.db, actor.clinicId, integrationId);
  if (!integration) return null;
  const deliveries = await repo.listDeliveries(deps.db, actor.clinicId, integrationId, limit, before);
  await recordAudit(deps, actor, "integration.webhook_log.view");
  return { integration, deliveries };
}
