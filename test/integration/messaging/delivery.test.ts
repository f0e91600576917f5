import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { backoffSeconds, handleOutboundBatch, handleOutboundDeadLetters } from "../../../src/messaging/consumer";
import { type MessagingPort, ProviderError } from "../../../src/messaging/port";
import { requestMessage } from "../../../src/messaging/service";
import { fixedClock } from "../../../src/platform/clock";
import { makeDeps } from "../../../src/platform/deps";
import type { OutboundEnvelope } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { appointments, consents, messages, tasks } from "../../../src/platform/schema";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { env } from "../../helpers/http";

const NOON_NY = Date.parse("2026-12-01T17:00:00Z");

/** A provider double that counts calls and fails as told. */
function fakeProvider(script: ("ok" | "transient" | "permanent")[] = []) {
  const calls: string[] = [];
  const port: MessagingPort = {
    name: "fake",
    async send(m) {
      calls.push(m.to);
      const next = script.shift() ?? "ok";
      if (next === "transient") throw new ProviderError("503", true);
      if (next === "permanent") throw new ProviderError("400 invalid number", false);
      return { providerMessageId: `fake-${calls.length}` };
    },
  };
  return { port, calls };
}

function setup(port: MessagingPort, now = NOON_NY) {
  const sent: OutboundEnvelope[] = [];
  const clock = fixedClock(now);
  const deps = makeDeps(env, {
    clock,
    messaging: port,
    queues: queuesWith({
      outbound: { send: async (b: OutboundEnvelope) => void sent.push(b), sendBatch: async () => {} } as unknown as Queue<OutboundEnvelope>,
    }),
  });
  return { deps, clock, sent };
}

async function queuedReminder(deps: ReturnType<typeof setup>["deps"]) {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const outcome = await requestMessage(deps, {
    clinicId: clinic.id,
    patientId: patient.id,
    purpose: "visit_reminder",
    category: "reminder",
    dedupeKey: `r:${patient.id}`,
  });
  if (outcome.status !== "queued") throw new Error(`expected queued, got ${outcome.status}`);
  return { clinic, patient, messageId: outcome.messageId };
}

const batchOf = (messageId: string, attempts = 1) =>
  createMessageBatch<OutboundEnvelope>("outbound-messages", [{ id: newId(), timestamp: new Date(), attempts, body: { v: 1, messageId } }]);

