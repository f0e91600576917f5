import { type Context, Hono } from "hono";
import { EventsPage } from "../../templates/settings/integrations/events.page";
import { PayloadPage } from "../../templates/settings/integrations/payload.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { replayDelivery } from "../ehr/replay";
import { ehrDeliveryStatuses } from "../ehr/tables";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { eventsQuerySchema, idSchema } from "./schemas";
import * as service from "./service";
import { at, deliveryRowView, displayBody, outcomeText } from "./views";

type C = Context<AppEnv>;

const PAGE = 50;

/** Settings -> Integrations -> Events: inbound deliveries, their payloads (audited) and Replay. Mounted under /settings/integrations. */
export const eventRoutes = new Hono<AppEnv>();

const notFound = () => new AppError("not_found", "No such delivery.");

function params(c: C) {
  const id = idSchema.safeParse(c.req.param("id"));
  const deliveryId = idSchema.safeParse(c.req.param("deliveryId") ?? "");
  if (!id.success) throw new AppError("not_found", "No such integration.");
  return { id: id.data, deliveryId: deliveryId.success ? deliveryId.data : null };
}

async function renderEvents(c: C, integrationId: string, extra: { error?: string } = {}, status: 200 | 409 = 200) {
  const staff = currentStaff(c);
  const q = eventsQuerySchema.parse(c.req.query());
  const [receivedAt, id] = q.before ? q.before.split(".") : [];
  const before = receivedAt && id ? { receivedAt: Number(receivedAt), id } : undefined;
  const page = await service.deliveryEvents(c.get("deps"), staff.clinicId, integrationId, { status: q.status, before }, PAGE);
  if (!page) throw new AppError("not_found", "No such integration.");
  const base = `/settings/integrations/${integrationId}/events`;
  const withQuery = (more: Record<string, string>) => {
    const search = new URLSearchParams({ ...(q.status ? { status: q.status } : {}), ...more }).toString();
    return search ? `${base}?${search}` : base;
  };
  const last = page.deliveries.length === PAGE ? page.deliveries[page.deliveries.length - 1] : undefined;
  return c.html(
    <EventsPage
      staff={layoutStaff(staff)}
      integration={{ id: page.integration.id, name: page.integration.name }}
      deliveries={page.deliveries.map((d) => deliveryRowView(d, staff.clinicTimeZone))}
      statuses={ehrDeliveryStatuses}
      counts={page.counts}
      status={q.status}
      nextHref={last ? withQuery({ before: `${last.receivedAt}.${last.id}` }) : null}
      firstHref={before ? withQuery({}) : null}
      replayed={q.replayed === "1"}
      {...extra}
    />,
    status,
  );
}

eventRoutes.get("/:id/events", (c) => renderEvents(c, params(c).id));

eventRoutes.get("/:id/events/:deliveryId", async (c) => {
  const { id, deliveryId } = params(c);
  const found = deliveryId ? await service.viewPayload(c.get("deps"), staffActor(c), id, deliveryId) : undefined;
  if (!found) throw notFound();
  const { integration, delivery: d } = found;
  const tz = currentStaff(c).clinicTimeZone;
  return c.html(
    <PayloadPage
      staff={layoutStaff(currentStaff(c))}
      integration={{ id: integration.id, name: integration.name }}
      delivery={{
        id: d.id,
        deliveryKey: d.deliveryKey,
        summary: d.summary,
        contentType: d.contentType,
        status: d.status,
        reason: d.reason,
        attempts: d.attempts,
        outcome: outcomeText(d.outcome),
        receivedAt: at(d.receivedAt, tz),
        processedAt: d.processedAt === null ? null : at(d.processedAt, tz),
        body: displayBody(d.body, d.format),
      }}
    />,
  );
});

eventRoutes.post("/:id/events/:deliveryId/replay", async (c) => {
  const { id, deliveryId } = params(c);
  const deps = c.get("deps");
  // The delivery must be this integration's (and so this clinic's): replayDelivery checks the clinic.
  const delivery = deliveryId ? await service.findDelivery(deps, currentStaff(c).clinicId, id, deliveryId) : undefined;
  if (!delivery) throw notFound();
  const replayed = await replayDelivery(deps, staffActor(c), delivery.id);
  if (!replayed.ok && replayed.error === "not_found") throw notFound();
  if (!replayed.ok) return renderEvents(c, id, { error: "This integration is disabled: enable it before replaying its deliveries." }, 409);
  return c.redirect(`/settings/integrations/${id}/events?replayed=1`, 303);
});
