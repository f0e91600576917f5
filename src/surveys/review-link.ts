import { base64url, timingSafeEqual } from "../platform/ids";

/**
 * The review link a promoter gets: `/p/r/{answerId}.{mac}`, where mac is an HMAC-SHA256 of the answer id
 * under the app's portal secret (the key that signs portal sessions), labelled so it can sign nothing else.
 * Unguessable (128-bit tag), short enough for a text, and free of patient data: the answer id is opaque.
 * Opening it records the open and sends the patient on to the clinic's review page.
 */

const LABEL = "rapport:survey-review-link:v1:";
const TOKEN = /^([0-9a-z]{26})\.([A-Za-z0-9_-]{22})$/;

async function macOf(secret: string, answerId: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const tag = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(LABEL + answerId));
  return base64url(new Uint8Array(tag).slice(0, 16));
}

export async function reviewToken(secret: string, answerId: string): Promise<string> {
  return `${answerId}.${await macOf(secret, answerId)}`;
}

/** The answer id a token names, or null when it is malformed or its tag does not match. */
export async function answerIdOfReviewToken(secret: string, token: string): Promise<string | null> {
  const m = TOKEN.exec(token);
  const [answerId, mac] = [m?.[1], m?.[2]];
  if (!answerId || !mac) return null;
  return timingSafeEqual(mac, await macOf(secret, answerId)) ? answerId : null;
}

export const reviewPath = (token: string) => `/p/r/${token}`;
