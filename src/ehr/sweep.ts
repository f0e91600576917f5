import { and, asc, eq, lt } from "drizzle-orm";
import { MINUTE } from "../platform/clock";
import type { Deps } from "../platform/env";
import { ehrDeliveries } from "./tables";

/** A delivery still waiting after this long with no attempt lost its enqueue (the webhook answered 202 anyway). */
export const UNQUEUED_AFTER_MS = 10 * MINUTE;
const SWEEP_LIMIT = 100;

/**
 * Re-enqueues stored deliveries that were never attempted: the row is written before the 202, but the
 * enqueue after it can fail. Processing is idempotent, so a delivery that was merely slow in the queue
 * and is enqueued twice does no new work the second time. Ids only, across clinics, oldest first.
 */
export async function sweepUnqueuedDeliveries(deps: Deps): Promise<number> {
  const rows = await deps.db
    .select({ id: ehrDeliveries.id })
    .from(ehrDeliveries)
    .where(
      and(
        eq(ehrDeliveries.status, "accepted"),
        eq(ehrDeliveries.attempts, 0),
        lt(ehrDeliveries.receivedAt, deps.clock.now() - UNQUEUED_AFTER_MS),
      ),
    )
    .orderBy(asc(ehrDeliveries.receivedAt))
    .limit(SWEEP_LIMIT);
  if (rows.length === 0) return 0;
  await deps.queues.ehrInbound.sendBatch(rows.map((r) => ({ body: { v: 1 as const, deliveryId: r.id } })));
  deps.logger.info("ehr.unqueued_swept", { count: rows.length });
  return rows.length;
}
