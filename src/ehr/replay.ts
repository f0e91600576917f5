import { and, eq } from "drizzle-orm";
import { integrations } from "../integrations/tables";
import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { ehrDeliveries } from "./tables";

export type ReplayError = "not_found" | "integration_disabled";

/**
 * Puts a stored delivery back to work: status `accepted` (which the consumer treats as to do), no reason,
 * not processed, no counts, then its id on ehr-inbound. The row changes before the send: were the send to fail, the
 * row still says "accepted" and Replay can be pressed again; sending first could let the consumer finish
 * before the reset and leave the row waiting forever. Applying a resource twice changes nothing, so a
 * replay of a processed delivery is safe. A disabled integration takes no data in, replayed or not.
 */
export async function replayDelivery(deps: Deps, actor: Actor, deliveryId: string): Promise<Result<true, ReplayError>> {
  const found = await deps.db
    .select({ id: ehrDeliveries.id, disabledAt: integrations.disabledAt })
    .from(ehrDeliveries)
    .innerJoin(integrations, and(eq(integrations.id, ehrDeliveries.integrationId), eq(integrations.clinicId, ehrDeliveries.clinicId)))
    .where(and(eq(ehrDeliveries.clinicId, actor.clinicId), eq(ehrDeliveries.id, deliveryId)))
    .get();
  if (!found) return err("not_found");
  if (found.disabledAt !== null) return err("integration_disabled");
  await deps.db.batch([
    deps.db
      .update(ehrDeliveries)
      .set({ status: "accepted", reason: null, outcome: null, processedAt: null })
      .where(and(eq(ehrDeliveries.clinicId, actor.clinicId), eq(ehrDeliveries.id, deliveryId))),
    auditStatement(deps, actor, "ehr.delivery_replayed"),
  ]);
  await deps.queues.ehrInbound.send({ v: 1, deliveryId });
  return ok(true);
}
