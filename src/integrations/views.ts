// Rows -> the props the integration templates take: times in the clinic's zone, JSON columns read.
import type { ApiKeyView } from "../../templates/settings/integrations/api-keys.page";
import type { IntegrationDetailView } from "../../templates/settings/integrations/detail.page";
import type { DeliveryRowView } from "../../templates/settings/integrations/events.page";
import type { IntegrationListItem } from "../../templates/settings/integrations/list.page";
import type { ehrDeliveries } from "../ehr/tables";
import { fullTime } from "../patients/overview";
import { parseScopes, parseSubscribedEvents } from "./model";
import type { ApiKeyRow, IntegrationRow } from "./repo";

export const at = (ms: number, timeZone: string) => fullTime(ms, timeZone);
const atOrNull = (ms: number | null, timeZone: string) => (ms === null ? null : fullTime(ms, timeZone));

export const webhookUrlOf = (origin: string, integrationId: string) => `${origin}/webhooks/ehr/${integrationId}`;

export function listItem(i: IntegrationRow): IntegrationListItem {
  return {
    id: i.id,
    name: i.name,
    kind: i.kind,
    scheme: i.signatureScheme,
    disabled: i.disabledAt !== null,
    sendsEvents: i.deliveryUrl ? parseSubscribedEvents(i.subscribedEvents).length : 0,
  };
}

export function detailView(i: IntegrationRow, origin: string, timeZone: string, now: number): IntegrationDetailView {
  const graceLeft = i.previousSecret !== null && i.previousSecretExpiresAt !== null && i.previousSecretExpiresAt > now;
  return {
    id: i.id,
    name: i.name,
    kind: i.kind,
    scheme: i.signatureScheme,
    webhookUrl: webhookUrlOf(origin, i.id),
    deliveryUrl: i.deliveryUrl,
    subscribedEvents: parseSubscribedEvents(i.subscribedEvents),
    disabled: i.disabledAt !== null,
    createdAt: at(i.createdAt, timeZone),
    disabledAt: atOrNull(i.disabledAt, timeZone),
    previousSecretUntil: graceLeft && i.previousSecretExpiresAt ? at(i.previousSecretExpiresAt, timeZone) : null,
  };
}

export function apiKeyView(k: ApiKeyRow, integrationNames: Map<string, string>, timeZone: string): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: parseScopes(k.scopes),
    integration: k.integrationId ? (integrationNames.get(k.integrationId) ?? "removed integration") : null,
    createdAt: at(k.createdAt, timeZone),
    lastUsedAt: atOrNull(k.lastUsedAt, timeZone),
    revokedAt: atOrNull(k.revokedAt, timeZone),
  };
}

const tallyWords = ["applied", "unchanged", "skipped", "failed"] as const;

/**
 * The stored outcome (per resource type: applied / unchanged / skipped / failed counts) in a line:
 * "Patient: 1 applied · Appointment: 2 unchanged, 1 skipped". Tolerates a missing or odd column.
 */
export function outcomeText(json: string | null): string | null {
  if (!json) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  const parts: string[] = [];
  for (const [type, tally] of Object.entries(parsed as Record<string, unknown>)) {
    if (!tally || typeof tally !== "object") continue;
    const counts = tally as Record<string, unknown>;
    const words = tallyWords.filter((w) => typeof counts[w] === "number" && (counts[w] as number) > 0).map((w) => `${counts[w]} ${w}`);
    if (words.length > 0) parts.push(`${type}: ${words.join(", ")}`);
  }
  return parts.length > 0 ? parts.join(" · ") : "nothing";
}

type DeliveryListRow = Pick<
  typeof ehrDeliveries.$inferSelect,
  "id" | "format" | "summary" | "status" | "reason" | "outcome" | "attempts" | "receivedAt"
>;

export function deliveryRowView(d: DeliveryListRow, timeZone: string): DeliveryRowView {
  return {
    id: d.id,
    receivedAt: at(d.receivedAt, timeZone),
    summary: d.summary,
    format: d.format,
    status: d.status,
    reason: d.reason,
    attempts: d.attempts,
    outcome: outcomeText(d.outcome),
  };
}

/** HL7v2 separates segments with a lone CR, which a browser does not show as a line break. */
export const displayBody = (body: string, format: string) => (format === "hl7v2" ? body.replace(/\r\n?/g, "\n") : body);
