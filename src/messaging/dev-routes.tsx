import { and, desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { OutboxPage } from "../../templates/dev/outbox.page";
import { findClinic } from "../clinics/repo";
import { clinics } from "../clinics/tables";
import { patients } from "../patients/tables";
import type { AppEnv, Deps } from "../platform/env";
import { formStrings } from "../platform/validate";
import { listOutbox } from "./outbox";
import { messages, outboxMessages } from "./tables";
import { signedUrl, twilioSignature } from "./twilio-signature";

/** /dev/outbox: the local provider's mailbox. Mounted only when APP_ENV is development. */
export const outboxRoutes = new Hono<AppEnv>();

const WEBHOOK_PATH = "/webhooks/sms/twilio";
const stamp = (at: number) => new Date(at).toISOString().slice(0, 19).replace("T", " ");

outboxRoutes.get("/outbox.json", async (c) => {
  const rows = await listOutbox(c.get("deps").db);
  return c.json(
    rows.map((m) => ({
      id: m.id,
      channel: m.channel,
      to: m.to,
      subject: m.subject,
      body: m.body,
      created_at: new Date(m.createdAt).toISOString(),
    })),
  );
});

/** Outbox rows with the status of the message each one delivered (the outbox adapter's id is the provider id). */
function outboxWithStatus(deps: Deps, limit = 200) {
  return deps.db
    .select({ outbox: outboxMessages, status: messages.status, reason: messages.suppressedReason, lastError: messages.lastError })
    .from(outboxMessages)
    .leftJoin(messages, and(eq(messages.provider, "outbox"), eq(messages.providerMessageId, outboxMessages.id)))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
}

/** Suppressed messages never reach the outbox: the latest ones, so a developer sees why a reminder did not go. */
function latestSuppressed(deps: Deps, limit = 20) {
  return deps.db
    .select({ message: messages, givenName: patients.givenName, familyName: patients.familyName, clinicName: clinics.name })
    .from(messages)
    .innerJoin(patients, eq(patients.id, messages.patientId))
    .innerJoin(clinics, eq(clinics.id, messages.clinicId))
    .where(eq(messages.status, "suppressed"))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
}

outboxRoutes.get("/outbox", async (c) => {
  const deps = c.get("deps");
  const [rows, suppressed] = await Promise.all([outboxWithStatus(deps), latestSuppressed(deps)]);
  const notice = c.req.query("notice");
  return c.html(
    <OutboxPage
      messages={rows.map(({ outbox: m, status, reason, lastError }) => ({
        ...m,
        createdAt: stamp(m.createdAt),
        status,
        statusReason: reason ?? lastError,
        canReply: m.channel === "sms" && Boolean(m.clinicId),
      }))}
      suppressed={suppressed.map((s) => ({
        id: s.message.id,
        createdAt: stamp(s.message.createdAt),
        clinicName: s.clinicName,
        patientName: `${s.givenName} ${s.familyName}`,
        channel: s.message.channel,
        to: s.message.toAddress,
        purpose: (s.message.purpose ?? "message").replaceAll("_", " "),
        reason: s.message.suppressedReason ?? "unknown",
      }))}
      notice={notice ? { ok: c.req.query("ok") === "1", text: notice.slice(0, 500) } : undefined}
      csrfToken={c.get("staff")?.csrfToken}
    />,
  );
});

const replySchema = z.object({ id: z.string().min(1).max(80), text: z.string().trim().min(1).max(1600) });

const randomHex = (bytes: number) =>
  [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

/** The URL Twilio signs: the public origin when PUBLIC_URL is set, as src/messaging/webhook-routes.ts verifies it. */
function signedWebhookUrl(deps: Deps, requestUrl: string): string {
  return signedUrl(new URL(WEBHOOK_PATH, requestUrl).toString(), deps.vars.PUBLIC_URL);
}

/**
 * "Reply as this patient": builds the form Twilio would post for a text from the patient's phone
 * to the clinic's number, signs it with TWILIO_AUTH_TOKEN and hands it to the real webhook
 * in-process, so the whole inbound path (signature, intent, journey) runs as in production.
 */
outboxRoutes.post("/outbox/reply", async (c) => {
  const deps = c.get("deps");
  const back = (ok: boolean, text: string) => c.redirect(`/dev/outbox?ok=${ok ? 1 : 0}&notice=${encodeURIComponent(text)}`, 303);
  const parsed = replySchema.safeParse(formStrings(await c.req.parseBody()));
  if (!parsed.success) return back(false, "Write a reply first.");
  const item = await deps.db.select().from(outboxMessages).where(eq(outboxMessages.id, parsed.data.id)).get();
  if (item?.channel !== "sms" || !item.clinicId) return back(false, "That outbox item is not a text to a patient.");
  const clinic = await findClinic(deps.db, item.clinicId);
  if (!clinic?.smsNumber) {
    return back(false, `${clinic?.name ?? "This clinic"} has no SMS number, so a reply cannot reach it: set one in Settings → Messages.`);
  }
  const token = deps.vars.TWILIO_AUTH_TOKEN;
  if (!token) return back(false, "TWILIO_AUTH_TOKEN is not set (see .dev.vars): the webhook would refuse every request.");

  const sid = `SM${randomHex(16)}`;
  const params: Record<string, string> = {
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    AccountSid: `AC${randomHex(16)}`,
    From: item.to,
    To: clinic.smsNumber,
    Body: parsed.data.text,
    NumMedia: "0",
    NumSegments: "1",
    SmsStatus: "received",
    ApiVersion: "2010-04-01",
  };
  const requestUrl = new URL(WEBHOOK_PATH, c.req.url).toString();
  const signature = await twilioSignature(token, signedWebhookUrl(deps, c.req.url), params);
  // Imported here, not at the top: app.tsx imports this module.
  const { createApp } = await import("../app");
  const res = await createApp(deps).request(
    requestUrl,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: new URLSearchParams(params).toString(),
    },
    c.env,
  );
  if (res.status !== 200) return back(false, `The webhook refused the reply: ${res.status} ${(await res.text()).slice(0, 120)}`);
  const inbound = await deps.db
    .select({ intent: messages.intent })
    .from(messages)
    .where(and(eq(messages.provider, "twilio"), eq(messages.providerMessageId, sid)))
    .get();
  if (!inbound) return back(false, `The webhook accepted it, but no patient of ${clinic.name} has the number ${item.to}.`);
  return back(
    true,
    `Replied “${parsed.data.text}” from ${item.to} to ${clinic.smsNumber}: read as “${inbound.intent ?? "other"}”. See the inbox.`,
  );
});
