import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { localDateIn } from "../../../src/clinics/model";
import { requestMessage } from "../../../src/messaging/service";
import { makeDeps } from "../../../src/platform/deps";
import { type OutboundEnvelope, parseVars, type Vars } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { appointments, clinics, consents, messages, outboxMessages } from "../../../src/platform/schema";
import { bookAppointment } from "../../../src/scheduling/service";
import { queuesWith, staffActorFor } from "../../helpers/deps";
import { db, makeClinic, makePatient, uniqueNumber } from "../../helpers/factories";
import { BASE, env } from "../../helpers/http";

const TZ = "America/New_York";
const digits = () => String(Math.floor(Math.random() * 9000) + 1000);
const appAs = (vars: Partial<Vars>) => createApp({ vars: { ...parseVars(env), ...vars } });
const development = (vars: Partial<Vars> = {}) => appAs({ APP_ENV: "development", ...vars });

/** A clinic (with or without an SMS number), a patient with a visit in three days, and the reminder in the outbox. */
async function setup(withNumber = true) {
  const clinic = await makeClinic(`Bayview PT ${digits()}`);
  const smsNumber = withNumber ? uniqueNumber() : null;
  await db().update(clinics).set({ smsNumber }).where(eq(clinics.id, clinic.id));
  const patient = await makePatient(clinic.id, { givenName: "Dora", familyName: "Dev", phone: `+1617557${digits()}` });
  const deps = makeDeps(env);
  const booked = await bookAppointment(deps, staffActorFor(clinic.id, clinic.staff.front_desk.id), TZ, {
    patientId: patient.id,
    therapistId: clinic.staff.therapist.id,
    episodeId: null,
    date: localDateIn(Date.now() + 3 * 86_400_000, TZ),
    time: "10:00",
    durationMinutes: 45,
    type: "follow_up",
    allowOutsideAvailability: true,
  });
  if (!booked.ok) throw new Error(JSON.stringify(booked.error));
  const outboxId = newId();
  await db()
    .insert(outboxMessages)
    .values({
      id: outboxId,
      clinicId: clinic.id,
      channel: "sms",
      to: patient.phone ?? "",
      body: "Reminder: reply C to confirm",
      createdAt: Date.now(),
    });
  return { clinic, smsNumber, patient, visit: booked.value, outboxId };
}

const reply = (app: ReturnType<typeof createApp>, form: Record<string, string>) =>
  app.request(
    `${BASE}/dev/outbox/reply`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
      body: new URLSearchParams(form).toString(),
    },
    env,
  );
const noticeOf = (res: Response) => new URL(res.headers.get("location") ?? "/", BASE).searchParams.get("notice") ?? "";
const inboundOf = (patientId: string) =>
  db()
    .select()
    .from(messages)
    .where(and(eq(messages.patientId, patientId), eq(messages.direction, "inbound")))
    .all();
const visitStatus = async (id: string) => (await db().select().from(appointments).where(eq(appointments.id, id)).get())?.status;

