// One stored delivery -> clinic data: parse, flatten, apply each resource in order, record the outcome.
import { and, eq, inArray, sql } from "drizzle-orm";
import { findClinic } from "../clinics/repo";
import { integrations } from "../integrations/tables";
import type { Actor } from "../platform/audit";
import type { Deps } from "../platform/env";
import { registered } from "./apply";
import type { ApplyContext } from "./apply/types";
import { type DeliveryEntry, type Flattened, flatten, inApplyOrder, nameOrganizations } from "./fhir/entries";
import { siuToBundle } from "./hl7v2";
import { createResolver, primeLinks } from "./links";
import { type EhrDeliveryStatus, ehrDeliveries } from "./tables";
import { type EntryResult, summarise } from "./tally";

export type DeliveryRow = typeof ehrDeliveries.$inferSelect;

export type ProcessResult =
  | { outcome: "missing" }
  /** Already processed or skipped: a redelivery or a duplicate does no new work. */
  | { outcome: "done_before"; status: EhrDeliveryStatus }
  | { outcome: "done"; status: Exclude<EhrDeliveryStatus, "accepted">; attempts: number };

const FINISHED: EhrDeliveryStatus[] = ["processed", "skipped"];

function parsePayload(delivery: DeliveryRow, timeZone: string): Flattened {
  if (delivery.format === "hl7v2") {
    const siu = siuToBundle(delivery.body, { timeZone });
    return siu.ok ? flatten(siu.bundle) : { ok: false, reason: siu.reason };
  }
  try {
    return flatten(JSON.parse(delivery.body));
  } catch {
    return { ok: false, reason: "the payload is not valid JSON" };
  }
}

/**
 * A transaction is all or nothing: every entry is mapped (purely) first, and if any cannot be taken in,
 * nothing is applied. Returns the results to record in that case, or null to go ahead.
 */
function refusedTransaction(entries: DeliveryEntry[]): EntryResult[] | null {
  const checks = entries.map((e) => ({ e, m: e.resource && !e.skip ? registered(e.resourceType).check(e.resource) : null }));
  if (!checks.some((c) => c.m?.kind === "invalid")) return null;
  return checks.map(({ e, m }) => ({
    resourceType: e.resourceType,
    label: e.label,
    outcome:
      m?.kind === "invalid" ? { result: "failed", reason: m.reason } : { result: "skipped", note: "not applied: the transaction failed" },
  }));
}

type Finish = EntryResult[] | { reason: string } | { skipped: string };

async function finish(deps: Deps, delivery: DeliveryRow, attempts: number, results: Finish) {
  const summary =
    "reason" in results
      ? { status: "failed" as const, reason: results.reason, counts: {} }
      : "skipped" in results
        ? { status: "skipped" as const, reason: results.skipped, counts: {} }
        : summarise(results);
  await deps.db
    .update(ehrDeliveries)
    .set({ status: summary.status, reason: summary.reason, outcome: JSON.stringify(summary.counts), processedAt: deps.clock.now() })
    .where(and(eq(ehrDeliveries.clinicId, delivery.clinicId), eq(ehrDeliveries.id, delivery.id)));
  deps.logger.info("ehr.delivery_processed", {
    clinicId: delivery.clinicId,
    messageId: delivery.id,
    code: summary.status,
    count: attempts,
  });
  return { outcome: "done" as const, status: summary.status, attempts };
}

/**
 * Processes one delivery. Safe to run again on the same delivery (the links and the version check make
 * every resource idempotent). Unexpected errors propagate so the queue retries the whole delivery.
 */
