import { secretKeyBytes } from "../integrations/model";
import type { SignatureScheme } from "../integrations/tables";

/** Standard Webhooks: a timestamp more than 5 minutes away from now (either way) is refused, so a captured request cannot be replayed later. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

/** Anything with a case-insensitive `get`, like the Fetch API's Headers. */
export interface HeaderReader {
  get(name: string): string | null;
}

export type SignatureRefusal =
  /** A header the scheme needs is absent or empty. */
  | "missing_headers"
  /** A header is there but unreadable (a timestamp that is not a number, an id that is too long). */
  | "malformed_headers"
  /** Standard Webhooks only: the timestamp is more than 5 minutes old or ahead. */
  | "timestamp_out_of_tolerance"
  /** Well-formed, but no signature matches any secret that verifies now. */
  | "no_matching_signature";

export type Verification =
  /** `deliveryId`: the sender's id for this delivery, when the scheme carries one (webhook-id). */
  { ok: true; deliveryId: string | null } | { ok: false; reason: SignatureRefusal };

/** A webhook-id is stored as the inbox's delivery key: visible ASCII, bounded. */
const WEBHOOK_ID = /^[\x21-\x7e]{1,200}$/;
const TIMESTAMP = /^\d{1,12}$/;

const encoder = new TextEncoder();

async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, data));
}

/** Compares every byte whatever the first difference, so the time taken tells an attacker nothing. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function fromBase64(b64: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function concat(prefix: Uint8Array, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix);
  out.set(body, prefix.length);
  return out;
}

/** True when one of `presented` equals the HMAC of `content` under one of the keys. */
async function anyMatches(keys: Uint8Array[], content: Uint8Array, presented: Uint8Array[]): Promise<boolean> {
  if (presented.length === 0) return false;
  for (const key of keys) {
    const expected = await hmacSha256(key, content);
    // Every candidate is compared (no early exit inside a key), so timing does not reveal which one was close.
    let matched = false;
    for (const candidate of presented) matched = constantTimeEqual(candidate, expected) || matched;
    if (matched) return true;
  }
  return false;
}

/**
 * The Standard Webhooks signature header value ("v1,<base64>") for a message: HMAC-SHA256 of
 * `${id}.${timestampSeconds}.${body}` keyed by the secret's bytes ("whsec_" secrets are base64-decoded).
 * Used by outbound webhooks and by tests that play the sender.
 */
export async function signStandardWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string | Uint8Array,
): Promise<string> {
  const bytes = typeof body === "string" ? encoder.encode(body) : body;
  const mac = await hmacSha256(secretKeyBytes(secret), concat(encoder.encode(`${id}.${timestampSeconds}.`), bytes));
  return `v1,${toBase64(mac)}`;
}

async function verifyStandardWebhooks(headers: HeaderReader, body: Uint8Array, secrets: string[], now: number): Promise<Verification> {
  const id = headers.get("webhook-id")?.trim();
  const timestamp = headers.get("webhook-timestamp")?.trim();
  const signatures = headers.get("webhook-signature")?.trim();
  if (!id || !timestamp || !signatures) return { ok: false, reason: "missing_headers" };
  if (!WEBHOOK_ID.test(id) || !TIMESTAMP.test(timestamp)) return { ok: false, reason: "malformed_headers" };
  if (Math.abs(Math.floor(now / 1000) - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS) {
    return { ok: false, reason: "timestamp_out_of_tolerance" };
  }
  // Several signatures, space-separated, let a sender sign with an old and a new secret during a rotation.
  // Only "v1" (symmetric HMAC) is ours; other versions (v1a: asymmetric) are ignored, not errors.
  const presented = signatures
    .split(" ")
    .filter((s) => s.startsWith("v1,"))
    .map((s) => fromBase64(s.slice(3)))
    .filter((s): s is Uint8Array => s !== null);
  const content = concat(encoder.encode(`${id}.${timestamp}.`), body);
  const matched = await anyMatches(secrets.map(secretKeyBytes), content, presented);
  return matched ? { ok: true, deliveryId: id } : { ok: false, reason: "no_matching_signature" };
}

/**
 * athenahealth's `X-Hub-Signature: sha256=<hex>` (GitHub's `X-Hub-Signature-256` too) and Medplum's
 * `X-Signature: <hex>`: HMAC-SHA256 of the raw body. These senders key the HMAC with the secret
 * string exactly as configured, so its UTF-8 bytes are the key even when it looks like "whsec_...".
 */
async function verifyBodyHmac(header: string | undefined, prefix: string, body: Uint8Array, secrets: string[]): Promise<Verification> {
  if (!header) return { ok: false, reason: "missing_headers" };
  if (!header.toLowerCase().startsWith(prefix)) return { ok: false, reason: "malformed_headers" };
  const presented = fromHex(header.slice(prefix.length));
  if (!presented) return { ok: false, reason: "malformed_headers" };
  const matched = await anyMatches(
    secrets.map((s) => encoder.encode(s)),
    body,
    [presented],
  );
  return matched ? { ok: true, deliveryId: null } : { ok: false, reason: "no_matching_signature" };
}

/**
 * Checks an inbound webhook's signature over the exact raw bytes received, against every secret
 * that verifies now (the current one and, for 24 h after a rotation, the previous one).
 */
export async function verifyWebhookSignature(
  scheme: SignatureScheme,
  headers: HeaderReader,
  body: Uint8Array,
  secrets: string[],
  now: number,
): Promise<Verification> {
  if (secrets.length === 0) return { ok: false, reason: "no_matching_signature" };
  switch (scheme) {
    case "standard_webhooks":
      return verifyStandardWebhooks(headers, body, secrets, now);
    case "hub_signature": {
      const header = headers.get("x-hub-signature") ?? headers.get("x-hub-signature-256");
      return verifyBodyHmac(header?.trim(), "sha256=", body, secrets);
    }
    case "medplum":
      return verifyBodyHmac(headers.get("x-signature")?.trim(), "", body, secrets);
  }
}
