import { timingSafeEqual } from "../platform/ids";

/**
 * Twilio's request signature: base64(HMAC-SHA1(authToken, url + each POST field name and value,
 * sorted by name)). https://www.twilio.com/docs/usage/security#validating-requests
 */
export async function twilioSignature(authToken: string, url: string, params: Record<string, string>): Promise<string> {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)));
  let binary = "";
  for (const b of mac) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Constant-time check of X-Twilio-Signature. */
export async function verifyTwilioSignature(authToken: string, url: string, params: Record<string, string>, signature: string | undefined) {
  if (!signature) return false;
  return timingSafeEqual(await twilioSignature(authToken, url, params), signature);
}

/** The URL Twilio signs: our public origin (PUBLIC_URL when set) with the request's path and query. */
export function signedUrl(requestUrl: string, publicUrl: string | undefined): string {
  const url = new URL(requestUrl);
  return publicUrl ? `${new URL(publicUrl).origin}${url.pathname}${url.search}` : url.toString();
}
