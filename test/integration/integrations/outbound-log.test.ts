import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { handleWebhookBatch, handleWebhookDeadLetters } from "../../../src/integrations/outbound/consumer";
import { auditEvents, integrations, webhookDeliveries } from "../../../src/platform/schema";
import { localParts } from "../../../src/platform/time";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { BASE, type Browser, env, signIn } from "../../helpers/http";
import { makeIntegration } from "../../helpers/integrations";
import { CRM_URL, capturingQueue, fakeReceiver, outboundDeps, pendingDelivery, recordingBatch } from "./outbound-fakes";

async function setup() {
  const t = outboundDeps();
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const integration = await makeIntegration(clinic.id, {
    name: "Acme CRM",
    kind: "crm",
    deliveryUrl: CRM_URL,
    subscribedEvents: '["patient.at_risk"]',
  });
  const delivery = await pendingDelivery(t.deps, clinic.id, patient.id, integration.id);
  const owner = await signIn(clinic.staff.owner.email);
  const row = async () => db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id)).get();
  const logPath = `/settings/integrations/${integration.id}/webhooks`;
  return { ...t, clinic, patient, integration, delivery, owner, row, logPath };
}

/** The app with its webhooks queue captured, so a replay never reaches the real queue (and its real sender). */
async function replayAs(browser: Browser, path: string) {
  const { sent, queue } = capturingQueue();
  const app = createApp({ queues: queuesWith({ webhooks: queue }) });
  const res = await app.fetch(
    new Request(`${BASE}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: `rapport_session=${browser.cookie}`, origin: BASE, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: browser.csrf }).toString(),
    }),
    env,
  );
  return { res, sent };
}

describe("webhook log page", () => {
  it("a dead-lettered delivery shows as failed with its last error, the payload and the clinic's time", async () => {
    const t = await setup();
    const receiver = fakeReceiver([503]);
    await handleWebhookBatch(recordingBatch({ v: 1, deliveryId: t.delivery.id }).batch, t.deps, receiver.send);
    await handleWebhookDeadLetters(recordingBatch({ v: 1, deliveryId: t.delivery.id }, 1, "outbound-webhooks-dlq").batch, t.deps);

    const res = await t.owner.get(t.logPath);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    expect(html).toContain("Webhooks sent to Acme CRM");
    expect(html).toContain("patient.at_risk");
    expect(html).toContain("Failed");
    expect(html).toContain("gave up after 1 attempt; last: HTTP 503");
    expect(html).toContain(`&quot;patient_id&quot;: &quot;${t.patient.id}&quot;`);
    const created = localParts(t.delivery.createdAt, "America/New_York");
    expect(html).toContain(`${created.date} ${created.time}`);
    expect(html).toContain(`action="${t.logPath}/${t.delivery.id}/replay"`);
    const viewed = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, t.clinic.id), eq(auditEvents.action, "integration.webhook_log.view")))
      .all();
    expect(viewed).toHaveLength(1);
  });

  it("is for the clinic's owner and admin only: another clinic's owner gets 404, the front desk 403", async () => {
    const t = await setup();
    const elsewhere = await makeClinic();
    const stranger = await signIn(elsewhere.staff.owner.email);
    expect((await stranger.get(t.logPath)).status).toBe(404);
    expect((await stranger.get("/settings/integrations/no-such-integration/webhooks")).status).toBe(404);
    const desk = await signIn(t.clinic.staff.front_desk.email);
    expect((await desk.get(t.logPath)).status).toBe(403);
    const admin = await signIn(t.clinic.staff.admin.email);
    expect((await admin.get(t.logPath)).status).toBe(200);
  });
});

describe("replay", () => {
  it("puts a delivered webhook back on the queue, audited, and the consumer sends it again with the same webhook-id", async () => {
    const t = await setup();
    const receiver = fakeReceiver([200, 200]);
    await handleWebhookBatch(recordingBatch({ v: 1, deliveryId: t.delivery.id }).batch, t.deps, receiver.send);
    expect(await t.row()).toMatchObject({ status: "delivered", attempts: 1 });

    const { res, sent } = await replayAs(t.owner, `${t.logPath}/${t.delivery.id}/replay`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${t.logPath}?replayed=1`);
    expect(sent).toEqual([t.delivery.id]);
    expect(await t.row()).toMatchObject({ status: "pending", deliveredAt: null, lastAttemptAt: null });
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, t.clinic.id), eq(auditEvents.action, "integration.webhook_replay")))
      .all();
    expect(audit).toMatchObject([{ actorType: "staff", actorId: t.clinic.staff.owner.id, patientId: t.patient.id }]);
    expect(await (await t.owner.get(`${t.logPath}?replayed=1`)).text()).toContain("queued to be sent again");

    t.clock.advance(60_000);
    const again = recordingBatch({ v: 1, deliveryId: t.delivery.id });
    await handleWebhookBatch(again.batch, t.deps, receiver.send);
    expect(again.outcome.acked).toBe(true);
    expect(receiver.calls.map((c) => c.headers["webhook-id"])).toEqual([`msg_${t.delivery.id}`, `msg_${t.delivery.id}`]);
    expect(receiver.calls[1]?.body).toBe(t.delivery.payload);
    expect(await t.row()).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("another clinic's delivery is not found, and a disabled integration's is refused with a reason; nothing is enqueued", async () => {
    const t = await setup();
    const elsewhere = await makeClinic();
    const stranger = await signIn(elsewhere.staff.owner.email);
    const foreign = await replayAs(stranger, `${t.logPath}/${t.delivery.id}/replay`);
    expect(foreign.res.status).toBe(404);
    expect(foreign.sent).toEqual([]);

    await db().update(integrations).set({ disabledAt: Date.now() }).where(eq(integrations.id, t.integration.id));
    const refused = await replayAs(t.owner, `${t.logPath}/${t.delivery.id}/replay`);
    expect(refused.res.status).toBe(409);
    expect(await refused.res.text()).toContain("disabled or has no delivery URL");
    expect(refused.sent).toEqual([]);
    expect(await t.row()).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("without the CSRF token nothing happens", async () => {
    const t = await setup();
    const { res, sent } = await replayAs({ ...t.owner, csrf: "wrong" }, `${t.logPath}/${t.delivery.id}/replay`);
    expect(res.status).toBe(403);
    expect(sent).toEqual([]);
  });
});
