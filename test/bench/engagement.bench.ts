import { createExecutionContext, createMessageBatch, runInDurableObject } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { it } from "vitest";
import type { PatientJourney } from "../../src/journey/journey-object";
import { handleOutboundBatch } from "../../src/messaging/consumer";
import type { MessagingPort } from "../../src/messaging/port";
import { requestMessage } from "../../src/messaging/service";
import { fixedClock } from "../../src/platform/clock";
import { makeDeps } from "../../src/platform/deps";
import type { OutboundEnvelope } from "../../src/platform/env";
import { messages } from "../../src/platform/schema";
import { queuesWith } from "../helpers/deps";
import { db, makeClinic, makePatient } from "../helpers/factories";
import { env } from "../helpers/http";

/**
 * Measurements, not tests: they print rates. Workerd's clock advances on I/O, and every step here
 * does I/O (DO RPC, D1), so the elapsed times are real.
 */
const HOUR = 3_600_000;

it("events per second into one patient's journey", async () => {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const stub = env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName(patient.id));
  const start = Date.parse("2026-12-01T15:00:00Z");
  await runInDurableObject(stub, (instance: PatientJourney) => {
    instance.clockOverride = fixedClock(start);
  });
  for (const n of [200, 1000]) {
    const t0 = Date.now();
    for (let i = 0; i < n; i++) {
      // Confirmations of one visit: each is applied (new event id), none sends a message.
      await stub.dispatch({
        clinicId: clinic.id,
        patientId: patient.id,
        event: {
          type: "appointment.confirmed",
          eventId: `b${n}-${i}`,
          occurredAt: start + i,
          appointmentId: "a1",
          startsAt: start + 72 * HOUR,
          endsAt: start + 73 * HOUR,
        },
      });
    }
    const ms = Date.now() - t0;
    console.log(`journey: ${n} events in ${ms} ms -> ${Math.round((n / ms) * 1000)} events/s (${(ms / n).toFixed(2)} ms each)`);
  }
});

it("reminder messages per second through the outbound queue consumer", async () => {
  const clinic = await makeClinic();
  const count = 300;
  const patients = [];
  for (let i = 0; i < count; i++) patients.push(await makePatient(clinic.id, { phone: `+1617555${String(1000 + i)}` }));
  const calls: string[] = [];
  const port: MessagingPort = {
    name: "bench",
    send: async (m) => {
      calls.push(m.to);
      return { providerMessageId: `p${calls.length}` };
    },
  };
  const envelopes: OutboundEnvelope[] = [];
  const deps = makeDeps(env, {
    clock: fixedClock(Date.parse("2026-12-01T17:00:00Z")),
    messaging: port,
    queues: queuesWith({ outbound: { send: async (b: OutboundEnvelope) => void envelopes.push(b) } as unknown as Queue<OutboundEnvelope> }),
  });
  const t0 = Date.now();
  for (const p of patients)
    await requestMessage(deps, {
      clinicId: clinic.id,
      patientId: p.id,
      purpose: "visit_reminder",
      category: "reminder",
      dedupeKey: `bench:${p.id}`,
    });
  const t1 = Date.now();
  for (let i = 0; i < envelopes.length; i += 10) {
    const batch = createMessageBatch(
      "outbound-messages",
      envelopes.slice(i, i + 10).map((body, j) => ({ id: `m${i + j}`, timestamp: new Date(), attempts: 1, body })),
    );
    await handleOutboundBatch(batch, deps);
  }
  const t2 = Date.now();
  createExecutionContext();
  const sent = await db().select().from(messages).where(eq(messages.status, "sent")).all();
  console.log(
    `reminders: ${count} decided+stored+enqueued in ${t1 - t0} ms (${Math.round((count / (t1 - t0)) * 1000)}/s); ` +
      `${calls.length} sent by the consumer in batches of 10 in ${t2 - t1} ms (${Math.round((calls.length / (t2 - t1)) * 1000)}/s); ${sent.length} rows marked sent`,
  );
});