describe("outbound delivery", () => {
  it("the same queue message twice calls the provider once", async () => {
    const { port, calls } = fakeProvider();
    const { deps, sent } = setup(port);
    const { messageId } = await queuedReminder(deps);
    expect(sent).toEqual([{ v: 1, messageId }]);
    for (let i = 0; i < 2; i++) {
      const batch = batchOf(messageId);
      await handleOutboundBatch(batch, deps);
      expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(1);
    }
    expect(calls).toHaveLength(1);
    const row = await db().select().from(messages).where(eq(messages.id, messageId)).get();
    expect(row).toMatchObject({ status: "sent", provider: "fake", providerMessageId: "fake-1", attempts: 1 });
  });

  it("the same reason never makes a second message", async () => {
    const { port } = fakeProvider();
    const { deps } = setup(port);
    const { clinic, patient } = await queuedReminder(deps);
    const again = await requestMessage(deps, {
      clinicId: clinic.id,
      patientId: patient.id,
      purpose: "visit_reminder",
      category: "reminder",
      dedupeKey: `r:${patient.id}`,
    });
    expect(again.status).toBe("duplicate");
  });

  it("a transient failure is retried with backoff, then succeeds", async () => {
    const { port, calls } = fakeProvider(["transient", "ok"]);
    const { deps } = setup(port);
    const { messageId } = await queuedReminder(deps);
    const first = batchOf(messageId);
    await handleOutboundBatch(first, deps);
    const result = await getQueueResult(first, createExecutionContext());
    expect(result.retryMessages).toHaveLength(1);
    expect([1, 2, 3, 4, 5].map(backoffSeconds)).toEqual([30, 120, 480, 1920, 3600]);
    expect((await db().select().from(messages).where(eq(messages.id, messageId)).get())?.status).toBe("queued");
    await handleOutboundBatch(batchOf(messageId, 2), deps);
    expect(calls).toHaveLength(2);
    expect(await db().select().from(messages).where(eq(messages.id, messageId)).get()).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("exhausted retries land in the dead-letter queue: failed, with a task for the front desk", async () => {
    const { port } = fakeProvider(["transient", "transient", "transient"]);
    const { deps } = setup(port);
    const { clinic, patient, messageId } = await queuedReminder(deps);
    for (let attempt = 1; attempt <= 3; attempt++) await handleOutboundBatch(batchOf(messageId, attempt), deps);
    await handleOutboundDeadLetters(
      createMessageBatch("outbound-messages-dlq", [{ id: "d1", timestamp: new Date(), attempts: 1, body: { v: 1, messageId } }]),
      deps,
    );
    expect(await db().select().from(messages).where(eq(messages.id, messageId)).get()).toMatchObject({
      status: "failed",
      lastError: "retries exhausted",
    });
    const followUps = await db().select().from(tasks).where(eq(tasks.clinicId, clinic.id)).all();
    expect(followUps).toEqual([expect.objectContaining({ type: "message_follow_up", patientId: patient.id, status: "open" })]);
  });

  it("a permanent provider error fails at once without retrying", async () => {
    const { port, calls } = fakeProvider(["permanent"]);
    const { deps } = setup(port);
    const { messageId } = await queuedReminder(deps);
    const batch = batchOf(messageId);
    await handleOutboundBatch(batch, deps);
    expect((await getQueueResult(batch, createExecutionContext())).retryMessages).toEqual([]);
    expect(calls).toHaveLength(1);
    expect((await db().select().from(messages).where(eq(messages.id, messageId)).get())?.status).toBe("failed");
  });

  it("a reminder for a visit no longer booked (cancelled quietly) is suppressed, never queued; a booked one goes", async () => {
    const { port } = fakeProvider();
    const { deps, sent, clock } = setup(port);
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const visit = async (status: "booked" | "cancelled") => {
      const id = newId();
      const startsAt = clock.now() + 2 * 86_400_000;
      await db()
        .insert(appointments)
        .values({
          id,
          clinicId: clinic.id,
          patientId: patient.id,
          therapistId: clinic.staff.therapist.id,
          startsAt,
          endsAt: startsAt + 45 * 60_000,
          durationMinutes: 45,
          type: "follow_up",
          status,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        });
      return id;
    };
    const reminderFor = async (appointmentId: string) =>
      requestMessage(deps, {
        clinicId: clinic.id,
        patientId: patient.id,
        purpose: "visit_reminder",
        category: "reminder",
        dedupeKey: `r-${appointmentId}`,
        appointmentId,
      });
    expect(await reminderFor(await visit("cancelled"))).toMatchObject({ status: "suppressed", reason: "the visit is no longer booked" });
    expect(sent).toEqual([]);
    expect(await reminderFor(await visit("booked"))).toMatchObject({ status: "queued" });
  });

  it("no consent: stored as suppressed with the reason, never queued", async () => {
    const { port } = fakeProvider();
    const { deps, sent, clock } = setup(port);
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    await db()
      .insert(consents)
      .values({
        id: newId(),
        clinicId: clinic.id,
        patientId: patient.id,
        channel: "sms",
        status: "revoked",
        source: "sms_keyword",
        recordedAt: clock.now() + 1,
      });
    const outcome = await requestMessage(deps, {
      clinicId: clinic.id,
      patientId: patient.id,
      purpose: "visit_reminder",
      category: "reminder",
      dedupeKey: "x",
    });
    expect(outcome).toMatchObject({ status: "suppressed", reason: "no consent for this channel" });
    expect(sent).toEqual([]);
  });

  it("in quiet hours it is scheduled for 08:00 in the patient's zone, with the queue delay to match", async () => {
    const late = Date.parse("2026-12-02T03:00:00Z"); // 22:00 in New York
    const sends: { delaySeconds?: number }[] = [];
    const { port } = fakeProvider();
    const deps = makeDeps(env, {
      clock: fixedClock(late),
      messaging: port,
      queues: queuesWith({
        outbound: {
          send: async (_b: OutboundEnvelope, o?: { delaySeconds?: number }) => void sends.push(o ?? {}),
        } as unknown as Queue<OutboundEnvelope>,
      }),
    });
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const outcome = await requestMessage(deps, {
      clinicId: clinic.id,
      patientId: patient.id,
      purpose: "missed_visit_outreach",
      category: "automated",
      dedupeKey: "q",
    });
    expect(outcome).toMatchObject({ status: "scheduled", sendAt: Date.parse("2026-12-02T13:00:00Z") });
    expect(sends).toEqual([{ delaySeconds: 10 * 3600 }]);
  });
});
