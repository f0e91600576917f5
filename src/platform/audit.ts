import type { Context } from "hono";
import { type AuditRow, auditInsert } from "../audit/repo";
import { clientIp, userAgent } from "./client";
import type { AppEnv, Deps } from "./env";
import { newId } from "./ids";

/** Who is acting, for the audit log: taken from the session, never from the request body. */
export interface Actor {
  clinicId: string;
  actorType: "staff" | "integration" | "patient" | "system";
  actorId: string | null;
  route: string;
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The acting staff member of this request; the route is the pattern, never the URL with its query. */
export function staffActor(c: Context<AppEnv>): Actor {
  const staff = c.get("staff");
  if (!staff) throw new Error("staffActor needs a signed-in staff member");
  return {
    clinicId: staff.clinicId,
    actorType: "staff",
    actorId: staff.userId,
    route: `${c.req.method} ${c.req.routePath}`,
    clientIp: clientIp(c),
    userAgent: userAgent(c),
    requestId: c.get("requestId"),
  };
}

export function auditRowFor(actor: Actor, action: string, patientId: string | null, now: number): AuditRow {
  return { id: newId(now), ...actor, patientId, action, at: now };
}

/** The insert statement, so that a write and its audit row go in one db.batch(). */
export function auditStatement(deps: Deps, actor: Actor, action: string, patientId: string | null = null) {
  return auditInsert(deps.db, auditRowFor(actor, action, patientId, deps.clock.now()));
}

/** Records a read (a patient page, a search) on its own. */
export async function recordAudit(deps: Deps, actor: Actor, action: string, patientId: string | null = null) {
  await auditStatement(deps, actor, action, patientId);
}
