import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { handleInboundSms } from "../../../src/messaging/inbound";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import type { OutboundEnvelope } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { auditEvents, clinics, consents, messages, messageThreads, staffUsers } from "../../../src/platform/schema";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic, makePatient, uniqueNumber } from "../../helpers/factories";
import { BASE, type Browser, env, signIn } from "../../helpers/http";

// Fixed instants in the past (a signed-in session stays live on a clock that is behind the real one).
const NOON_NY = Date.parse("2026-11-19T17:00:00Z"); // Thu 19 Nov 12:00 in New York
const LATE_NY = Date.parse("2026-11-20T03:30:00Z"); // Thu 19 Nov 22:30 in New York: quiet hours
const HTMX = { "hx-request": "true" };

const digits = () => String(Math.floor(Math.random() * 9000) + 1000);

/**
 * The app on a fixed clock with a recording queue, so statuses stay as the pipeline left them
 * (no consumer runs), plus a signed-in browser's cookie and CSRF token.
 */
function appAt(now: number, browser: Browser) {
  const clock = fixedClock(now);
  const enqueued: OutboundEnvelope[] = [];
  const queue = { send: async (b: OutboundEnvelope) => void enqueued.push(b), sendBatch: async () => {} };
  const app = createApp({ clock, queues: queuesWith({ outbound: queue as unknown as Queue<OutboundEnvelope> }) });
  const headers = (extra: Record<string, string> = {}) => ({ cookie: `rapport_session=${browser.cookie}`, ...extra });
  return {
    clock,
    enqueued,
    get: (path: string, extra?: Record<string, string>) => app.request(`${BASE}${path}`, { headers: headers(extra) }, env),
    post: (path: string, form: Record<string, string>, extra?: Record<string, string>) =>
      app.request(
        `${BASE}${path}`,
        {
          method: "POST",
          headers: headers({ "content-type": "application/x-www-form-urlencoded", origin: BASE, ...extra }),
          body: new URLSearchParams({ _csrf: browser.csrf, ...form }).toString(),
        },
        env,
      ),
  };
}

async function setup() {
  const clinic = await makeClinic("Harbor PT");
  const smsNumber = uniqueNumber();
  await db().update(clinics).set({ smsNumber }).where(eq(clinics.id, clinic.id));
  const bea = await makePatient(clinic.id, { givenName: "Bea", familyName: "Early", phone: `+1617555${digits()}` });
  const carl = await makePatient(clinic.id, { givenName: "Carl", familyName: "Later", phone: `+1617556${digits()}` });
  let sid = 0;
  const text = async (patient: { phone: string | null }, body: string, at: number) => {
    sid += 1;
    const deps = makeDeps(env, { clock: fixedClock(at) });
    const outcome = await handleInboundSms(deps, {
      messageSid: `SM${clinic.id}${String(sid).padStart(6, "0")}`,
      from: patient.phone ?? "",
      to: smsNumber,
      body,
    });
    expect(outcome.status).toBe("handled");
  };
  const owner = await signIn(clinic.staff.owner.email);
  return { clinic, bea, carl, text, owner };
}

const threadOf = (clinicId: string, patientId: string) =>
  db()
    .select()
    .from(messageThreads)
    .where(and(eq(messageThreads.clinicId, clinicId), eq(messageThreads.patientId, patientId)))
    .get();
const messagesOf = (patientId: string) =>
  db().select().from(messages).where(eq(messages.patientId, patientId)).orderBy(asc(messages.createdAt), asc(messages.id)).all();
const auditOf = (clinicId: string, action: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.action, action)))
    .all();
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

