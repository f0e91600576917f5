import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { EhrInboundEnvelope } from "../../../src/platform/env";
import { ehrDeliveries, integrations } from "../../../src/platform/schema";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { makeIntegration, recordingQueue } from "../../helpers/integrations";
import { appFor, auditCount, makeDelivery } from "./settings-app";

const deliveryOf = (id: string) => db().select().from(ehrDeliveries).where(eq(ehrDeliveries.id, id)).get();
const T0 = Date.parse("2026-11-20T15:00:00Z"); // 10:00 in New York

async function setup() {
  const clinic = await makeClinic();
  const integration = await makeIntegration(clinic.id);
  const owner = await signIn(clinic.staff.owner.email);
  return { clinic, integration, owner, events: `/settings/integrations/${integration.id}/events` };
}

describe("Settings -> Integrations -> Events", () => {
  it("lists deliveries newest first with status, failure reason, attempts and outcome counts, filtered by status", async () => {
    const { clinic, integration, owner, events } = await setup();
    await makeDelivery(clinic.id, integration.id, { receivedAt: T0, summary: "Bundle/transaction" });
    await makeDelivery(clinic.id, integration.id, {
      receivedAt: T0 + 60_000,
      summary: "SIU^S12",
      format: "hl7v2",
      status: "failed",
      reason: "Appointment/a1: no start time",
      attempts: 3,
      outcome: JSON.stringify({ Appointment: { applied: 0, unchanged: 0, skipped: 0, failed: 1 } }),
    });
    await makeDelivery(clinic.id, integration.id, {
      receivedAt: T0 + 120_000,
      summary: "Basic",
      status: "skipped",
      reason: "Basic: not a resource Rapport keeps",
      outcome: JSON.stringify({ Basic: { applied: 0, unchanged: 0, skipped: 1, failed: 0 } }),
    });
    await makeDelivery(clinic.id, integration.id, {
      receivedAt: T0 + 180_000,
      summary: "Patient",
      status: "accepted",
      outcome: null,
      processedAt: null,
    });

    const html = await (await owner.get(events)).text();
    const order = ["Patient", "Basic", "SIU^S12", "Bundle/transaction"].map((s) => html.indexOf(`>${s}<span class="visually-hidden">`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain("Appointment/a1: no start time");
    expect(html).toContain("Basic: not a resource Rapport keeps");
    expect(html).toContain("Patient: 1 applied");
    expect(html).toContain("Appointment: 1 failed");
    expect(html).toContain("Fri 20 Nov 2026 10:01"); // the failed one, in the clinic's zone
    for (const s of ["Accepted", "Processed", "Skipped", "Failed"]) expect(html).toContain(`>${s}</span>`);
    expect(html).toContain("Failed (1)");
    expect(html).toContain(`/settings/integrations/${integration.id}/webhooks`);

    const failed = await (await owner.get(`${events}?status=failed`)).text();
    expect(failed).toContain("SIU^S12");
    expect(failed).not.toContain(">Bundle/transaction</a>");
    expect(failed).not.toContain(">Basic</a>");
  });

  it("pages through older deliveries", async () => {
    const { clinic, integration, owner, events } = await setup();
    for (let i = 0; i < 53; i++) await makeDelivery(clinic.id, integration.id, { receivedAt: T0 + i * 1000, summary: `Delivery-${i}` });
    const first = await (await owner.get(events)).text();
    expect(first).toContain('>Delivery-52<span class="visually-hidden">');
    expect(first).toContain('>Delivery-3<span class="visually-hidden">');
    expect(first).not.toContain('>Delivery-2<span class="visually-hidden">');
    const next = /href="([^"]+)" rel="next"/.exec(first)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toBeDefined();
    const second = await (await owner.get(next ?? "")).text();
    expect(second).toContain('>Delivery-2<span class="visually-hidden">');
    expect(second).toContain('>Delivery-0<span class="visually-hidden">');
    expect(second).not.toContain('>Delivery-3<span class="visually-hidden">');
    expect(second).not.toContain('rel="next"');
  });

  it("shows the raw payload escaped, and every view writes an audit row", async () => {
    const { clinic, integration, owner, events } = await setup();
    const body = JSON.stringify({ resourceType: "Patient", id: "p1", name: [{ text: "<script>alert(1)</script>" }] });
    const d = await makeDelivery(clinic.id, integration.id, { body });
    const hl7 = await makeDelivery(clinic.id, integration.id, {
      format: "hl7v2",
      contentType: "x-application/hl7-v2+er7",
      summary: "SIU^S12",
      body: "MSH|^~\\&|EHR|CLINIC\rSCH|1234",
    });
    const res = await owner.get(`${events}/${d.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&quot;resourceType&quot;:&quot;Patient&quot;");
    expect(await auditCount(clinic.id, "ehr.payload_viewed")).toBe(1);
    await owner.get(`${events}/${d.id}`);
    expect(await auditCount(clinic.id, "ehr.payload_viewed")).toBe(2);
    expect(await (await owner.get(`${events}/${hl7.id}`)).text()).toContain("MSH|^~\\&amp;|EHR|CLINIC\nSCH|1234");
  });

  it("Replay puts the delivery back to accepted and enqueues its id on ehr-inbound", async () => {
    const { clinic, integration, owner, events } = await setup();
    const d = await makeDelivery(clinic.id, integration.id, { status: "failed", reason: "Patient/p1: no name", attempts: 5 });
    const { queue, sent } = recordingQueue<EhrInboundEnvelope>();
    const app = appFor(owner, { queues: queuesWith({ ehrInbound: queue }) });
    const res = await app.post(`${events}/${d.id}/replay`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${events}?replayed=1`);
    expect(sent).toEqual([{ v: 1, deliveryId: d.id }]);
    const row = await deliveryOf(d.id);
    expect(row).toMatchObject({ status: "accepted", reason: null, processedAt: null, outcome: null, body: d.body });
    expect(await auditCount(clinic.id, "ehr.delivery_replayed")).toBe(1);
    expect(await (await app.get(`${events}?replayed=1`)).text()).toContain("Replay queued");
  });

  it("refuses to replay for a disabled integration (409) and enqueues nothing", async () => {
    const { clinic, integration, owner, events } = await setup();
    const d = await makeDelivery(clinic.id, integration.id, { status: "failed", reason: "boom" });
    await db().update(integrations).set({ disabledAt: Date.now() }).where(eq(integrations.id, integration.id));
    const { queue, sent } = recordingQueue<EhrInboundEnvelope>();
    const res = await appFor(owner, { queues: queuesWith({ ehrInbound: queue }) }).post(`${events}/${d.id}/replay`);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("enable it before replaying");
    expect(sent).toEqual([]);
    expect((await deliveryOf(d.id))?.status).toBe("failed");
  });

  it("another clinic's deliveries, or another integration's, are not found and not replayed", async () => {
    const { clinic, integration, owner, events } = await setup();
    const second = await makeIntegration(clinic.id, { name: "Second EHR" });
    const other = await makeClinic("Other");
    const theirIntegration = await makeIntegration(other.id);
    const theirs = await makeDelivery(other.id, theirIntegration.id, { status: "failed", reason: "x" });
    const mineElsewhere = await makeDelivery(clinic.id, second.id, { status: "failed", reason: "y" });
    const { queue, sent } = recordingQueue<EhrInboundEnvelope>();
    const app = appFor(owner, { queues: queuesWith({ ehrInbound: queue }) });
    const paths = [
      `${events}/${theirs.id}`,
      `${events}/${mineElsewhere.id}`,
      `/settings/integrations/${theirIntegration.id}/events`,
      `/settings/integrations/${theirIntegration.id}/events/${theirs.id}`,
    ];
    for (const path of paths) expect((await app.get(path)).status, path).toBe(404);
    for (const path of [`${events}/${theirs.id}/replay`, `${events}/${mineElsewhere.id}/replay`, `${paths[3]}/replay`]) {
      expect((await app.post(path)).status, path).toBe(404);
    }
    expect(sent).toEqual([]);
    expect((await deliveryOf(theirs.id))?.status).toBe("failed");
    expect(await auditCount(clinic.id, "ehr.payload_viewed")).toBe(0);
    expect(await (await app.get(events)).text()).toContain("No deliveries yet");
    expect(integration.clinicId).toBe(clinic.id);
  });
});
