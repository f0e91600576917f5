import type { DomainEvent } from "../events/publish";
import { consents } from "../patients/tables";
import type { BatchItem, Db } from "../platform/db";
import { newId } from "../platform/ids";
import { cancelPendingMessages } from "./repo";

export interface ConsentChange {
  clinicId: string;
  patientId: string;
  channel: "sms" | "email";
  status: "granted" | "revoked";
  /** "sms_keyword": STOP/START by text; "patient": the patient's own portal page. */
  source: "sms_keyword" | "patient";
  now: number;
}

/**
 * A patient's own consent change, the same whichever way they made it: a new consent row (the
 * history is append-only), on opt-out every pending non-transactional message on that channel
 * cancelled, and the consent.changed event the journey listens to. Returned, not run, so the
 * caller commits it in one batch with its own rows (the inbound text, an audit row).
 */
export function recordConsentChange(db: Db, c: ConsentChange): { statements: BatchItem[]; event: DomainEvent } {
  const row = db.insert(consents).values({
    id: newId(c.now),
    clinicId: c.clinicId,
    patientId: c.patientId,
    channel: c.channel,
    status: c.status,
    source: c.source,
    recordedAt: c.now,
  });
  return {
    statements: c.status === "revoked" ? [row, cancelPendingMessages(db, c.clinicId, c.patientId, c.channel, c.now)] : [row],
    event: { type: "consent.changed", patientId: c.patientId, payload: { channel: c.channel, status: c.status, source: c.source } },
  };
}
