import { and, eq, inArray } from "drizzle-orm";
import type { Deps } from "../platform/env";
import { type MessageStatus, messages } from "./tables";

/** Twilio's delivery states mapped to ours; intermediate ones change nothing. */
const twilioToOurs: Record<string, MessageStatus | undefined> = {
  sent: "sent",
  delivered: "delivered",
  undelivered: "failed",
  failed: "failed",
};

/** Status callbacks only move a message forward: a late "sent" never overwrites "delivered". */
export async function updateDeliveryStatus(deps: Deps, providerMessageId: string, providerStatus: string, errorCode: string | null) {
  const next = twilioToOurs[providerStatus];
  if (!next) return;
  const from: MessageStatus[] = next === "sent" ? ["sending", "queued"] : ["sending", "queued", "sent"];
  await deps.db
    .update(messages)
    .set({ status: next, lastError: errorCode ? `provider error ${errorCode}` : null, updatedAt: deps.clock.now() })
    .where(and(eq(messages.providerMessageId, providerMessageId), eq(messages.direction, "outbound"), inArray(messages.status, from)));
}
