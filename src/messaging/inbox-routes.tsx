import { type Context, Hono } from "hono";
import { z } from "zod";
import type { FieldErrors } from "../../templates/components/form";
import { ThreadControls, type ThreadControlsProps } from "../../templates/inbox/controls.partial";
import { Conversation, type ConversationProps, type MessageView, type ReplyResult } from "../../templates/inbox/conversation.partial";
import { InboxPage } from "../../templates/inbox/list.page";
import { ThreadPage } from "../../templates/inbox/thread.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { displayName } from "../patients/model";
import { fullTime } from "../patients/overview";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { isHtmx } from "../platform/htmx";
import { fieldErrors, formStrings } from "../platform/validate";
import * as inbox from "./inbox-service";
import type { MessageRow } from "./repo";

/** /inbox: two-way SMS and email with patients, for all staff (requireStaff where mounted). */
export const inboxRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
const notFound = () => new AppError("not_found", "No such patient.");

const filterSchema = z.enum(["open", "mine", "done", "all"]).catch("open");
const replySchema = z.object({
  channel: z.enum(["sms", "email"], { message: "Choose how to send the reply" }),
  text: z.string().trim().min(1, "Write a reply first").max(1000, "At most 1,000 characters"),
  overrideQuietHours: z.literal("on").optional(),
});
const assignSchema = z.object({ assigneeId: z.string().max(80).default("") });
const statusSchema = z.object({ status: z.enum(["open", "done"]) });

const statusWords: Record<MessageRow["status"], string> = {
  scheduled: "Scheduled",
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  delivered: "Delivered",
  failed: "Failed",
  suppressed: "Not sent",
  received: "Received",
  cancelled: "Cancelled",
};

function messageView(m: MessageRow, tz: string, staffNames: Map<string, string>, unread: boolean): MessageView {
  let by = "Patient";
  if (m.direction === "outbound") {
    if (m.sentBy) by = staffNames.get(m.sentBy) ?? "Staff";
    else by = `${m.category === "transactional" ? "Automatic reply" : "Automated"}: ${(m.purpose ?? "message").replaceAll("_", " ")}`;
  }
  const reason = m.status === "failed" ? (m.lastError ?? m.suppressedReason) : m.suppressedReason;
  return {
    id: m.id,
    direction: m.direction,
    channel: m.channel,
    at: fullTime(m.createdAt, tz),
    subject: m.subject,
    // A portal sign-in code is the patient's secret: staff see that one was sent, never the digits.
    body: m.purpose === "portal_code" ? "Sign-in code for the patient portal (hidden)" : m.body,
    status: m.status,
    statusText: m.status === "scheduled" ? `Scheduled for ${fullTime(m.sendAt, tz)} (quiet hours)` : statusWords[m.status],
    reason: m.status === "suppressed" || m.status === "cancelled" || m.status === "failed" ? (reason ?? "unknown") : null,
    by,
    unread,
  };
}

/** What happened to a reply, in the words shown under the conversation. */
function resultOf(m: MessageRow, tz: string): ReplyResult {
  const how = m.channel === "sms" ? "text" : "email";
  if (m.status === "scheduled") {
    return { kind: "scheduled", text: `Quiet hours: your ${how} is scheduled for ${fullTime(m.sendAt, tz)} (clinic time).` };
  }
  if (m.status === "suppressed" || m.status === "cancelled") {
    return { kind: "refused", text: `Not sent: ${m.suppressedReason ?? "refused"}.` };
  }
  if (m.status === "failed") return { kind: "refused", text: `Sending failed: ${m.lastError ?? "provider error"}.` };
  return { kind: "ok", text: `Sent: your ${how} is queued for delivery.` };
}

function whyNoChannel(data: inbox.ThreadData): string {
  const part = (ch: "sms" | "email") => {
    const address = ch === "sms" ? data.patient.phone : data.patient.email;
    if (!address) return `no ${ch === "sms" ? "mobile number" : "email address"} on file`;
    if (data.consent[ch] === "revoked") return "consent revoked";
    return "no consent recorded";
  };
  return `texts: ${part("sms")}; email: ${part("email")}.`;
}

function conversationProps(c: C, data: inbox.ThreadData, extra: Partial<ConversationProps> = {}, unreadBefore = 0): ConversationProps {
  const staff = currentStaff(c);
  const names = new Map(data.staff.map((s) => [s.id, s.name]));
  const inboundIds = data.messages.filter((m) => m.direction === "inbound").map((m) => m.id);
  const unreadIds = new Set(unreadBefore > 0 ? inboundIds.slice(-unreadBefore) : []);
  return {
    patientId: data.patient.id,
    csrfToken: staff.csrfToken,
    messages: data.messages.map((m) => messageView(m, staff.clinicTimeZone, names, unreadIds.has(m.id))),
    truncated: data.messages.length >= inbox.THREAD_MESSAGE_LIMIT,
    replyChannels: data.replyChannels,
    noChannelReason: whyNoChannel(data),
    ...extra,
  };
}

function controlsProps(c: C, data: inbox.ThreadData, error?: string): ThreadControlsProps {
  const assigneeId = data.thread?.assigneeId ?? null;
  return {
    patientId: data.patient.id,
    csrfToken: currentStaff(c).csrfToken,
    status: data.thread?.status ?? "open",
    assigneeId,
    assigneeName: data.staff.find((s) => s.id === assigneeId)?.name ?? null,
    staffOptions: data.staff.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name })),
    error,
  };
}

