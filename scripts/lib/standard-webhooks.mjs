// Standard Webhooks signing for the command-line tools (Node crypto): HMAC-SHA256 over "id.timestamp.body".
import { createHmac, randomBytes } from "node:crypto";

export function signedHeaders(
  secret,
  body,
  { id = `msg_${randomBytes(12).toString("hex")}`, timestamp = Math.floor(Date.now() / 1000) } = {},
) {
  const key = secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret, "utf8");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${signature}` };
}

export function contentTypeOf(file) {
  if (/\.(hl7|er7)$/i.test(file)) return "x-application/hl7-v2+er7";
  return "application/fhir+json";
}
