import { type Context, Hono } from "hono";
import type { FieldErrors } from "../../templates/components/form";
import { IntegrationDetailPage, type IntegrationDetailProps } from "../../templates/settings/integrations/detail.page";
import { IntegrationListPage } from "../../templates/settings/integrations/list.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { staffActor } from "../platform/audit";
import { publicOrigin } from "../platform/client";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { fieldErrors, formStrings } from "../platform/validate";
import { eventRoutes } from "./event-routes";
import { idSchema, integrationFormSchema, outboundFormSchema, rotateFormSchema, secretProblem, withEvents } from "./schemas";
import * as service from "./service";
import { integrationKinds, outboundEventTypes, signatureSchemes } from "./tables";
import { detailView, listItem } from "./views";

type C = Context<AppEnv>;

/** Settings -> Integrations (owner/admin: the /settings guard where this is mounted). */
export const integrationRoutes = new Hono<AppEnv>();

/** An unknown id, or another clinic's, is simply not found: no hint that it exists. */
const notFound = () => new AppError("not_found", "No such integration.");
/** Plain http delivery URLs are for a receiver on a developer's own machine only. */
const allowLocalHttp = (c: C) => c.get("deps").vars.APP_ENV === "development";

function idParam(c: C): string {
  const id = idSchema.safeParse(c.req.param("id"));
  if (!id.success) throw notFound();
  return id.data;
}

async function renderList(c: C, form: { values?: Record<string, string>; errors?: FieldErrors } = {}, status: 200 | 409 | 422 = 200) {
  const staff = currentStaff(c);
  const rows = await service.listIntegrations(c.get("deps"), staff.clinicId);
  const checked = form.values ? withEvents(form.values).subscribedEvents : [];
  return c.html(
    <IntegrationListPage
      staff={layoutStaff(staff)}
      integrations={rows.map(listItem)}
      kinds={integrationKinds}
      schemes={signatureSchemes}
      eventTypes={outboundEventTypes}
      allowLocalHttp={allowLocalHttp(c)}
      values={form.values}
      subscribedEvents={checked}
      errors={form.errors}
    />,
    status,
  );
}

type DetailExtra = Pick<IntegrationDetailProps, "secret" | "notice" | "outbound" | "rotate">;

async function renderDetail(c: C, id: string, extra: DetailExtra = {}, status: 200 | 422 = 200) {
  const integration = await service.findIntegration(c.get("deps"), currentStaff(c).clinicId, id);
  return detailPage(c, integration, extra, status);
}

function detailPage(c: C, integration: service.IntegrationRow | undefined, extra: DetailExtra, status: 200 | 422 = 200) {
  if (!integration) throw notFound();
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const view = detailView(integration, publicOrigin(c, deps.vars.PUBLIC_URL), staff.clinicTimeZone, deps.clock.now());
  return c.html(
    <IntegrationDetailPage
      staff={layoutStaff(staff)}
      integration={view}
      eventTypes={outboundEventTypes}
      allowLocalHttp={allowLocalHttp(c)}
      {...extra}
    />,
    status,
  );
}

integrationRoutes.get("/", (c) => renderList(c));

integrationRoutes.post("/", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = integrationFormSchema(allowLocalHttp(c)).safeParse(withEvents(values));
  if (!parsed.success) return renderList(c, { values, errors: fieldErrors(parsed.error) }, 422);
  const created = await service.createIntegration(c.get("deps"), staffActor(c), parsed.data);
  if (!created.ok) return renderList(c, { values, errors: { name: "This clinic already has an integration with this name." } }, 409);
  return c.redirect(`/settings/integrations/${created.value}?created=1`, 303);
});

const notices: Record<string, string> = {
  created: "Integration created. Give the EHR the webhook URL and the signing secret below.",
  rotated: "New secret saved. The previous one keeps working for 24 hours: give the EHR the new one before then.",
  saved: "Outbound settings saved.",
  disabled: "Integration disabled.",
  enabled: "Integration enabled.",
};
const noticeOf = (c: C) => Object.keys(notices).find((k) => c.req.query(k) === "1");

integrationRoutes.get("/:id", (c) => {
  const key = noticeOf(c);
  return renderDetail(c, idParam(c), { notice: key ? notices[key] : undefined });
});

/** The secret on screen: a separate, audited view, so that opening the page does not show it. */
integrationRoutes.get("/:id/secret", async (c) => {
  const integration = await service.revealSecret(c.get("deps"), staffActor(c), idParam(c));
  return detailPage(c, integration, { secret: integration?.secret });
});

integrationRoutes.post("/:id/rotate", async (c) => {
  const id = idParam(c);
  const deps = c.get("deps");
  const integration = await service.findIntegration(deps, currentStaff(c).clinicId, id);
  if (!integration) throw notFound();
  const parsed = rotateFormSchema.safeParse(formStrings(await c.req.parseBody()));
  const problem = parsed.success ? secretProblem(integration.signatureScheme, parsed.data.secret) : "At most 200 characters";
  if (!parsed.success || problem) return detailPage(c, integration, { rotate: { errors: { secret: problem ?? "" } } }, 422);
  const rotated = await service.rotateSecret(deps, staffActor(c), id, parsed.data.secret);
  if (!rotated.ok) throw notFound();
  return c.redirect(`/settings/integrations/${id}?rotated=1`, 303);
});

integrationRoutes.post("/:id/outbound", async (c) => {
  const id = idParam(c);
  const values = formStrings(await c.req.parseBody());
  const withTicked = withEvents(values);
  const parsed = outboundFormSchema(allowLocalHttp(c)).safeParse(withTicked);
  if (!parsed.success) {
    const kept = { deliveryUrl: values.deliveryUrl ?? "", subscribedEvents: withTicked.subscribedEvents };
    const outbound = { values: kept, errors: fieldErrors(parsed.error) };
    return renderDetail(c, id, { outbound }, 422);
  }
  const saved = await service.updateOutbound(c.get("deps"), staffActor(c), id, parsed.data);
  if (!saved.ok) throw notFound();
  return c.redirect(`/settings/integrations/${id}?saved=1`, 303);
});

for (const [action, disabled] of [
  ["disable", true],
  ["enable", false],
] as const) {
  integrationRoutes.post(`/:id/${action}`, async (c) => {
    const id = idParam(c);
    const changed = await service.setDisabled(c.get("deps"), staffActor(c), id, disabled);
    if (!changed.ok) throw notFound();
    return c.redirect(`/settings/integrations/${id}?${disabled ? "disabled" : "enabled"}=1`, 303);
  });
}

// Events (inbound deliveries) live under each integration: /:id/events...
integrationRoutes.route("/", eventRoutes);
