import type { Context } from "hono";

/** True when htmx made the request, so the route should answer with a fragment. */
export function isHtmx(c: Context): boolean {
  return c.req.header("hx-request") === "true" && c.req.header("hx-history-restore-request") !== "true";
}
