import type { AnalyticsView } from "../../templates/analytics/analytics.page";
import { formatChange, formatKpi, groupTable, overallRows } from "./report-tables";
import type { AnalyticsReport } from "./service";

/** The report as the page shows it: every number formatted, nothing left to compute in the template. */
export function analyticsView(report: AnalyticsReport): AnalyticsView {
  const { current, previous } = report;
  return {
    from: current.from,
    to: current.to,
    previousFrom: previous.from,
    previousTo: previous.to,
    overall: overallRows(report).map(({ def, comparison: c }) => ({
      label: def.label,
      definition: def.definition,
      current: formatKpi(def.kind, c.current),
      previous: formatKpi(def.kind, c.previous),
      change: formatChange(def.kind, c.change),
      verdict: c.verdict,
    })),
    therapists: groupTable(report.therapists, report.visitRate),
    sources: groupTable(report.sources, report.visitRate),
    trend: report.trend,
    funnel: report.funnel,
    retention: report.retention,
    rateSet: report.visitRate !== null,
    rolledThrough: report.rolledThrough,
    query: new URLSearchParams({ from: current.from, to: current.to }).toString(),
  };
}
