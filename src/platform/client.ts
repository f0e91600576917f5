import type { Context } from "hono";

/** The caller's IP as Cloudflare reports it; only used for rate limits and the audit log. */
export function clientIp(c: Context): string {
  return c.req.header("cf-connecting-ip") ?? c.req.header("x-real-ip") ?? "unknown";
}

export function userAgent(c: Context): string | null {
  return c.req.header("user-agent")?.slice(0, 300) ?? null;
}

/** Origin for links we email: the configured public URL in production, else the request's own. */
export function publicOrigin(c: Context, configured: string | undefined): string {
  return configured ? new URL(configured).origin : new URL(c.req.url).origin;
}
