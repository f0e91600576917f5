import { Hono } from "hono";
import type { AppEnv } from "../platform/env";

/** /schedule: day and week views, booking and visit actions (front desk). */
export const scheduleRoutes = new Hono<AppEnv>();
