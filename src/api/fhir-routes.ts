import type { Context } from "hono";
import { Hono } from "hono";
import { searchsetBundle } from "../ehr/fhir-out/bundle";
import { capabilityStatement } from "../ehr/fhir-out/capability";
import { recordAudit } from "../platform/audit";
import { publicOrigin } from "../platform/client";
import { type ApiEnv, integrationActor, requireApiKey } from "./auth";
import { fhirAuthFailure, fhirError, fhirJson } from "./errors";
import { isFhirResourceType, parseSearch, supportedResources } from "./fhir-search";
import { readFhir, searchedPatient, searchFhir } from "./fhir-service";

/**
 * FHIR R4 read API at /fhir/R4: CapabilityStatement, read and search for the resources in
 * fhir-search.ts. API keys with fhir:read; every answer, errors included, is FHIR JSON.
 */
export const fhirRoutes = new Hono<ApiEnv>();

const fhirBase = (c: Context<ApiEnv>) => `${publicOrigin(c, c.get("deps").vars.PUBLIC_URL)}/fhir/R4`;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

// The CapabilityStatement is public (clients discover the server before they hold a key) and holds no clinic data.
fhirRoutes.get("/metadata", (c) => {
  const deps = c.get("deps");
  return fhirJson(
    c,
    capabilityStatement({ base: fhirBase(c), version: deps.vars.APP_VERSION, now: deps.clock.now(), resources: supportedResources }),
  );
});

fhirRoutes.use(
  "*",
  requireApiKey(() => "fhir:read", fhirAuthFailure),
);

fhirRoutes.get("/:type", async (c) => {
  const type = c.req.param("type");
  if (!isFhirResourceType(type))
    return fhirError(c, 404, "not-supported", `Resource type ${type.slice(0, 64)} is not supported here; see /fhir/R4/metadata.`);
  const caller = c.get("caller");
  const url = new URL(c.req.url);
  const parsed = parseSearch(type, url.searchParams, caller.clinicTimeZone);
  if (!parsed.ok) return fhirError(c, 400, parsed.code, parsed.message);
  const deps = c.get("deps");
  const found = await searchFhir(deps.db, caller.clinicId, parsed.query);
  await recordAudit(deps, integrationActor(c), `fhir.search ${type}`, searchedPatient(parsed.query, found));
  const base = fhirBase(c);
  return fhirJson(
    c,
    searchsetBundle({
      base,
      searchUrl: `${base}/${type}${url.search}`,
      resources: found.resources,
      total: found.total,
      page: parsed.query.page,
      now: deps.clock.now(),
    }),
  );
});

fhirRoutes.get("/:type/:id", async (c) => {
  const type = c.req.param("type");
  const id = c.req.param("id");
  if (!isFhirResourceType(type))
    return fhirError(c, 404, "not-supported", `Resource type ${type.slice(0, 64)} is not supported here; see /fhir/R4/metadata.`);
  const deps = c.get("deps");
  const found = FHIR_ID.test(id) ? await readFhir(deps.db, c.get("caller").clinicId, type, id) : null;
  // Not-found reads are recorded too: guessing ids is exactly what the audit log should show.
  await recordAudit(deps, integrationActor(c), `fhir.read ${type}`, found?.patientId ?? null);
  if (!found) return fhirError(c, 404, "not-found", `${type}/${id.slice(0, 64)} is not known.`);
  return fhirJson(c, found.resource);
});

fhirRoutes.all("*", (c) => {
  if (c.req.method !== "GET") return fhirError(c, 405, "not-supported", "This FHIR server is read-only: use GET.", { Allow: "GET" });
  return fhirError(c, 404, "not-found", "No such FHIR endpoint; see /fhir/R4/metadata.");
});

fhirRoutes.onError((error, c) => {
  c.get("deps")?.logger.error("fhir.unhandled", { requestId: c.get("requestId"), route: c.req.routePath, error });
  return fhirError(c, 500, "exception", `Internal error. Request id ${c.get("requestId")}.`);
});
