import { type Context, Hono } from "hono";
import { verifyingSecrets } from "../integrations/model";
import type { AppEnv } from "../platform/env";
import { sha256Hex } from "../platform/ids";
import { problem } from "../platform/problem";
import { classifyEnvelope, type Envelope } from "./envelope";
import { type IssueCode, operationOutcome } from "./fhir-out/outcome";
import { findWebhookIntegration, storeDelivery } from "./inbox";
import { type SignatureRefusal, verifyWebhookSignature } from "./signature";

/** Larger bodies are refused with 413 before they are verified or stored. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

const INTEGRATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

const refusalDetail: Record<SignatureRefusal, string> = {
  missing_headers: "The signature headers this integration's scheme needs are missing.",
  malformed_headers: "The signature headers are not in the expected format.",
  timestamp_out_of_tolerance: "The webhook-timestamp is more than 5 minutes from the current time.",
  no_matching_signature: "No signature matches this integration's secret.",
};

/** Reads the body, stopping as soon as it passes the limit, so an oversized post is never held whole. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | "too_large"> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return "too_large";
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** A FHIR sender expects an OperationOutcome when its payload is refused. */
function outcome(c: Context<AppEnv>, status: 400 | 415, code: IssueCode, diagnostics: string) {
  return c.body(JSON.stringify(operationOutcome(code, diagnostics)), status, { "Content-Type": "application/fhir+json" });
}

/** The refusal for a body that is not what it claims: an OperationOutcome for FHIR, plain text for HL7v2. */
function refuseEnvelope(c: Context<AppEnv>, envelope: Extract<Envelope, { ok: false }>) {
  if (envelope.problem === "unsupported_media_type") return outcome(c, 415, "not-supported", envelope.reason);
  if (envelope.problem === "not_hl7v2") return c.text(envelope.reason, 400);
  return outcome(c, 400, "invalid", envelope.reason);
}

/**
 * `POST /webhooks/ehr/{integrationId}`: an EHR's change notification. Verified, checked, stored in
 * the inbox and queued, then answered 202; the ehr-inbound consumer does the work. Nothing is
 * stored unless the signature and the envelope are good, and a redelivery is stored once.
 */
export const ehrWebhookRoutes = new Hono<AppEnv>();

ehrWebhookRoutes.post("/:integrationId", async (c) => {
  const deps = c.get("deps");
  const integrationId = c.req.param("integrationId");
  const integration = INTEGRATION_ID.test(integrationId) ? await findWebhookIntegration(deps.db, integrationId) : undefined;
  if (!integration) return problem(c, 404, "Unknown integration", "No active integration has this webhook URL.");

  const body = await readLimited(c.req.raw, MAX_WEBHOOK_BYTES);
  if (body === "too_large") return problem(c, 413, "Payload too large", `Webhook bodies are limited to ${MAX_WEBHOOK_BYTES} bytes.`);

  const now = deps.clock.now();
  const verified = await verifyWebhookSignature(
    integration.signatureScheme,
    c.req.raw.headers,
    body,
    verifyingSecrets(integration, now),
    now,
  );
  if (!verified.ok) {
    // Who and why, never what: the body may hold patient data.
    deps.logger.warn("security.ehr_webhook_signature_refused", {
      requestId: c.get("requestId"),
      route: c.req.routePath,
      clinicId: integration.clinicId,
      reason: verified.reason,
    });
    return problem(c, 401, "Invalid signature", refusalDetail[verified.reason]);
  }

  const envelope = classifyEnvelope(c.req.header("content-type"), body);
  if (!envelope.ok) return refuseEnvelope(c, envelope);

  const bodyHash = await sha256Hex(envelope.text);
  const stored = await storeDelivery(deps.db, {
    clinicId: integration.clinicId,
    integrationId: integration.id,
    deliveryKey: verified.deliveryId ?? `sha256:${bodyHash}`,
    format: envelope.format,
    contentType: envelope.mediaType,
    body: envelope.text,
    bodyHash,
    summary: envelope.summary,
    receivedAt: now,
  });
  if (!stored.isNew) return c.json({ id: stored.id, status: stored.status, duplicate: true }, 200);

  try {
    await deps.queues.ehrInbound.send({ v: 1, deliveryId: stored.id });
  } catch (error) {
    // The delivery is stored and stays "accepted": replay (or a sweep of accepted rows) picks it up,
    // so the sender is not asked to retry a delivery that is already safe.
    deps.logger.error("ehr_webhook.enqueue_failed", {
      requestId: c.get("requestId"),
      route: c.req.routePath,
      clinicId: integration.clinicId,
      messageId: stored.id,
      error,
    });
  }
  return c.json({ id: stored.id, status: "accepted" }, 202);
});
