/**
 * The tables of the analytics page (overall, by therapist, by referral source, retention by start month),
 * built once and shown two ways: formatted for the page, as plain numbers for the CSV export. Pure.
 */
import { compare, formatChange, formatKpi, type KpiComparison } from "./compare";
import type { CsvCell } from "./csv";
import { computeKpis, type KpiCounts, type KpiDefinition, kpiDefinitions } from "./kpis";
import type { RetentionMonth } from "./retention";
import type { AnalyticsReport, GroupReport } from "./service";

export const tableNames = ["overall", "therapists", "sources", "retention"] as const;
export type TableName = (typeof tableNames)[number];

export interface OverallRow {
  def: KpiDefinition;
  comparison: KpiComparison;
}

export function overallRows(report: AnalyticsReport): OverallRow[] {
  const current = computeKpis(report.overall.current, report.visitRate);
  const previous = computeKpis(report.overall.previous, report.visitRate);
  return kpiDefinitions.map((def) => ({ def, comparison: compare(def, current[def.id], previous[def.id]) }));
}

/**
 * The therapist and source tables have every KPI, after how much a group's rates rest on. (Messages sent
 * outside any episode count in the clinic's row only, so a group's messages may add up to less.)
 */
const volumeHeader = ["Visits due", "Episodes discharged", "Episodes started", "Survey answers"];
const volume = (c: KpiCounts) => [c.attended + c.noShow + c.cancelled, c.discharged, c.started, c.surveyAnswers];

export interface GroupTable {
  header: string[];
  rows: { name: string; cells: string[] }[];
}

export function groupTable(groups: readonly GroupReport[], visitRate: number | null): GroupTable {
  return {
    header: [...volumeHeader, ...kpiDefinitions.map((d) => d.label)],
    rows: groups.map((g) => {
      const kpis = computeKpis(g.current, visitRate);
      return { name: g.name, cells: [...volume(g.current).map(String), ...kpiDefinitions.map((d) => formatKpi(d.kind, kpis[d.id]))] };
    }),
  };
}

/** Rates go out as percentages with one decimal; other numbers with two; missing values empty. */
function csvNumber(def: KpiDefinition, value: number | null): CsvCell {
  if (value === null) return null;
  const scaled = def.kind === "rate" ? value * 100 : value;
  return Math.round(scaled * 100) / 100;
}
const csvLabel = (def: KpiDefinition) => (def.kind === "rate" ? `${def.label} (%)` : def.label);

/** One table as CSV header and rows. */
export function csvTable(report: AnalyticsReport, table: TableName): { header: string[]; rows: CsvCell[][] } {
  const { current, previous } = report;
  if (table === "overall") {
    return {
      header: ["KPI", `${current.from} to ${current.to}`, `${previous.from} to ${previous.to}`, "Change"],
      rows: overallRows(report).map(({ def, comparison: c }) => [
        csvLabel(def),
        csvNumber(def, c.current),
        csvNumber(def, c.previous),
        csvNumber(def, c.change),
      ]),
    };
  }
  if (table === "retention") return { header: [...retentionHeader], rows: report.retention.map(retentionCells) };
  const groups = table === "therapists" ? report.therapists : report.sources;
  return {
    header: [table === "therapists" ? "Therapist" : "Referral source", ...volumeHeader, ...kpiDefinitions.map(csvLabel)],
    rows: groups.map((g) => {
      const kpis = computeKpis(g.current, report.visitRate);
      return [g.name, ...volume(g.current), ...kpiDefinitions.map((d) => csvNumber(d, kpis[d.id]))];
    }),
  };
}

/** Retention by start month: the page's table fallback for the chart and the CSV export. */
export const retentionHeader = [
  "Start month",
  "Episodes started",
  "Completed",
  "Still in care",
  "Dropped out",
  "Discharged for other reasons",
] as const;
export const retentionCells = (m: RetentionMonth): [string, number, number, number, number, number] => [
  m.month,
  m.started,
  m.completed,
  m.inCare,
  m.droppedOut,
  m.otherDischarge,
];

export { formatChange, formatKpi };
