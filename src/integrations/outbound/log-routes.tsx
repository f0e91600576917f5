import { type Context, Hono } from "hono";
import { z } from "zod";
import { WebhookLogPage } from "../../../templates/settings/integrations/webhook-log.page";
import { currentStaff } from "../../auth/middleware";
import { layoutStaff } from "../../auth/view";
import { staffActor } from "../../platform/audit";
import type { AppEnv } from "../../platform/env";
import { AppError } from "../../platform/errors";
import { localParts } from "../../platform/time";
import type { DeliveryRow } from "./repo";
import { deliveryLog, replayDelivery } from "./service";

const PAGE = 50;
// Ids are generated (lower-case base32) or seeded ("demo-ehr"): letters, digits, "-" and "_".
const idSchema = z.string().regex(/^[0-9A-Za-z_-]{1,80}$/);
const paramsSchema = z.object({ id: idSchema });
const replayParamsSchema = z.object({ id: idSchema, deliveryId: idSchema });
const querySchema = z.object({
  before: idSchema.optional().catch(undefined),
  replayed: z.literal("1").optional().catch(undefined),
});

/** An unknown id, or another clinic's, is simply not found: no hint that it exists. */
const notFound = () => new AppError("not_found", "No such integration.");

function at(ms: number | null, timeZone: string): string | null {
  if (ms === null) return null;
  const p = localParts(ms, timeZone);
  return `${p.date} ${p.time}`;
}

function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

async function renderLog(
  c: Context<AppEnv>,
  integrationId: string,
  extra: { replayed?: boolean; error?: string } = {},
  status: 200 | 409 = 200,
) {
  const staff = currentStaff(c);
  const before = querySchema.parse(c.req.query()).before;
  const log = await deliveryLog(c.get("deps"), staffActor(c), integrationId, PAGE, before);
  if (!log) throw notFound();
  const { integration, deliveries } = log;
  const tz = staff.clinicTimeZone;
  const last = deliveries.length === PAGE ? deliveries[deliveries.length - 1] : undefined;
  c.header("Cache-Control", "no-store");
  return c.html(
    <WebhookLogPage
      staff={layoutStaff(staff)}
      timeZone={tz}
      integration={{
        id: integration.id,
        name: integration.name,
        deliveryUrl: integration.deliveryUrl,
        receiving: integration.disabledAt === null && integration.deliveryUrl !== null,
      }}
      deliveries={deliveries.map((d: DeliveryRow) => ({
        id: d.id,
        eventType: d.eventType,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        createdAt: at(d.createdAt, tz) ?? "",
        deliveredAt: at(d.deliveredAt, tz),
        payload: prettyPayload(d.payload),
      }))}
      nextHref={last ? `/settings/integrations/${integration.id}/webhooks?before=${last.id}` : null}
      {...extra}
    />,
    status,
  );
}

/** Settings -> Integrations -> Webhooks (owner/admin, enforced where mounted): the outbound delivery log and Replay. */
export const webhookLogRoutes = new Hono<AppEnv>();

webhookLogRoutes.get("/:id/webhooks", async (c) => {
  const params = paramsSchema.safeParse(c.req.param());
  if (!params.success) throw notFound();
  return renderLog(c, params.data.id, { replayed: querySchema.parse(c.req.query()).replayed === "1" });
});

webhookLogRoutes.post("/:id/webhooks/:deliveryId/replay", async (c) => {
  const params = replayParamsSchema.safeParse(c.req.param());
  if (!params.success) throw new AppError("not_found", "No such webhook.");
  const { id, deliveryId } = params.data;
  const replayed = await replayDelivery(c.get("deps"), staffActor(c), id, deliveryId);
  if (!replayed.ok && replayed.error === "not_found") throw new AppError("not_found", "No such webhook.");
  if (!replayed.ok) {
    return renderLog(c, id, { error: "This integration is disabled or has no delivery URL: set one before replaying." }, 409);
  }
  return c.redirect(`/settings/integrations/${id}/webhooks?replayed=1`, 303);
});
