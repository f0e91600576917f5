import { and, eq, isNull } from "drizzle-orm";
import { integrations } from "../integrations/tables";
import type { Db } from "../platform/db";
import { newId } from "../platform/ids";
import { type EhrDeliveryStatus, type EhrPayloadFormat, ehrDeliveries } from "./tables";

/** What the webhook route needs of an integration to verify a delivery and file it under its clinic. */
export type WebhookIntegration = Pick<
  typeof integrations.$inferSelect,
  "id" | "clinicId" | "signatureScheme" | "secret" | "previousSecret" | "previousSecretExpiresAt"
>;

/** The integration a webhook URL names, if it exists and is not disabled. */
export async function findWebhookIntegration(db: Db, integrationId: string): Promise<WebhookIntegration | undefined> {
  return db
    .select({
      id: integrations.id,
      clinicId: integrations.clinicId,
      signatureScheme: integrations.signatureScheme,
      secret: integrations.secret,
      previousSecret: integrations.previousSecret,
      previousSecretExpiresAt: integrations.previousSecretExpiresAt,
    })
    .from(integrations)
    .where(and(eq(integrations.id, integrationId), isNull(integrations.disabledAt)))
    .get();
}

export interface IncomingDelivery {
  clinicId: string;
  integrationId: string;
  /** The sender's delivery id (webhook-id), else "sha256:" + the body hash. */
  deliveryKey: string;
  format: EhrPayloadFormat;
  contentType: string;
  body: string;
  bodyHash: string;
  summary: string;
  receivedAt: number;
}

export type StoredDelivery = { id: string; isNew: true } | { id: string; isNew: false; status: EhrDeliveryStatus };

/**
 * Stores a delivery in the inbox once: the unique (integration, delivery key) index makes a
 * redelivery a no-op, however many arrive at the same moment. A duplicate returns the first row.
 */
export async function storeDelivery(db: Db, delivery: IncomingDelivery): Promise<StoredDelivery> {
  const id = newId(delivery.receivedAt);
  const inserted = await db
    .insert(ehrDeliveries)
    .values({ id, ...delivery, status: "accepted" })
    .onConflictDoNothing({ target: [ehrDeliveries.integrationId, ehrDeliveries.deliveryKey] })
    .returning({ id: ehrDeliveries.id })
    .get();
  if (inserted) return { id: inserted.id, isNew: true };
  const existing = await db
    .select({ id: ehrDeliveries.id, status: ehrDeliveries.status })
    .from(ehrDeliveries)
    .where(
      and(
        eq(ehrDeliveries.clinicId, delivery.clinicId),
        eq(ehrDeliveries.integrationId, delivery.integrationId),
        eq(ehrDeliveries.deliveryKey, delivery.deliveryKey),
      ),
    )
    .get();
  // The insert was refused by the unique index, so the row exists; its absence would be a broken invariant.
  if (!existing) throw new Error("ehr delivery conflict without a stored row");
  return { id: existing.id, isNew: false, status: existing.status };
}
