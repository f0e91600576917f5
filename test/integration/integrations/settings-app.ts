import { and, eq } from "drizzle-orm";
import { createApp } from "../../../src/app";
import type { Deps } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import { auditEvents, ehrDeliveries } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { BASE, type Browser, env } from "../../helpers/http";

/**
 * A signed-in browser's session against an app built with `overrides` (a fixed clock, a recording
 * queue): the session lives in D1, so the cookie from the real sign-in works here too.
 */
export function appFor(browser: Browser, overrides: Partial<Deps> = {}) {
  const app = createApp(overrides);
  const headers = (extra: Record<string, string> = {}) => ({ cookie: `rapport_session=${browser.cookie}`, ...extra });
  return {
    get: (path: string) => app.request(`${BASE}${path}`, { headers: headers(), redirect: "manual" }, env),
    post: (path: string, form: Record<string, string> = {}) =>
      app.request(
        `${BASE}${path}`,
        {
          method: "POST",
          headers: headers({ "content-type": "application/x-www-form-urlencoded", origin: BASE }),
          body: new URLSearchParams({ _csrf: browser.csrf, ...form }).toString(),
          redirect: "manual",
        },
        env,
      ),
  };
}

export const auditCount = async (clinicId: string, action: string) =>
  (
    await db()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.action, action)))
  ).length;

/** An inbound delivery as the webhook route and the consumer would leave it. */
export async function makeDelivery(
  clinicId: string,
  integrationId: string,
  over: Partial<typeof ehrDeliveries.$inferInsert> = {},
): Promise<typeof ehrDeliveries.$inferSelect> {
  const receivedAt = over.receivedAt ?? Date.now();
  const id = newId(receivedAt);
  const body = over.body ?? JSON.stringify({ resourceType: "Patient", id: `p-${id}` });
  return db()
    .insert(ehrDeliveries)
    .values({
      id,
      clinicId,
      integrationId,
      deliveryKey: `msg_${id}`,
      format: "fhir",
      contentType: "application/fhir+json",
      body,
      bodyHash: `hash-${id}`,
      summary: "Patient",
      status: "processed",
      outcome: JSON.stringify({ Patient: { applied: 1, unchanged: 0, skipped: 0, failed: 0 } }),
      attempts: 1,
      receivedAt,
      processedAt: receivedAt + 1000,
      ...over,
    })
    .returning()
    .get();
}
