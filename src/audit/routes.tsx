import { Hono } from "hono";
import { z } from "zod";
import { AuditPage } from "../../templates/settings/audit.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { listStaff } from "../clinics/service";
import { recordAudit, staffActor } from "../platform/audit";
import { DAY } from "../platform/clock";
import type { AppEnv } from "../platform/env";
import { listAuditEvents } from "./repo";

const PAGE = 100;
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const filterSchema = z.object({
  actorId: z.string().max(40).optional().catch(undefined),
  patientId: z.string().max(40).optional().catch(undefined),
  action: z.string().max(60).optional().catch(undefined),
  from: day,
  to: day,
  before: z.string().max(40).optional().catch(undefined),
});

/** Settings -> Audit log (owner/admin): read-only, filterable, newest first. */
export const auditRoutes = new Hono<AppEnv>();

auditRoutes.get("/", async (c) => {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const raw = filterSchema.parse(c.req.query());
  const f = Object.fromEntries(Object.entries(raw).filter(([, v]) => v)) as z.infer<typeof filterSchema>;
  const [events, actors] = await Promise.all([
    listAuditEvents(
      deps.db,
      staff.clinicId,
      {
        actorId: f.actorId,
        patientId: f.patientId,
        action: f.action,
        from: f.from ? Date.parse(`${f.from}T00:00:00Z`) : undefined,
        to: f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY : undefined,
        before: f.before,
      },
      PAGE,
    ),
    listStaff(deps, staff.clinicId),
  ]);
  await recordAudit(deps, staffActor(c), "audit.view");
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const last = events.length === PAGE ? events[events.length - 1] : undefined;
  const nextHref = last ? `/settings/audit?${new URLSearchParams({ ...f, before: last.id } as Record<string, string>)}` : null;
  return c.html(
    <AuditPage
      staff={layoutStaff(staff)}
      filter={f}
      actors={actors.map((a) => ({ id: a.id, name: a.name }))}
      nextHref={nextHref}
      events={events.map((e) => ({
        id: e.id,
        at: new Date(e.at).toISOString().slice(0, 19).replace("T", " "),
        actor: e.actorType === "staff" ? (names.get(e.actorId ?? "") ?? "former staff") : `${e.actorType} ${e.actorId ?? ""}`,
        action: e.action,
        patientId: e.patientId,
        route: e.route,
        clientIp: e.clientIp,
        userAgent: e.userAgent,
      }))}
    />,
  );
});
