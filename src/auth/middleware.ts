import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { StaffRole } from "../clinics/tables";
import type { AppEnv, StaffSession } from "../platform/env";
import { AppError } from "../platform/errors";
import { SESSION_COOKIE } from "./model";
import { resolveSession } from "./service";

/** Attaches the signed-in staff member (if any); the clinic id comes from here and nowhere else. */
export const loadSession = createMiddleware<AppEnv>(async (c, next) => {
  c.set("staff", await resolveSession(c.get("deps"), getCookie(c, SESSION_COOKIE)));
  return next();
});

/** Pages for staff only: an anonymous browser is sent to sign in, an API client gets 401. */
export const requireStaff = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get("staff")) {
    if (c.req.method === "GET" && c.req.header("hx-request") !== "true") return c.redirect("/login", 303);
    throw new AppError("unauthenticated", "Please sign in again.");
  }
  return next();
});

export const requireRole = (...roles: StaffRole[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const staff = c.get("staff");
    if (!staff) throw new AppError("unauthenticated", "Please sign in again.");
    if (!roles.includes(staff.role)) throw new AppError("forbidden", "Your role does not allow this.");
    return next();
  });

/** The signed-in staff member; only call behind requireStaff. */
export function currentStaff(c: { get(key: "staff"): StaffSession | undefined }): StaffSession {
  const staff = c.get("staff");
  if (!staff) throw new AppError("unauthenticated", "Please sign in again.");
  return staff;
}
