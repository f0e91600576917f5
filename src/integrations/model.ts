import { z } from "zod";
import { DAY } from "../platform/clock";
import { base64url, randomToken, sha256Hex } from "../platform/ids";
import { type ApiScope, apiScopes, type OutboundEventType, outboundEventTypes } from "./tables";

/** How long a rotated-out signing secret still verifies, so senders can switch over. */
export const PREVIOUS_SECRET_GRACE_MS = DAY;

/** A Standard Webhooks secret: "whsec_" + base64 of 32 random bytes (the key is the decoded bytes). */
export function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return `whsec_${btoa(s)}`;
}

/**
 * The HMAC key bytes of a signing secret. Standard Webhooks secrets ("whsec_<base64>") use the decoded
 * bytes; any other secret (athenahealth's, Medplum's) is used as its UTF-8 bytes.
 */
export function secretKeyBytes(secret: string): Uint8Array {
  if (secret.startsWith("whsec_")) {
    const raw = atob(secret.slice("whsec_".length));
    return Uint8Array.from(raw, (ch) => ch.charCodeAt(0));
  }
  return new TextEncoder().encode(secret);
}

/** The secrets that verify at `now`: the current one, and the previous one inside its grace period. */
export function verifyingSecrets(
  i: { secret: string; previousSecret: string | null; previousSecretExpiresAt: number | null },
  now: number,
): string[] {
  const out = [i.secret];
  if (i.previousSecret && i.previousSecretExpiresAt && i.previousSecretExpiresAt > now) out.push(i.previousSecret);
  return out;
}

/** API keys look like "rk_live_<43 chars>"; only their SHA-256 is stored, the first 12 chars are shown. */
export function newApiKey(): string {
  return `rk_live_${randomToken(32)}`;
}
export const apiKeyHash = (key: string) => sha256Hex(key);
export const apiKeyPrefix = (key: string) => key.slice(0, 12);

const scopesSchema = z.array(z.enum(apiScopes));
export function parseScopes(json: string): ApiScope[] {
  const parsed = scopesSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

const eventsSchema = z.array(z.enum(outboundEventTypes));
export function parseSubscribedEvents(json: string): OutboundEventType[] {
  const parsed = eventsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

/** A webhook id for outbound deliveries ("msg_" + random), as Standard Webhooks suggests. */
export const newWebhookMessageId = () => `msg_${base64url(crypto.getRandomValues(new Uint8Array(16)))}`;