describe("/dev/outbox: reply as this patient", () => {
  it("posts a correctly signed Twilio request to the webhook, so the patient's C confirms their next visit", async () => {
    const t = await setup();
    const app = development();
    const page = await (await app.request(`${BASE}/dev/outbox`, {}, env)).text();
    expect(page).toContain("Reply as this patient");
    expect(page).toContain(`<input type="hidden" name="id" value="${t.outboxId}"/>`);

    const res = await reply(app, { id: t.outboxId, text: "C" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/dev\/outbox\?ok=1&notice=/);
    expect(noticeOf(res)).toBe(`Replied “C” from ${t.patient.phone} to ${t.smsNumber}: read as “confirm”. See the inbox.`);
    const [inbound] = await inboundOf(t.patient.id);
    expect(inbound).toMatchObject({
      provider: "twilio",
      fromAddress: t.patient.phone,
      toAddress: t.smsNumber,
      body: "C",
      intent: "confirm",
    });
    expect(inbound?.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(await visitStatus(t.visit.id)).toBe("confirmed");
    // The notice is shown on the page it redirects to.
    const after = await (await app.request(`${BASE}${res.headers.get("location")}`, {}, env)).text();
    expect(after).toContain("read as “confirm”");
  });

  it("signs the public URL when PUBLIC_URL is set, exactly as the webhook verifies it", async () => {
    const t = await setup();
    const res = await reply(development({ PUBLIC_URL: "https://rapport.example.org" }), { id: t.outboxId, text: "X" });
    expect(noticeOf(res)).toContain("read as “cancel”");
    expect(await visitStatus(t.visit.id)).toBe("cancelled");
  });

  it("without TWILIO_AUTH_TOKEN it says so (the webhook would refuse any request) and changes nothing", async () => {
    const t = await setup();
    const res = await reply(development({ TWILIO_AUTH_TOKEN: undefined }), { id: t.outboxId, text: "C" });
    expect(noticeOf(res)).toContain("TWILIO_AUTH_TOKEN is not set");
    expect(await inboundOf(t.patient.id)).toHaveLength(0);
    expect(await visitStatus(t.visit.id)).toBe("booked");
  });

  it("says so when the clinic has no SMS number, and sends nothing", async () => {
    const t = await setup(false);
    const res = await reply(development(), { id: t.outboxId, text: "C" });
    expect(res.headers.get("location")).toMatch(/^\/dev\/outbox\?ok=0&/);
    expect(noticeOf(res)).toBe(`${t.clinic.name} has no SMS number, so a reply cannot reach it: set one in Settings → Messages.`);
    expect(await inboundOf(t.patient.id)).toHaveLength(0);
    expect(await visitStatus(t.visit.id)).toBe("booked");
  });

  it("answers 404 outside development, sending nothing", async () => {
    const t = await setup();
    for (const APP_ENV of ["test", "production"] as const) {
      const res = await reply(appAs({ APP_ENV }), { id: t.outboxId, text: "C" });
      expect(res.status).toBe(404);
    }
    expect(await inboundOf(t.patient.id)).toHaveLength(0);
    expect(await visitStatus(t.visit.id)).toBe("booked");
  });
});

describe("/dev/outbox: statuses and suppressed messages", () => {
  it("shows each item's status from the messages table, and the latest suppressed messages with their reason", async () => {
    const t = await setup();
    const queue = { send: async () => {}, sendBatch: async () => {} } as unknown as Queue<OutboundEnvelope>;
    const deps = makeDeps(env, { queues: queuesWith({ outbound: queue }) });
    // A delivered message, matched to its outbox row by the provider id.
    const sent = await requestMessage(deps, {
      clinicId: t.clinic.id,
      patientId: t.patient.id,
      purpose: "help",
      category: "transactional",
      channel: "sms",
      dedupeKey: "delivered",
    });
    if (sent.status !== "queued") throw new Error(sent.status);
    await db()
      .update(messages)
      .set({ status: "delivered", provider: "outbox", providerMessageId: t.outboxId })
      .where(eq(messages.id, sent.messageId));
    // An email without consent: suppressed, never in the outbox.
    await db().insert(consents).values({
      id: newId(),
      clinicId: t.clinic.id,
      patientId: t.patient.id,
      channel: "email",
      status: "revoked",
      source: "staff",
      recordedAt: 1,
    });
    const refused = await requestMessage(deps, {
      clinicId: t.clinic.id,
      patientId: t.patient.id,
      purpose: "reactivation",
      category: "automated",
      channel: "email",
      dedupeKey: "suppressed",
    });
    expect(refused).toMatchObject({ status: "suppressed", reason: "no consent for this channel" });

    const html = await (await development().request(`${BASE}/dev/outbox`, {}, env)).text();
    expect(html).toMatch(/Reminder: reply C to confirm/);
    expect(html).toContain('<span class="badge message-delivered">delivered</span>');
    const section = html.slice(html.indexOf('id="suppressed"'));
    expect(section).toContain("Dora Dev");
    expect(section).toContain("EMAIL · reactivation");
    expect(section).toContain("<td>no consent for this channel</td>");
  });
});
