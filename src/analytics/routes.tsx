import { Hono } from "hono";
import { z } from "zod";
import { AnalyticsPage } from "../../templates/analytics/analytics.page";
import { currentStaff, requireRole } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { recordAudit, staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { toCsv } from "./csv";
import { rangeQuerySchema } from "./range";
import { csvTable, tableNames } from "./report-tables";
import { loadAnalytics } from "./service";
import { analyticsView } from "./view";

/** /analytics: the clinic's KPIs for owners and admins (money and staff performance are on it). */
export const analyticsRoutes = new Hono<AppEnv>();
analyticsRoutes.use("*", requireRole("owner", "admin"));

analyticsRoutes.get("/", async (c) => {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const raw = { from: c.req.query("from") ?? "", to: c.req.query("to") ?? "" };
  const parsed = rangeQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path[0] === "to" ? "to" : "from";
    const message = `${field === "from" ? "From" : "To"}: ${issue?.message ?? "not a valid date"}`;
    return c.html(<AnalyticsPage staff={layoutStaff(staff)} form={raw} error={{ field, message }} />, 422);
  }
  const report = await loadAnalytics(deps, staff.clinicId, parsed.data);
  await recordAudit(deps, staffActor(c), "analytics.view");
  const form = { from: report.current.from, to: report.current.to };
  return c.html(<AnalyticsPage staff={layoutStaff(staff)} form={form} view={analyticsView(report)} />);
});

const exportSchema = z.object({ table: z.enum(tableNames) });

analyticsRoutes.get("/export.csv", async (c) => {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const table = exportSchema.safeParse({ table: c.req.query("table") });
  const range = rangeQuerySchema.safeParse({ from: c.req.query("from") ?? "", to: c.req.query("to") ?? "" });
  if (!table.success || !range.success) {
    const message = table.success
      ? (range.error?.issues[0]?.message ?? "Invalid range.")
      : "Choose a table: overall, therapists, sources or retention.";
    return c.text(message, 422);
  }
  const report = await loadAnalytics(deps, staff.clinicId, range.data);
  await recordAudit(deps, staffActor(c), "analytics.export");
  const { header, rows } = csvTable(report, table.data.table);
  const filename = `rapport-${table.data.table}-${report.current.from}-to-${report.current.to}.csv`;
  return c.body(toCsv(header, rows), 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
  });
});
