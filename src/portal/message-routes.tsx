import { Hono } from "hono";
import { z } from "zod";
import { MessagesPage } from "../../templates/portal/messages";
import type { PortalLanguage } from "../../templates/portal/strings";
import { PORTAL_MESSAGE_MAX, patientConversation, receivePortalMessage } from "../messaging/portal-inbound";
import { recordAudit } from "../platform/audit";
import { type PortalContext as C, loadPortalPatient, type PortalEnv, type PortalPatient, patientActor } from "./context";

/** /portal/messages: the patient's conversation with the clinic, and a form to write (behind the step-up check). */
export const messagePortalRoutes = new Hono<PortalEnv>();

// The latest 30: at up to 1,000 characters each the page stays under the portal's 50 KB (a test loads a long thread).
const THREAD_LIMIT = 30;

const messageSchema = z.object({
  // Line endings from browsers are CRLF; counted as one character, as the textarea counts them.
  text: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "messagesEmptyError").max(PORTAL_MESSAGE_MAX, "messagesTooLong")),
});

const timeFormat = (lang: PortalLanguage, zone: string) =>
  new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { timeZone: zone, dateStyle: "medium", timeStyle: "short" });

async function render(
  c: C,
  p: PortalPatient,
  extra: { sent?: boolean; error?: "messagesTooLong" | "messagesEmptyError"; text?: string } = {},
  status: 200 | 422 = 200,
) {
  const rows = await patientConversation(c.get("deps"), p.clinic.id, p.patient.id, THREAD_LIMIT);
  const format = timeFormat(p.lang, p.zone);
  return c.html(
    <MessagesPage
      lang={p.lang}
      clinicName={p.clinic.name}
      csrf={c.get("portal").csrf}
      messages={rows.map((m) => ({
        id: m.id,
        fromPatient: m.direction === "inbound",
        channel: m.channel,
        at: format.format(m.sendAt),
        subject: m.subject,
        body: m.body,
      }))}
      truncated={rows.length >= THREAD_LIMIT}
      {...extra}
    />,
    status,
  );
}

messagePortalRoutes.get("/messages", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  await recordAudit(c.get("deps"), patientActor(c), "portal.messages.view", p.patient.id);
  return render(c, p, { sent: c.req.query("sent") === "1" });
});

messagePortalRoutes.post("/messages", async (c) => {
  const p = await loadPortalPatient(c);
  if (!p) return c.notFound();
  const body = await c.req.parseBody();
  const parsed = messageSchema.safeParse({ text: typeof body.text === "string" ? body.text : "" });
  if (!parsed.success) {
    const error = parsed.error.issues[0]?.message === "messagesTooLong" ? "messagesTooLong" : "messagesEmptyError";
    // Give back what they wrote (cut to the form's limit) so nothing typed is lost.
    return render(c, p, { error, text: typeof body.text === "string" ? body.text.slice(0, 4 * PORTAL_MESSAGE_MAX) : "" }, 422);
  }
  await receivePortalMessage(c.get("deps"), patientActor(c), parsed.data.text);
  return c.redirect("/portal/messages?sent=1", 303);
});