describe("inbox list and read marks", () => {
  it("lists threads newest first with unread counts and the total in the title; opening one marks it read", async () => {
    const t = await setup();
    await t.text(t.bea, "What time do you open?", NOON_NY - 3_600_000);
    await t.text(t.bea, "And is there parking?", NOON_NY - 3_000_000);
    await t.text(t.carl, "Thanks for the info", NOON_NY - 600_000);
    const other = await makeClinic("Elsewhere");
    const stranger = await makePatient(other.id, { givenName: "Zed", familyName: "Stranger" });
    await db()
      .insert(messageThreads)
      .values({ id: newId(), clinicId: other.id, patientId: stranger.id, status: "open", unreadCount: 5, lastMessageAt: NOON_NY });

    const app = appAt(NOON_NY, t.owner);
    const list = await (await app.get("/inbox")).text();
    expect(titleOf(list)).toBe("Inbox (3) · Rapport");
    expect(list.indexOf("Carl Later")).toBeGreaterThan(-1);
    expect(list.indexOf("Carl Later")).toBeLessThan(list.indexOf("Bea Early"));
    expect(list).toMatch(/Bea Early<\/a><span class="badge unread-badge"> 2 unread/);
    expect(list).toContain("And is there parking?"); // the last message as the preview
    expect(list).not.toContain("Zed Stranger");

    const thread = await app.get(`/inbox/${t.bea.id}`);
    expect(thread.status).toBe(200);
    const html = await thread.text();
    expect(html).toContain("What time do you open?");
    expect(html).toContain("And is there parking?");
    expect(html).toContain("Thu 19 Nov 2026 11:10"); // clinic time, not UTC
    expect((await threadOf(t.clinic.id, t.bea.id))?.unreadCount).toBe(0);
    expect((await auditOf(t.clinic.id, "inbox.view")).map((a) => a.patientId)).toEqual([t.bea.id]);
    expect(titleOf(await (await app.get("/inbox")).text())).toBe("Inbox (1) · Rapport");
  });

  it("is for signed-in staff of any role; anonymous visitors are sent to sign in", async () => {
    const t = await setup();
    await t.text(t.bea, "Hello?", NOON_NY);
    const desk = appAt(NOON_NY, await signIn(t.clinic.staff.front_desk.email));
    expect((await desk.get("/inbox")).status).toBe(200);
    expect((await desk.get(`/inbox/${t.bea.id}`)).status).toBe(200);
    const anonymous = await createApp().request(`${BASE}/inbox`, {}, env);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/login");
  });
});

