/**
 * The three tables of the analytics page (overall, by therapist, by referral source), built once and
 * shown two ways: formatted for the page, as plain numbers for the CSV export. Pure.
 */
import type { CsvCell } from "./csv";
import {
  compare,
  computeKpis,
  formatChange,
  formatKpi,
  type KpiComparison,
  type KpiCounts,
  type KpiDefinition,
  type KpiId,
  kpiDefinitions,
} from "./kpis";
import type { AnalyticsReport, GroupReport } from "./service";

export const tableNames = ["overall", "therapists", "sources"] as const;
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

/** Columns of the therapist and source tables: messages are clinic-wide, so they are left out. */
const groupKpis: readonly KpiId[] = [
  "arrivalRate",
  "cancellationRate",
  "noShowRate",
  "completionRate",
  "dropoutRate",
  "visitsPerEpisode",
  "daysToFirstVisit",
  "referralConversion",
  "checkInAdherence",
  "reactivations",
  "revenuePerEpisode",
];
const groupDefs = groupKpis.map((id) => kpiDefinitions.find((d) => d.id === id) as KpiDefinition);

const volume = (c: KpiCounts) => ({ due: c.attended + c.noShow + c.cancelled, discharged: c.discharged, started: c.started });

export interface GroupTable {
  header: string[];
  rows: { name: string; cells: string[] }[];
}

export function groupTable(groups: readonly GroupReport[], visitRate: number | null): GroupTable {
  return {
    header: ["Visits due", "Episodes discharged", "Episodes started", ...groupDefs.map((d) => d.label)],
    rows: groups.map((g) => {
      const kpis = computeKpis(g.current, visitRate);
      const v = volume(g.current);
      return {
        name: g.name,
        cells: [String(v.due), String(v.discharged), String(v.started), ...groupDefs.map((d) => formatKpi(d.kind, kpis[d.id]))],
      };
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
  const groups = table === "therapists" ? report.therapists : report.sources;
  return {
    header: [
      table === "therapists" ? "Therapist" : "Referral source",
      "Visits due",
      "Episodes discharged",
      "Episodes started",
      ...groupDefs.map(csvLabel),
    ],
    rows: groups.map((g) => {
      const kpis = computeKpis(g.current, report.visitRate);
      const v = volume(g.current);
      return [g.name, v.due, v.discharged, v.started, ...groupDefs.map((d) => csvNumber(d, kpis[d.id]))];
    }),
  };
}

export { formatChange, formatKpi };
