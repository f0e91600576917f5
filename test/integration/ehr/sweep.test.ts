import { describe, expect, it } from "vitest";
import { sweepUnqueuedDeliveries } from "../../../src/ehr/sweep";
import type { EhrInboundEnvelope } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { ehrDeliveries } from "../../../src/platform/schema";
import { queuesWith, testDeps } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { makeIntegration, recordingQueue } from "../../helpers/integrations";

const NOW = Date.parse("2026-11-30T14:00:00Z");
const MINUTE = 60_000;

async function delivery(
  clinicId: string,
  integrationId: string,
  receivedAt: number,
  over: Partial<typeof ehrDeliveries.$inferInsert> = {},
) {
  const id = newId(receivedAt);
  await db()
    .insert(ehrDeliveries)
    .values({
      id,
      clinicId,
      integrationId,
      deliveryKey: `msg_${id}`,
      format: "fhir",
      contentType: "application/fhir+json",
      body: "{}",
      bodyHash: id,
      summary: "Patient",
      receivedAt,
      ...over,
    });
  return id;
}

describe("the unqueued-delivery sweeper (every 5 minutes)", () => {
  it("re-enqueues a stored delivery never attempted after 10 minutes, and nothing that is recent, attempted or finished", async () => {
    const clinic = await makeClinic();
    const integration = await makeIntegration(clinic.id);
    const lost = await delivery(clinic.id, integration.id, NOW - 11 * MINUTE);
    const fresh = await delivery(clinic.id, integration.id, NOW - 2 * MINUTE);
    const retrying = await delivery(clinic.id, integration.id, NOW - 30 * MINUTE, { attempts: 2 });
    const done = await delivery(clinic.id, integration.id, NOW - 30 * MINUTE, { status: "processed", attempts: 1 });
    const { queue, sent } = recordingQueue<EhrInboundEnvelope>();
    const { deps } = testDeps(NOW);

    await sweepUnqueuedDeliveries({ ...deps, queues: queuesWith({ ehrInbound: queue }) });

    const ids = sent.map((m) => m.deliveryId);
    expect(ids).toContain(lost);
    for (const id of [fresh, retrying, done]) expect(ids).not.toContain(id);
    expect(sent.find((m) => m.deliveryId === lost)).toEqual({ v: 1, deliveryId: lost });
  });
});