describe("replies through the message pipeline", () => {
  it("a consented SMS reply is queued, stored as a staff reply, and shown; with htmx it appears in place", async () => {
    const t = await setup();
    await t.text(t.bea, "Can I come at 3?", NOON_NY - 60_000);
    const app = appAt(NOON_NY, t.owner);
    const page = await (await app.get(`/inbox/${t.bea.id}`)).text();
    // Only channels with consent and an address: Bea has SMS consent, no email consent.
    expect(page).toContain('<option value="sms"');
    expect(page).not.toContain('<option value="email"');
    expect(page).toContain("Send now even in quiet hours");

    const res = await app.post(`/inbox/${t.bea.id}/reply`, { channel: "sms", text: "Yes, 3 pm works." });
    expect(res.status).toBe(303);
    const [reply] = (await messagesOf(t.bea.id)).filter((m) => m.direction === "outbound");
    expect(reply).toMatchObject({
      status: "queued",
      channel: "sms",
      category: "staff",
      purpose: "staff_reply",
      body: "Yes, 3 pm works.",
      sentBy: t.clinic.staff.owner.id,
      dedupeKey: null,
      toAddress: t.bea.phone,
    });
    expect(app.enqueued).toEqual([{ v: 1, messageId: reply?.id }]);
    expect(res.headers.get("location")).toBe(`/inbox/${t.bea.id}?reply=${reply?.id}`);
    const shown = await (await app.get(res.headers.get("location") ?? "")).text();
    expect(shown).toContain("Sent: your text is queued for delivery.");
    expect(shown).toContain("Yes, 3 pm works.");
    expect(await auditOf(t.clinic.id, "inbox.reply")).toHaveLength(1);

    const swapped = await app.post(`/inbox/${t.bea.id}/reply`, { channel: "sms", text: "See you then!" }, HTMX);
    expect(swapped.status).toBe(200);
    const fragment = await swapped.text();
    expect(fragment).not.toContain("<html");
    expect(fragment).toMatch(/^<section id="conversation"/);
    expect(fragment).toContain("See you then!");
    expect(fragment).toContain("Yes, 3 pm works.");
    expect(fragment).toContain("Sent: your text is queued for delivery.");
  });

  it("without consent the reply is refused with the reason, logged as suppressed, and never enqueued", async () => {
    const t = await setup();
    await db().insert(consents).values({
      id: newId(),
      clinicId: t.clinic.id,
      patientId: t.bea.id,
      channel: "sms",
      status: "revoked",
      source: "sms_keyword",
      recordedAt: Date.now(),
    });
    const app = appAt(NOON_NY, t.owner);
    const page = await (await app.get(`/inbox/${t.bea.id}`)).text();
    expect(page).toContain("Replies are not possible: texts: consent revoked; email: no consent recorded.");
    expect(page).not.toContain('name="text"');

    // A form still open from before the opt-out: the pipeline refuses it.
    const res = await app.post(`/inbox/${t.bea.id}/reply`, { channel: "sms", text: "Are you still coming?" }, HTMX);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Not sent: no consent for this channel.");
    app.clock.advance(1000);
    const emailed = await app.post(`/inbox/${t.bea.id}/reply`, { channel: "email", text: "Are you still coming?" }, HTMX);
    expect(await emailed.text()).toContain("Not sent: no consent for this channel.");
    const stored = await messagesOf(t.bea.id);
    expect(stored.map((m) => [m.channel, m.status, m.suppressedReason])).toEqual([
      ["sms", "suppressed", "no consent for this channel"],
      ["email", "suppressed", "no consent for this channel"],
    ]);
    expect(app.enqueued).toEqual([]);
    // The thread shows the refused messages with their reason.
    expect(await (await app.get(`/inbox/${t.bea.id}`)).text()).toContain("Reason: no consent for this channel");
  });

  it("in quiet hours a reply waits until 08:00, unless 'send now' is ticked", async () => {
    const t = await setup();
    const app = appAt(LATE_NY, t.owner);
    const waiting = await app.post(`/inbox/${t.bea.id}/reply`, { channel: "sms", text: "We will call you tomorrow." }, HTMX);
    expect(await waiting.text()).toContain("Quiet hours: your text is scheduled for Fri 20 Nov 2026 08:00 (clinic time).");
    app.clock.advance(60_000);
    const now = await app.post(`/inbox/${t.bea.id}/reply`, { channel: "sms", text: "Door code is 4411.", overrideQuietHours: "on" }, HTMX);
    expect(await now.text()).toContain("Sent: your text is queued for delivery.");
    const stored = await messagesOf(t.bea.id);
    expect(stored.map((m) => [m.body, m.status, m.sendAt])).toEqual([
      ["We will call you tomorrow.", "scheduled", Date.parse("2026-11-20T13:00:00Z")],
      ["Door code is 4411.", "queued", LATE_NY + 60_000],
    ]);
    // A staff-started conversation becomes a thread in the inbox.
    expect(await threadOf(t.clinic.id, t.bea.id)).toMatchObject({ status: "open", unreadCount: 0, lastMessageAt: LATE_NY + 60_000 });
  });

  it("an empty reply is refused beside the field and nothing is stored", async () => {
    const t = await setup();
    const app = appAt(NOON_NY, t.owner);
    const res = await app.post(`/inbox/${t.bea.id}/reply`, { channel: "sms", text: "   " }, HTMX);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('<small id="reply-text-error" class="error">Write a reply first</small>');
    expect(await messagesOf(t.bea.id)).toHaveLength(0);
  });
});