export async function processDelivery(deps: Deps, deliveryId: string): Promise<ProcessResult> {
  const { db } = deps;
  const delivery = await db.select().from(ehrDeliveries).where(eq(ehrDeliveries.id, deliveryId)).get();
  if (!delivery) return { outcome: "missing" };
  if (FINISHED.includes(delivery.status)) return { outcome: "done_before", status: delivery.status };
  // Every query from here is scoped to the delivery's clinic: the integration must be that clinic's.
  const [integration, clinic] = await Promise.all([
    db
      .select({ id: integrations.id, disabledAt: integrations.disabledAt })
      .from(integrations)
      .where(and(eq(integrations.id, delivery.integrationId), eq(integrations.clinicId, delivery.clinicId)))
      .get(),
    findClinic(db, delivery.clinicId),
  ]);
  const counted = await db
    .update(ehrDeliveries)
    .set({ attempts: sql`${ehrDeliveries.attempts} + 1` })
    .where(
      and(
        eq(ehrDeliveries.clinicId, delivery.clinicId),
        eq(ehrDeliveries.id, delivery.id),
        inArray(ehrDeliveries.status, ["accepted", "failed"]),
      ),
    )
    .returning({ attempts: ehrDeliveries.attempts })
    .get();
  if (!counted) return { outcome: "done_before", status: delivery.status };
  if (!integration || !clinic) return finish(deps, delivery, counted.attempts, { reason: "the integration no longer exists" });
  // A disabled integration takes no data in; Replay after enabling it again takes this one.
  if (integration.disabledAt !== null)
    return finish(deps, delivery, counted.attempts, { skipped: "the integration is disabled: nothing was taken in" });

  const flattened = parsePayload(delivery, clinic.timeZone);
  if (!flattened.ok) return finish(deps, delivery, counted.attempts, { reason: flattened.reason });
  const entries = inApplyOrder(flattened.entries);
  nameOrganizations(entries);
  if (flattened.bundleType === "transaction") {
    const refused = refusedTransaction(entries);
    if (refused) return finish(deps, delivery, counted.attempts, refused);
  }

  const scope = { clinicId: delivery.clinicId, integrationId: delivery.integrationId };
  const resolver = createResolver(db, scope, entries);
  const actor: Actor = {
    clinicId: delivery.clinicId,
    actorType: "integration",
    actorId: delivery.integrationId,
    route: "queue ehr-inbound",
    clientIp: null,
    userAgent: null,
    // Audit rows written for this delivery carry its id, so the Events page and the audit log meet.
    requestId: delivery.id,
  };
  const ctx: ApplyContext = { deps, actor, ...scope, clinicTimeZone: clinic.timeZone, resolve: resolver.resolve };
  await primeLinks(db, ctx, entries);
  const results: EntryResult[] = [];
  for (const entry of entries) {
    if (entry.skip || !entry.resource) {
      results.push({
        resourceType: entry.resourceType,
        label: entry.label,
        outcome: { result: "skipped", note: entry.skip ?? "entry without a resource" },
      });
      continue;
    }
    const outcome = await registered(entry.resourceType).apply(ctx, entry.resource);
    if (outcome.result === "applied" || outcome.result === "unchanged") resolver.record(entry, outcome.local);
    results.push({ resourceType: entry.resourceType, label: entry.label, outcome });
  }
  return finish(deps, delivery, counted.attempts, results);
}

/** Marks a delivery failed after its retries ran out (the dead-letter queue's consumer). */
export async function giveUp(deps: Deps, deliveryId: string, attemptsSeen: number): Promise<void> {
  const delivery = await deps.db.select().from(ehrDeliveries).where(eq(ehrDeliveries.id, deliveryId)).get();
  if (!delivery || FINISHED.includes(delivery.status)) return;
  const attempts = Math.max(delivery.attempts, attemptsSeen);
  const last = delivery.reason ?? "an unexpected error";
  await deps.db
    .update(ehrDeliveries)
    .set({
      status: "failed",
      reason: `gave up after ${attempts} attempts: ${last}`.slice(0, 1000),
      attempts,
      processedAt: deps.clock.now(),
    })
    .where(
      and(
        eq(ehrDeliveries.clinicId, delivery.clinicId),
        eq(ehrDeliveries.id, delivery.id),
        inArray(ehrDeliveries.status, ["accepted", "failed"]),
      ),
    );
  deps.logger.warn("ehr.delivery_dead_lettered", { clinicId: delivery.clinicId, messageId: delivery.id, count: attempts });
}

/**
 * An error in words safe to keep: its name and first line. Drizzle puts the bound parameters (patient data)
 * on a later line of its message, so only the first line of the underlying cause is kept.
 */
export function safeErrorText(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const inner = error.cause instanceof Error ? error.cause : error;
  const firstLine = inner.message.split(/\n|\bparams\b/)[0] ?? "";
  return `${inner.name}: ${firstLine}`.replace(/\s+/g, " ").trim().slice(0, 160);
}

/** Keeps the last error of an attempt that threw, so the Events page and the dead-letter reason can say it. */
export async function noteAttemptError(deps: Deps, deliveryId: string, error: unknown): Promise<number> {
  const row = await deps.db
    .update(ehrDeliveries)
    .set({ reason: `attempt failed (${safeErrorText(error)})` })
    .where(and(eq(ehrDeliveries.id, deliveryId), inArray(ehrDeliveries.status, ["accepted", "failed"])))
    .returning({ attempts: ehrDeliveries.attempts })
    .get();
  return row?.attempts ?? 0;
}
