import { Hono } from "hono";
import type { AppEnv } from "../platform/env";

/** Episodes of care, plans of care and authorizations, under /patients/:id/episodes. */
export const episodeRoutes = new Hono<AppEnv>();