describe("assign and done", () => {
  it("assigns to active staff, filters 'mine', marks done and reopens, each audited", async () => {
    const t = await setup();
    await t.text(t.bea, "Question about my bill", NOON_NY - 60_000);
    await t.text(t.carl, "Running late", NOON_NY - 30_000);
    const app = appAt(NOON_NY, t.owner);

    const assigned = await app.post(`/inbox/${t.bea.id}/assign`, { assigneeId: t.clinic.staff.owner.id }, HTMX);
    expect(assigned.status).toBe(200);
    expect(await assigned.text()).toContain("Assigned to owner Harbor PT");
    expect((await threadOf(t.clinic.id, t.bea.id))?.assigneeId).toBe(t.clinic.staff.owner.id);
    const mine = await (await app.get("/inbox?filter=mine")).text();
    expect(mine).toContain("Bea Early");
    expect(mine).not.toContain("Carl Later");

    const done = await app.post(`/inbox/${t.bea.id}/status`, { status: "done" });
    expect(done.status).toBe(303);
    expect((await threadOf(t.clinic.id, t.bea.id))?.status).toBe("done");
    expect(await (await app.get("/inbox")).text()).not.toContain("Bea Early");
    expect(await (await app.get("/inbox?filter=done")).text()).toContain("Bea Early");
    const reopened = await app.post(`/inbox/${t.bea.id}/status`, { status: "open" }, HTMX);
    expect(await reopened.text()).toContain("Mark done");
    expect((await threadOf(t.clinic.id, t.bea.id))?.status).toBe("open");

    expect(await auditOf(t.clinic.id, "inbox.assign")).toHaveLength(1);
    expect(await auditOf(t.clinic.id, "inbox.done")).toHaveLength(1);
    expect(await auditOf(t.clinic.id, "inbox.reopen")).toHaveLength(1);
  });

  it("refuses another clinic's staff member or an inactive one, changing nothing", async () => {
    const t = await setup();
    await t.text(t.bea, "Hi", NOON_NY);
    const other = await makeClinic("Elsewhere");
    const app = appAt(NOON_NY, t.owner);
    const res = await app.post(`/inbox/${t.bea.id}/assign`, { assigneeId: other.staff.therapist.id }, HTMX);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Choose an active staff member of this clinic.");
    await db().update(staffUsers).set({ active: false }).where(eq(staffUsers.id, t.clinic.staff.therapist.id));
    const inactive = await app.post(`/inbox/${t.bea.id}/assign`, { assigneeId: t.clinic.staff.therapist.id }, HTMX);
    expect(inactive.status).toBe(422);
    expect(await inactive.text()).not.toContain(`<option value="${t.clinic.staff.therapist.id}"`);
    expect((await threadOf(t.clinic.id, t.bea.id))?.assigneeId).toBeNull();
    expect(await auditOf(t.clinic.id, "inbox.assign")).toHaveLength(0);
  });
});

describe("clinic scoping", () => {
  it("another clinic's patient id answers 404 everywhere, and nothing is written", async () => {
    const t = await setup();
    const other = await makeClinic("Elsewhere");
    const stranger = await makePatient(other.id, { givenName: "Zed", familyName: "Stranger" });
    const app = appAt(NOON_NY, t.owner);
    expect((await app.get(`/inbox/${stranger.id}`)).status).toBe(404);
    expect((await app.post(`/inbox/${stranger.id}/reply`, { channel: "sms", text: "Hello" })).status).toBe(404);
    expect((await app.post(`/inbox/${stranger.id}/reply`, { channel: "sms", text: "" })).status).toBe(404);
    expect((await app.post(`/inbox/${stranger.id}/assign`, { assigneeId: t.clinic.staff.owner.id })).status).toBe(404);
    expect((await app.post(`/inbox/${stranger.id}/status`, { status: "done" })).status).toBe(404);
    expect(await messagesOf(stranger.id)).toHaveLength(0);
    expect(await threadOf(other.id, stranger.id)).toBeUndefined();
    expect(await threadOf(t.clinic.id, stranger.id)).toBeUndefined();
    expect(app.enqueued).toEqual([]);
  });
});
