import { Hono } from "hono";
import { rollClinic } from "../analytics/rollup";
import type { AppEnv } from "../platform/env";
import { timingSafeEqual } from "../platform/ids";
import { DEFAULT_ORIGIN, demoClinicIds, demoLogins } from "./generator";
import { ensureDemoIntegration } from "./integration";
import { ensureDemoRisk } from "./risk";
import { seedDemoIfEmpty } from "./seed";

/** POST /dev/seed: called by `npm start` (development only, with the DEV_SEED_TOKEN secret). */
export const seedRoutes = new Hono<AppEnv>();

seedRoutes.post("/seed", async (c) => {
  const deps = c.get("deps");
  const expected = deps.vars.DEV_SEED_TOKEN;
  const given = (c.req.header("authorization") ?? "").replace(/^Bearer /, "");
  if (!expected || !timingSafeEqual(given, expected)) return c.json({ error: "unauthorized" }, 401);
  // Links in the demo's messages point where the app's own messages would (PUBLIC_URL, else the app's fallback).
  const origin = deps.vars.PUBLIC_URL ? new URL(deps.vars.PUBLIC_URL).origin : DEFAULT_ORIGIN;
  const seeded = await seedDemoIfEmpty(deps.db, deps.clock.now(), origin);
  await ensureDemoIntegration(deps.db, { secret: deps.vars.DEMO_EHR_SECRET, apiKey: deps.vars.DEMO_API_KEY }, deps.clock.now());
  const risk = await ensureDemoRisk(deps, demoClinicIds);
  // The nightly analytics rollup's own per-clinic step, so the page reads rolled days from the first
  // sign-in. Safe on every start: it recounts and writes only what changed.
  const analytics = [];
  for (const clinicId of demoClinicIds) analytics.push(await rollClinic(deps, clinicId));
  return c.json({ seeded, logins: demoLogins, risk, analytics });
});
