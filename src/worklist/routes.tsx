import { Hono } from "hono";
import type { AppEnv } from "../platform/env";

/** /worklist: tasks with filters, made by hand or by rules. */
export const worklistRoutes = new Hono<AppEnv>();
