import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { LoginPage, VerifyPage } from "../../templates/auth/login.page";
import { clientIp, publicOrigin } from "../platform/client";
import type { AppEnv } from "../platform/env";
import { cookieIsSecure, SESSION_COOKIE } from "./model";
import { loginRequestSchema, loginTokenSchema } from "./schemas";
import { loginTokenIsUsable, requestLoginLink, signInWithToken, signOut } from "./service";

export const authRoutes = new Hono<AppEnv>();

authRoutes.get("/login", (c) => (c.get("staff") ? c.redirect("/", 303) : c.html(<LoginPage />)));

authRoutes.post(
  "/login",
  zValidator("form", loginRequestSchema, (result, c) => {
    if (!result.success) return c.html(<LoginPage error="Enter a valid email address" />, 422);
  }),
  async (c) => {
    const { email } = c.req.valid("form");
    const outcome = await requestLoginLink(c.get("deps"), {
      email,
      clientIp: clientIp(c),
      origin: publicOrigin(c, c.get("deps").vars.PUBLIC_URL),
    });
    if (outcome === "rate_limited") return c.html(<LoginPage rateLimited />, 429);
    return c.html(<LoginPage sent />);
  },
);

// GET only shows a button: mail scanners that prefetch the link must not sign anyone in.
authRoutes.get("/login/verify", async (c) => {
  c.header("Referrer-Policy", "no-referrer");
  const parsed = loginTokenSchema.safeParse({ token: c.req.query("token") });
  if (!parsed.success) return c.html(<VerifyPage token="" usable={false} />, 400);
  const usable = await loginTokenIsUsable(c.get("deps"), parsed.data.token);
  return c.html(<VerifyPage token={parsed.data.token} usable={usable} />, usable ? 200 : 410);
});

authRoutes.post(
  "/login/verify",
  zValidator("form", loginTokenSchema, (result, c) => {
    if (!result.success) return c.html(<VerifyPage token="" usable={false} />, 400);
  }),
  async (c) => {
    c.header("Referrer-Policy", "no-referrer");
    const signedIn = await signInWithToken(c.get("deps"), c.req.valid("form").token);
    if (!signedIn) return c.html(<VerifyPage token="" usable={false} />, 410);
    setCookie(c, SESSION_COOKIE, signedIn.cookie, {
      httpOnly: true,
      secure: cookieIsSecure(new URL(c.req.url)),
      sameSite: "Lax",
      path: "/",
      maxAge: signedIn.maxAgeSeconds,
    });
    return c.redirect("/", 303);
  },
);

authRoutes.post("/logout", async (c) => {
  const staff = c.get("staff");
  if (staff) await signOut(c.get("deps"), staff.sessionId);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: cookieIsSecure(new URL(c.req.url)) });
  return c.redirect("/login", 303);
});
