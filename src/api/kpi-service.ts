import { compare } from "../analytics/compare";
import { computeKpis, type KpiCounts, kpiDefinitions } from "../analytics/kpis";
import { loadAnalytics } from "../analytics/service";
import type { Deps } from "../platform/env";
import { type ApiKpiGroup, type ApiKpiReport, type KpiGrouping, kpiJsonNames } from "./kpi-schemas";

/**
 * The clinic's KPIs for /api/v1/kpis: the analytics page's report (same queries, same definitions, same
 * default range), as plain numbers rather than the page's formatted text.
 */
export async function kpiReport(
  deps: Deps,
  clinicId: string,
  query: { from?: string; to?: string },
  grouping: KpiGrouping,
): Promise<ApiKpiReport> {
  const report = await loadAnalytics(deps, clinicId, query);
  const groups =
    grouping === "overall"
      ? [{ id: "overall", name: "Whole clinic", ...report.overall }]
      : grouping === "therapist"
        ? report.therapists
        : report.sources;
  return {
    from: report.current.from,
    to: report.current.to,
    previous: { from: report.previous.from, to: report.previous.to },
    group: grouping,
    visit_rate: report.visitRate,
    groups: groups.map((g) => apiGroup(g.id, g.name, g.current, g.previous, report.visitRate)),
    retention: report.retention.map((m) => ({
      month: m.month,
      episodes_started: m.started,
      completed: m.completed,
      in_care: m.inCare,
      dropped_out: m.droppedOut,
      other_discharge: m.otherDischarge,
    })),
  };
}

function apiGroup(key: string | null, label: string, current: KpiCounts, previous: KpiCounts, visitRate: number | null): ApiKpiGroup {
  const now = computeKpis(current, visitRate);
  const before = computeKpis(previous, visitRate);
  const kpis = {} as ApiKpiGroup["kpis"];
  for (const def of kpiDefinitions) {
    const c = compare(def, now[def.id], before[def.id]);
    kpis[kpiJsonNames[def.id]] = { value: c.current, previous: c.previous, change: c.change, verdict: c.verdict };
  }
  return {
    key,
    label,
    volume: {
      visits_due: current.attended + current.noShow + current.cancelled,
      episodes_discharged: current.discharged,
      episodes_started: current.started,
      survey_answers: current.surveyAnswers,
    },
    kpis,
  };
}
