import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../platform/env";
import { handleInboundSms } from "./inbound";
import { updateDeliveryStatus } from "./status";
import { signedUrl, verifyTwilioSignature } from "./twilio-signature";

/** Twilio posts at most 1,600 characters of text; anything much larger is not Twilio. */
const MAX_BODY_BYTES = 8_192;

const inboundSchema = z.object({
  MessageSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/),
  From: z.string().regex(/^\+[1-9]\d{6,14}$/),
  To: z.string().regex(/^\+[1-9]\d{6,14}$/),
  Body: z.string().max(1600),
});

const statusSchema = z.object({
  MessageSid: z.string().regex(/^[A-Za-z0-9-]{10,64}$/),
  MessageStatus: z.string().max(30),
  ErrorCode: z.string().max(10).optional(),
});

const twiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Verifies Twilio's signature over the public URL and the form fields; null means refuse. */
async function signedForm(c: import("hono").Context<AppEnv>): Promise<Record<string, string> | "too_large" | "malformed" | null> {
  const deps = c.get("deps");
  const token = deps.vars.TWILIO_AUTH_TOKEN;
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) return "too_large";
  const raw = await c.req.text();
  if (raw.length > MAX_BODY_BYTES) return "too_large";
  if (!(c.req.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) return "malformed";
  let params: Record<string, string>;
  try {
    params = {};
    for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
    decodeURIComponent(raw.replaceAll("+", " "));
  } catch {
    return "malformed";
  }
  const publicUrl = signedUrl(c.req.url, deps.vars.PUBLIC_URL);
  if (!token || !(await verifyTwilioSignature(token, publicUrl, params, c.req.header("x-twilio-signature")))) {
    deps.logger.warn("security.twilio_signature_refused", { requestId: c.get("requestId"), route: c.req.routePath });
    return null;
  }
  return params;
}

export const twilioWebhookRoutes = new Hono<AppEnv>();

twilioWebhookRoutes.post("/", async (c) => {
  const form = await signedForm(c);
  if (form === "too_large") return c.text("Payload too large", 413);
  if (form === "malformed") return c.text("Malformed form body", 400);
  if (!form) return c.text("Invalid signature", 403);
  const parsed = inboundSchema.safeParse(form);
  if (!parsed.success) return c.text("Missing or invalid fields", 400);
  if (parsed.data.Body.trim() === "") return c.body(twiml, 200, { "content-type": "text/xml" });
  const outcome = await handleInboundSms(c.get("deps"), {
    messageSid: parsed.data.MessageSid,
    from: parsed.data.From,
    to: parsed.data.To,
    body: parsed.data.Body,
  });
  if (outcome.status === "unknown_number" || outcome.status === "unknown_patient") {
    c.get("deps").logger.warn("inbound.unmatched", { requestId: c.get("requestId"), reason: outcome.status });
  }
  // Replies go out through the message pipeline, never as TwiML, so consent and logging apply.
  return c.body(twiml, 200, { "content-type": "text/xml" });
});

twilioWebhookRoutes.post("/status", async (c) => {
  const form = await signedForm(c);
  if (form === "too_large") return c.text("Payload too large", 413);
  if (form === "malformed") return c.text("Malformed form body", 400);
  if (!form) return c.text("Invalid signature", 403);
  const parsed = statusSchema.safeParse(form);
  if (!parsed.success) return c.text("Missing or invalid fields", 400);
  await updateDeliveryStatus(c.get("deps"), parsed.data.MessageSid, parsed.data.MessageStatus, parsed.data.ErrorCode ?? null);
  return c.body(null, 204);
});