function threadPage(c: C, data: inbox.ThreadData, conversation: ConversationProps, controlsError?: string) {
  const p = data.patient;
  const consentWord = (ch: "sms" | "email") => data.consent[ch] ?? "not asked";
  return (
    <ThreadPage
      staff={layoutStaff(currentStaff(c))}
      patient={{
        id: p.id,
        name: displayName(p),
        phone: p.phone,
        email: p.email,
        language: p.preferredLanguage === "es" ? "Spanish" : "English",
        consent: { sms: consentWord("sms"), email: consentWord("email") },
      }}
      controls={controlsProps(c, data, controlsError)}
      conversation={conversation}
    />
  );
}

async function loadOr404(c: C, patientId: string) {
  const data = await inbox.loadThread(c.get("deps"), currentStaff(c).clinicId, patientId);
  if (!data) throw notFound();
  return data;
}

inboxRoutes.get("/", async (c) => {
  const staff = currentStaff(c);
  const filter = filterSchema.parse(c.req.query("filter"));
  const result = await inbox.listInbox(c.get("deps"), staffActor(c), filter);
  const threads = result.threads.map((r) => ({
    patientId: r.patient.id,
    patientName: displayName(r.patient),
    unread: r.thread.unreadCount,
    status: r.thread.status,
    assigneeName: r.assigneeName,
    lastAt: fullTime(r.thread.lastMessageAt, staff.clinicTimeZone),
    preview: r.last && {
      text: r.last.body.length > 90 ? `${r.last.body.slice(0, 89)}…` : r.last.body,
      channel: r.last.channel,
      direction: r.last.direction,
    },
  }));
  return c.html(
    <InboxPage
      staff={layoutStaff(staff)}
      filter={filter}
      unreadTotal={result.unreadTotal}
      threads={threads}
      truncated={result.truncated}
    />,
  );
});

inboxRoutes.get("/:patientId", async (c) => {
  const data = await inbox.viewThread(c.get("deps"), staffActor(c), c.req.param("patientId"));
  if (!data) throw notFound();
  const replyId = c.req.query("reply");
  const replied = replyId ? data.messages.find((m) => m.id === replyId && m.direction === "outbound") : undefined;
  const result = replied && resultOf(replied, currentStaff(c).clinicTimeZone);
  return c.html(threadPage(c, data, conversationProps(c, data, { result }, data.unreadBefore)));
});

inboxRoutes.post("/:patientId/reply", async (c) => {
  const patientId = c.req.param("patientId");
  const values = formStrings(await c.req.parseBody());
  const parsed = replySchema.safeParse(values);
  if (!parsed.success) {
    const data = await loadOr404(c, patientId);
    const errors: FieldErrors = fieldErrors(parsed.error);
    const conversation = conversationProps(c, data, { values, errors, focus: true });
    if (isHtmx(c)) return c.html(<Conversation {...conversation} />, 422);
    return c.html(threadPage(c, data, conversation), 422);
  }
  const sent = await inbox.replyToPatient(c.get("deps"), staffActor(c), patientId, {
    channel: parsed.data.channel,
    text: parsed.data.text,
    overrideQuietHours: parsed.data.overrideQuietHours === "on",
  });
  if (!sent.ok) throw notFound();
  if (!isHtmx(c)) return c.redirect(`/inbox/${patientId}?reply=${sent.value.messageId}`, 303);
  const data = await loadOr404(c, patientId);
  const message = data.messages.find((m) => m.id === sent.value.messageId);
  const result = message ? resultOf(message, currentStaff(c).clinicTimeZone) : undefined;
  return c.html(<Conversation {...conversationProps(c, data, { result, focus: true, values: { channel: parsed.data.channel } })} />);
});

async function controlsAnswer(c: C, patientId: string, error?: string) {
  const data = await loadOr404(c, patientId);
  if (isHtmx(c)) return c.html(<ThreadControls {...controlsProps(c, data, error)} />, error ? 422 : 200);
  if (!error) return c.redirect(`/inbox/${patientId}`, 303);
  return c.html(threadPage(c, data, conversationProps(c, data), error), 422);
}

inboxRoutes.post("/:patientId/assign", async (c) => {
  const patientId = c.req.param("patientId");
  const parsed = assignSchema.safeParse(formStrings(await c.req.parseBody()));
  const assigneeId = parsed.success && parsed.data.assigneeId !== "" ? parsed.data.assigneeId : null;
  if (!parsed.success) return controlsAnswer(c, patientId, "Choose an active staff member.");
  const done = await inbox.assignThread(c.get("deps"), staffActor(c), patientId, assigneeId);
  if (!done.ok && done.error === "not_found") throw notFound();
  return controlsAnswer(c, patientId, done.ok ? undefined : "Choose an active staff member of this clinic.");
});

inboxRoutes.post("/:patientId/status", async (c) => {
  const patientId = c.req.param("patientId");
  const parsed = statusSchema.safeParse(formStrings(await c.req.parseBody()));
  if (!parsed.success) return controlsAnswer(c, patientId, "Choose done or open.");
  const done = await inbox.setThreadStatus(c.get("deps"), staffActor(c), patientId, parsed.data.status);
  if (!done.ok) throw notFound();
  return controlsAnswer(c, patientId);
});
