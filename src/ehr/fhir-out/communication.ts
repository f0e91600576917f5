import type { MessageStatus, messages } from "../../messaging/tables";
import { type FhirJson, instant, meta, patientReference, prune, systems } from "./common";

export type MessageRow = typeof messages.$inferSelect;

/**
 * Message statuses as Communication.status: waiting to go -> preparation, going -> in-progress,
 * gone or received -> completed; never sent (failed, suppressed by consent or caps, cancelled) -> not-done
 * with the reason as statusReason.
 */
export const communicationStatus: Record<MessageStatus, string> = {
  scheduled: "preparation",
  queued: "preparation",
  sending: "in-progress",
  sent: "completed",
  delivered: "completed",
  received: "completed",
  failed: "not-done",
  suppressed: "not-done",
  cancelled: "not-done",
};

/** R4 Communication.status codes (event-status): a search may name any of them. */
export const communicationStatuses = [
  "preparation",
  "in-progress",
  "not-done",
  "on-hold",
  "stopped",
  "completed",
  "entered-in-error",
  "unknown",
] as const;

const media: Record<MessageRow["channel"], { code: string; display: string; text: string }> = {
  sms: { code: "WRITTEN", display: "written", text: "SMS" },
  email: { code: "EMAILWRIT", display: "email", text: "Email" },
  portal: { code: "ONLINEWRIT", display: "online written", text: "Patient portal" },
};

/** A text, email or portal message to or from a patient, with its body. */
export function communicationResource(m: MessageRow): FhirJson {
  const status = communicationStatus[m.status];
  const medium = media[m.channel];
  const done = status === "completed";
  return prune({
    resourceType: "Communication",
    id: m.id,
    meta: meta(m.updatedAt),
    status,
    statusReason: status === "not-done" ? { text: m.status === "suppressed" && m.suppressedReason ? m.suppressedReason : m.status } : null,
    category: [{ coding: [{ system: systems.messageCategory, code: m.category }], text: m.purpose }],
    medium: [{ coding: [{ system: systems.participationMode, code: medium.code, display: medium.display }], text: medium.text }],
    subject: patientReference(m.patientId),
    topic: m.subject ? { text: m.subject } : null,
    about: m.appointmentId ? [{ reference: `Appointment/${m.appointmentId}` }] : null,
    sent: done && m.direction === "outbound" ? instant(m.sendAt) : m.direction === "inbound" ? instant(m.createdAt) : null,
    received: m.direction === "inbound" ? instant(m.createdAt) : null,
    recipient: m.direction === "outbound" ? [patientReference(m.patientId)] : null,
    sender: m.direction === "inbound" ? patientReference(m.patientId) : null,
    payload: [{ contentString: m.body }],
  });
}
