import { Hono } from "hono";
import type { AppEnv } from "../platform/env";

/** /referrals: referral sources and what became of the patients they sent. */
export const referralRoutes = new Hono<AppEnv>();
