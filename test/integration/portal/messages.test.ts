import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../../../src/platform/ids";
import { domainEvents, messages, messageThreads, outboxMessages, tasks } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { openPortal } from "../../helpers/portal";

async function setup(language: "en" | "es" = "en") {
  const clinic = await makeClinic("Harbor PT");
  const patient = await makePatient(clinic.id, { preferredLanguage: language, phone: `+1617555${String(Date.now()).slice(-4)}` });
  const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id });
  return { clinic, patient, phone };
}

const patientMessages = (patientId: string) => db().select().from(messages).where(eq(messages.patientId, patientId)).all();

/** A message the clinic sent earlier, as the pipeline leaves it after delivery. */
async function sentToPatient(clinicId: string, patientId: string, body: string, status: "delivered" | "suppressed", at: number) {
  await db()
    .insert(messages)
    .values({
      id: newId(at),
      clinicId,
      patientId,
      direction: "outbound",
      channel: "sms",
      category: "staff",
      toAddress: "+16175550111",
      body,
      status,
      sendAt: at,
      createdAt: at,
      updatedAt: at,
    });
}

describe("portal messages", () => {
  it("shows the conversation oldest first in the patient's zone, without messages that never reached them", async () => {
    const t = await setup();
    await sentToPatient(t.clinic.id, t.patient.id, "See you Tuesday at 10", "delivered", Date.parse("2026-11-19T17:00:00Z"));
    await sentToPatient(t.clinic.id, t.patient.id, "Never sent: quiet hours", "suppressed", Date.parse("2026-11-19T18:00:00Z"));
    const res = await t.phone.get("/portal/messages");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("See you Tuesday at 10");
    expect(html).toContain("Text message");
    expect(html).toContain("12:00"); // 17:00 UTC in New York
    expect(html).not.toContain("Never sent");
    expect(html).toContain('<label for="message-text">Write to the clinic</label>');
  });

  it("a message lands in the staff inbox like an inbound text, with channel portal, and sends nothing", async () => {
    const t = await setup();
    const outboxBefore = (await db().select().from(outboxMessages).where(eq(outboxMessages.clinicId, t.clinic.id)).all()).length;
    const res = await t.phone.post("/portal/messages", { text: "  Can I come 30 minutes later on Tuesday?\r\nThanks  " });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/portal/messages?sent=1");

    const rows = await patientMessages(t.patient.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      direction: "inbound",
      channel: "portal",
      status: "received",
      category: "staff",
      body: "Can I come 30 minutes later on Tuesday?\nThanks",
      intent: "reschedule",
    });
    const thread = await db().select().from(messageThreads).where(eq(messageThreads.patientId, t.patient.id)).get();
    expect(thread).toMatchObject({ status: "open", unreadCount: 1 });
    const event = await db()
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.patientId, t.patient.id), eq(domainEvents.type, "message.received")))
      .get();
    expect(event).toMatchObject({ actorType: "patient", actorId: t.patient.id });
    expect(JSON.parse(event?.payload ?? "{}")).toEqual({ messageId: rows[0]?.id, intent: "reschedule", channel: "portal" });
    expect((await db().select().from(outboxMessages).where(eq(outboxMessages.clinicId, t.clinic.id)).all()).length).toBe(outboxBefore);

    // A double tap stores it once.
    await t.phone.post("/portal/messages", { text: "Can I come 30 minutes later on Tuesday?\nThanks" });
    expect(await patientMessages(t.patient.id)).toHaveLength(1);

    const page = await (await t.phone.get("/portal/messages?sent=1")).text();
    expect(page).toContain("Your message was sent to the clinic.");
    expect(page).toContain("Can I come 30 minutes later on Tuesday?");

    const desk = await signIn(t.clinic.staff.front_desk.email);
    const inbox = await (await desk.get("/inbox")).text();
    expect(inbox).toContain("Ana Example");
    expect(inbox).toContain(">Portal</span>");
    const conversation = await (await desk.get(`/inbox/${t.patient.id}`)).text();
    expect(conversation).toContain("Can I come 30 minutes later on Tuesday?");
    expect(conversation).toContain(">Portal</span>");
  });

  it("a done thread is reopened by a portal message", async () => {
    const t = await setup();
    await db()
      .insert(messageThreads)
      .values({ id: newId(), clinicId: t.clinic.id, patientId: t.patient.id, status: "done", unreadCount: 0, lastMessageAt: 1 });
    await t.phone.post("/portal/messages", { text: "One more question" });
    expect(await db().select().from(messageThreads).where(eq(messageThreads.patientId, t.patient.id)).get()).toMatchObject({
      status: "open",
      unreadCount: 1,
    });
  });

  it("pain or a flare written in the portal opens the same call-back task as a text does; a question does not", async () => {
    const t = await setup("es");
    await t.phone.post("/portal/messages", { text: "¿A qué hora abren el sábado?" });
    await t.phone.post("/portal/messages", { text: "Me duele mucho la rodilla desde ayer" });
    const opened = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.patientId, t.patient.id), eq(tasks.type, "message_follow_up")))
      .all();
    expect(opened).toHaveLength(1);
    expect(opened[0]?.title).toContain("pain");
  });

  it("empty or too long: 422 in the patient's language, what they typed kept, nothing stored", async () => {
    const t = await setup("es");
    const empty = await t.phone.post("/portal/messages", { text: "   " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("Escriba un mensaje antes de enviarlo.");
    const long = "a".repeat(1001);
    const tooLong = await t.phone.post("/portal/messages", { text: long });
    expect(tooLong.status).toBe(422);
    const html = await tooLong.text();
    expect(html).toContain("Escriba como máximo 1000 caracteres");
    expect(html).toContain(long);
    expect(html).toContain('role="alert"');
    expect(await patientMessages(t.patient.id)).toHaveLength(0);
    expect((await t.phone.post("/portal/messages", { text: "a".repeat(1000) })).status).toBe(303);
  });
});
