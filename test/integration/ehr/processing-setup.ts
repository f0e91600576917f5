// Shared by the processing-*.test.ts files: a clinic with an EHR integration, deliveries stored as the
// webhook route stores them, and the ehr-inbound consumer run with a fake MessageBatch.
import { and, eq } from "drizzle-orm";
import { handleEhrInboundBatch, handleEhrInboundDeadLetters } from "../../../src/ehr/consumer";
import { processDelivery } from "../../../src/ehr/process";
import { ehrDeliveries } from "../../../src/ehr/tables";
import type { Deps } from "../../../src/platform/env";
import { newId, sha256Hex } from "../../../src/platform/ids";
import { testDeps } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { makeIntegration } from "../../helpers/integrations";

export const NOW = Date.parse("2026-11-30T14:00:00Z");
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A fake batch that records what the consumer decided for each message. */
export function fakeBatch(queue: string, bodies: unknown[], attempts = 1) {
  const acked: string[] = [];
  const retried: { id: string; delaySeconds?: number }[] = [];
  const messages = bodies.map((body, i) => ({
    id: `m${i}`,
    timestamp: new Date(NOW),
    attempts,
    body,
    ack: () => void acked.push(`m${i}`),
    retry: (options?: { delaySeconds?: number }) => void retried.push({ id: `m${i}`, delaySeconds: options?.delaySeconds }),
  }));
  const batch = {
    queue,
    messages,
    ackAll: () => {
      for (const m of messages) m.ack();
    },
    retryAll: (o?: { delaySeconds?: number }) => {
      for (const m of messages) m.retry(o);
    },
  } as unknown as MessageBatch<unknown>;
  return { batch, acked, retried };
}

export async function ehrClinic(now = NOW) {
  const clinic = await makeClinic();
  const integration = await makeIntegration(clinic.id);
  const { deps, clock } = testDeps(now);
  let sequence = 0;

  /** Stores a payload in the inbox exactly as the webhook route does (the route itself is tested elsewhere). */
  async function store(payload: unknown, options: { format?: "fhir" | "hl7v2"; key?: string } = {}) {
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    const id = newId(clock.now());
    const bodyHash = await sha256Hex(body);
    await db()
      .insert(ehrDeliveries)
      .values({
        id,
        clinicId: clinic.id,
        integrationId: integration.id,
        deliveryKey: options.key ?? `msg_${++sequence}_${id}`,
        format: options.format ?? "fhir",
        contentType: options.format === "hl7v2" ? "x-application/hl7-v2+er7" : "application/fhir+json",
        body,
        bodyHash,
        summary: "test",
        receivedAt: clock.now(),
      });
    return id;
  }

  async function delivery(id: string) {
    const row = await db()
      .select()
      .from(ehrDeliveries)
      .where(and(eq(ehrDeliveries.clinicId, clinic.id), eq(ehrDeliveries.id, id)))
      .get();
    if (!row) throw new Error("delivery not found");
    return { ...row, counts: row.outcome ? (JSON.parse(row.outcome) as Record<string, Record<string, number>>) : {} };
  }

  /** Stores and processes one payload; returns the delivery row afterwards. */
  async function ingest(payload: unknown, options: { format?: "fhir" | "hl7v2"; key?: string; using?: Deps } = {}) {
    const id = await store(payload, options);
    await processDelivery(options.using ?? deps, id);
    return delivery(id);
  }

  async function consume(ids: string[], using: Deps = deps) {
    const fake = fakeBatch(
      "ehr-inbound",
      ids.map((deliveryId) => ({ v: 1, deliveryId })),
    );
    await handleEhrInboundBatch(fake.batch, using);
    return fake;
  }

  async function deadLetter(ids: string[], attempts = 1) {
    const fake = fakeBatch(
      "ehr-inbound-dlq",
      ids.map((deliveryId) => ({ v: 1, deliveryId })),
      attempts,
    );
    await handleEhrInboundDeadLetters(fake.batch, deps);
    return fake;
  }

  return { clinic, integration, deps, clock, store, delivery, ingest, consume, deadLetter };
}

export type EhrClinic = Awaited<ReturnType<typeof ehrClinic>>;

/** A Bundle of the given resources (fullUrl urn:uuid per entry when `ids` gives them). */
export function bundle(type: string, resources: Record<string, unknown>[], fullUrls: (string | undefined)[] = []) {
  return {
    resourceType: "Bundle",
    type,
    entry: resources.map((resource, i) => ({
      ...(fullUrls[i] ? { fullUrl: fullUrls[i] } : {}),
      resource,
      ...(type === "transaction" || type === "batch" ? { request: { method: "POST", url: resource.resourceType } } : {}),
    })),
  };
}

/** A minimal valid FHIR Patient with an MRN of its own. */
export function fhirPatient(id: string, over: Record<string, unknown> = {}) {
  return {
    resourceType: "Patient",
    id,
    identifier: [{ system: "urn:test:mrn", value: `MRN-${id}` }],
    name: [{ use: "official", family: "Rivera", given: ["Lucia"] }],
    telecom: [{ system: "phone", value: "(617) 555-0142", use: "mobile" }],
    gender: "female",
    birthDate: "1984-02-29",
    ...over,
  };
}

export function fhirPractitioner(id: string, over: Record<string, unknown> = {}) {
  return {
    resourceType: "Practitioner",
    id,
    identifier: [{ system: "http://hl7.org/fhir/sid/us-npi", value: "1234567893" }],
    name: [{ family: "Okafor", given: ["Chidi"], prefix: ["Dr."] }],
    ...over,
  };
}

export function fhirAppointment(id: string, patientRef: string, practitionerRef: string, over: Record<string, unknown> = {}) {
  return {
    resourceType: "Appointment",
    id,
    status: "booked",
    start: "2026-12-03T15:00:00Z",
    end: "2026-12-03T15:45:00Z",
    participant: [
      { actor: { reference: patientRef }, status: "accepted" },
      { actor: { reference: practitionerRef }, status: "accepted" },
    ],
    ...over,
  };
}
