import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handleEhrInboundBatch, retryDelaySeconds } from "../../../src/ehr/consumer";
import worker from "../../../src/index";
import { integrations } from "../../../src/integrations/tables";
import type { Db } from "../../../src/platform/db";
import { patients } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { ehrClinic, fakeBatch, fhirPatient } from "./processing-setup";

/** The same database, except that every batch write fails as in a D1 outage. */
function failingWrites(real: Db): Db {
  return new Proxy(real, {
    get(target, prop, receiver) {
      if (prop !== "$client") return Reflect.get(target, prop, receiver);
      const client = target.$client;
      return new Proxy(client, {
        get(c, p) {
          if (p === "batch") return async () => Promise.reject(new Error("D1_ERROR: simulated outage"));
          const value = Reflect.get(c, p);
          return typeof value === "function" ? value.bind(c) : value;
        },
      });
    },
  });
}

describe("the ehr-inbound consumer", () => {
  it("backs off exponentially from 30 s and never waits more than an hour", () => {
    expect([0, 1, 2, 3, 6, 7, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 1920, 3600, 3600]);
  });

  it("retries a delivery whose processing throws, counts the attempts, and the dead-letter queue marks it failed", async () => {
    const t = await ehrClinic();
    const id = await t.store(fhirPatient("p1"));
    const broken = { ...t.deps, db: failingWrites(t.deps.db) };
    const first = await t.consume([id], broken);
    expect(first.acked).toEqual([]);
    expect(first.retried).toEqual([{ id: "m0", delaySeconds: 60 }]);
    const second = await t.consume([id], broken);
    expect(second.retried).toEqual([{ id: "m0", delaySeconds: 120 }]);
    expect(await t.delivery(id)).toMatchObject({
      status: "accepted",
      attempts: 2,
      reason: "attempt failed (Error: D1_ERROR: simulated outage)",
    });
    expect(await db().select().from(patients).where(eq(patients.clinicId, t.clinic.id)).all()).toHaveLength(0);

    const dead = await t.deadLetter([id]);
    expect(dead.acked).toEqual(["m0"]);
    expect(await t.delivery(id)).toMatchObject({
      status: "failed",
      reason: "gave up after 2 attempts: attempt failed (Error: D1_ERROR: simulated outage)",
      processedAt: t.clock.now(),
    });
  });

  it("a dead letter for a delivery processed meanwhile leaves it processed", async () => {
    const t = await ehrClinic();
    const id = await t.store(fhirPatient("p1"));
    await t.consume([id]);
    await t.deadLetter([id]);
    expect((await t.delivery(id)).status).toBe("processed");
  });

  it("an envelope that is not ours is acked and dropped; an unknown delivery id is acked", async () => {
    const t = await ehrClinic();
    const fake = fakeBatch("ehr-inbound", [{ v: 2, deliveryId: "x" }, "nonsense", { v: 1, deliveryId: "no-such-delivery" }]);
    await handleEhrInboundBatch(fake.batch, t.deps);
    expect(fake.acked).toEqual(["m0", "m1", "m2"]);
    expect(fake.retried).toEqual([]);
  });

  it("a delivery for a disabled integration is skipped, nothing taken in", async () => {
    const t = await ehrClinic();
    await db().update(integrations).set({ disabledAt: t.clock.now() }).where(eq(integrations.id, t.integration.id));
    const row = await t.ingest(fhirPatient("p1"));
    expect(row).toMatchObject({ status: "skipped", reason: "the integration is disabled: nothing was taken in" });
    expect(await db().select().from(patients).where(eq(patients.clinicId, t.clinic.id)).all()).toHaveLength(0);
  });

  it("is the worker's consumer for ehr-inbound and ehr-inbound-dlq", async () => {
    const t = await ehrClinic();
    const id = await t.store(fhirPatient("p1"));
    const batch = createMessageBatch("ehr-inbound", [{ id: "q1", timestamp: new Date(), attempts: 1, body: { v: 1, deliveryId: id } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["q1"]);
    expect((await t.delivery(id)).status).toBe("processed");
    const dead = createMessageBatch("ehr-inbound-dlq", [{ id: "q2", timestamp: new Date(), attempts: 1, body: { v: 1, deliveryId: id } }]);
    await worker.queue(dead, env);
    expect((await getQueueResult(dead, createExecutionContext())).explicitAcks).toEqual(["q2"]);
  });
});
