import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** RFC 9457 problem details for JSON APIs. */
export function problem(c: Context, status: ContentfulStatusCode, title: string, detail?: string, extra: Record<string, unknown> = {}) {
  return c.body(
    JSON.stringify({ type: "about:blank", title, status, ...(detail ? { detail } : {}), instance: c.req.path, ...extra }),
    status,
    { "Content-Type": "application/problem+json" },
  );
}

export function wantsJson(c: Context): boolean {
  const path = c.req.path;
  if (path.startsWith("/api/") || path.endsWith(".json") || path === "/healthz") return true;
  const accept = c.req.header("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}
