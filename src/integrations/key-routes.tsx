import { type Context, Hono } from "hono";
import type { FieldErrors } from "../../templates/components/form";
import { ApiKeysPage } from "../../templates/settings/integrations/api-keys.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { fieldErrors, formStrings } from "../platform/validate";
import { apiKeyFormSchema, idSchema, withScopes } from "./schemas";
import * as service from "./service";
import { apiScopes } from "./tables";
import { apiKeyView } from "./views";

type C = Context<AppEnv>;

/** Settings -> API keys (owner/admin: the /settings guard where this is mounted). */
export const apiKeyRoutes = new Hono<AppEnv>();

interface KeysExtra {
  created?: { name: string; key: string };
  notice?: string;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

async function renderKeys(c: C, extra: KeysExtra = {}, status: 200 | 422 = 200) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const [keys, integrations] = await Promise.all([
    service.listApiKeys(deps, staff.clinicId),
    service.listIntegrations(deps, staff.clinicId),
  ]);
  const names = new Map(integrations.map((i) => [i.id, i.name]));
  return c.html(
    <ApiKeysPage
      staff={layoutStaff(staff)}
      keys={keys.map((k) => apiKeyView(k, names, staff.clinicTimeZone))}
      scopes={apiScopes}
      integrations={integrations.filter((i) => i.disabledAt === null).map((i) => ({ id: i.id, name: i.name }))}
      checkedScopes={extra.values ? withScopes(extra.values).scopes : []}
      {...extra}
    />,
    status,
  );
}

apiKeyRoutes.get("/", (c) =>
  renderKeys(c, { notice: c.req.query("revoked") === "1" ? "API key revoked: it no longer works." : undefined }),
);

/** The new key is in this answer only (not a redirect, so it never sits in a URL or a later page). */
apiKeyRoutes.post("/", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = apiKeyFormSchema.safeParse(withScopes(values));
  if (!parsed.success) return renderKeys(c, { values, errors: fieldErrors(parsed.error) }, 422);
  const created = await service.createApiKey(c.get("deps"), staffActor(c), parsed.data);
  if (!created.ok) return renderKeys(c, { values, errors: { integrationId: "Choose one of this clinic's integrations" } }, 422);
  return renderKeys(c, { created: { name: parsed.data.name, key: created.value.key } });
});

apiKeyRoutes.post("/:keyId/revoke", async (c) => {
  const id = idSchema.safeParse(c.req.param("keyId"));
  const revoked = id.success ? await service.revokeApiKey(c.get("deps"), staffActor(c), id.data) : undefined;
  if (!revoked?.ok) throw new AppError("not_found", "No such API key.");
  return c.redirect("/settings/api-keys?revoked=1", 303);
});
