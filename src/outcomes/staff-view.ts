// The staff patient page's "Check-ins and outcomes": the same chart data as the portal, plus the latest
// responses in words. Pure: built from rows the overview already loaded.
import type { OutcomesSectionView } from "../../templates/patients/outcomes.section";
import { type EpisodeLite, type OutcomeSummary, progressData, type ResponseRow, withChanges } from "./progress";
import { type InstrumentId, instruments } from "./questionnaires";
import { MCID } from "./scoring";

/** Rows listed under each heading; the chart shows them all. */
export const OUTCOME_ROWS_SHOWN = 10;

/** "52/80", "30%", "6.5/10". */
export function staffScore(instrumentId: InstrumentId, score: number): string {
  const def = instruments[instrumentId];
  const n = Number.isInteger(score) ? String(score) : score.toFixed(1);
  return def.unit === "percent" ? `${n}%` : `${n}/${def.range.max}`;
}

const mcidText = (id: InstrumentId) => `MCID ${MCID[id]}${instruments[id].unit === "percent" ? " %-points" : " points"}`;

function sentence(s: OutcomeSummary, name: string): string {
  const latest = staffScore(s.instrumentId, s.latest.score);
  if (s.count < 2 || !s.change) return `${name} ${latest} (one response).`;
  const change =
    s.change === "no_meaningful_change" ? "no meaningful change" : `meaningful ${s.change === "improved" ? "improvement" : "worsening"}`;
  return `${name} ${staffScore(s.instrumentId, s.first.score)} → ${latest} over ${s.count} responses: ${change}.`;
}

export function outcomesSectionView(input: {
  responses: readonly ResponseRow[];
  episodes: readonly EpisodeLite[];
  visits: readonly { episodeId: string | null; status: string }[];
  timeZone: string;
  when: (at: number) => string;
}): OutcomesSectionView {
  const data = progressData({
    responses: input.responses,
    episodes: input.episodes,
    attended: input.visits.filter((v) => v.status === "attended"),
  });
  const summary = [
    data.pain ? sentence(data.pain, "Pain") : "No pain check-in yet.",
    ...data.outcomes.map((o) => sentence(o, instruments[o.instrumentId].questionnaire.name)),
  ].join(" ");
  const rows = withChanges(input.responses);
  const pain = rows.filter((r) => r.instrumentId === "nprs");
  const others = rows.filter((r) => r.instrumentId !== "nprs");
  const checkIns = pain.slice(0, OUTCOME_ROWS_SHOWN);
  const questionnaires = others.slice(0, OUTCOME_ROWS_SHOWN);
  return {
    chart: data.chart,
    timeZone: input.timeZone,
    summary,
    checkIns: checkIns.map((r) => ({
      when: input.when(r.authoredAt),
      score: staffScore("nprs", r.score),
      note: r.note,
      source: r.kind === "check_in" ? "check-in" : "NPRS questionnaire",
    })),
    questionnaires: questionnaires.map((r) => ({
      when: input.when(r.authoredAt),
      name: instruments[r.instrumentId].questionnaire.name,
      score: staffScore(r.instrumentId, r.score),
      change: r.change,
      mcid: mcidText(r.instrumentId),
    })),
    hidden: pain.length - checkIns.length + others.length - questionnaires.length,
  };
}
