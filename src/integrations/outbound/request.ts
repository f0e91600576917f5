import { signStandardWebhook } from "../../ehr/signature";

/** How an outbound webhook leaves: injectable, so tests (and nothing else) swap the network out. */
export type HttpSender = (url: string, init: RequestInit) => Promise<Response>;

export const fetchSender: HttpSender = (url, init) => fetch(url, init);

/**
 * The stable Standard Webhooks id of a delivery: the same on every retry and replay, so a receiver
 * that has processed it once can ignore it.
 */
export const webhookIdOf = (deliveryId: string) => `msg_${deliveryId}`;

/**
 * The request a receiver gets: the stored payload bytes as the body, signed with the integration's
 * current secret over `${webhook-id}.${webhook-timestamp}.${body}` (timestamp: seconds, at send time).
 */
export async function signedWebhookRequest(delivery: { id: string; payload: string }, secret: string, nowMs: number): Promise<RequestInit> {
  const id = webhookIdOf(delivery.id);
  const timestamp = Math.floor(nowMs / 1000);
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Rapport-Webhooks/1",
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": await signStandardWebhook(secret, id, timestamp, delivery.payload),
    },
    body: delivery.payload,
    // A redirect is a failure, not something to follow: the clinic configured exactly this URL.
    redirect: "manual",
  };
}

/**
 * Where webhooks may go: https, or plain http outside production (a receiver on a developer's machine).
 * Null when the URL is acceptable, otherwise the reason shown in the delivery log.
 */
export function deliveryUrlProblem(url: string, appEnv: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "the delivery URL is not a URL";
  }
  if (parsed.protocol === "https:") return null;
  if (parsed.protocol === "http:" && appEnv !== "production") return null;
  return "the delivery URL must use https";
}
