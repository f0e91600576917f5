// What the progress chart and the outcome lists show, from stored responses. Pure: no I/O, shared by the
// portal and the staff patient page so both tell the same story.
import type { ChartPoint, McidMark, OutcomeSeries, ProgressChartProps } from "../../templates/components/progress-chart";
import type { BodyRegion } from "../episodes/tables";
import { instrumentForRegion } from "./plan";
import { type InstrumentId, instruments } from "./questionnaires";
import { type Change, changeIsMeaningful } from "./scoring";

export interface ResponseRow {
  id: string;
  instrumentId: InstrumentId;
  kind: "check_in" | "questionnaire";
  score: number;
  note: string | null;
  authoredAt: number;
  episodeId: string | null;
}

export interface EpisodeLite {
  id: string;
  bodyRegion: BodyRegion;
  visitsPrescribed: number;
  status: "open" | "discharged";
  startDate: string;
}

/** The open episode (the latest if several), else null. */
export function openEpisode<E extends EpisodeLite>(episodes: readonly E[]): E | null {
  let best: E | null = null;
  for (const e of episodes) if (e.status === "open" && (!best || e.startDate > best.startDate)) best = e;
  return best;
}

/** Responses of the open episode, or every response when there is none (the baseline rule uses the same scope). */
export const inScope = (rows: readonly ResponseRow[], episode: { id: string } | null): ResponseRow[] =>
  episode ? rows.filter((r) => r.episodeId === episode.id) : [...rows];

const oldestFirst = (rows: readonly ResponseRow[]) => [...rows].sort((a, b) => a.authoredAt - b.authoredAt || (a.id < b.id ? -1 : 1));

/**
 * MCID marks against the first score: a mark where the change since the first becomes meaningful
 * (improved or worsened), and again each time that verdict changes; not on every point beyond it.
 */
export function mcidMarks(instrumentId: InstrumentId, points: readonly ChartPoint[]): McidMark[] {
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const first = sorted[0];
  if (!first) return [];
  const marks: McidMark[] = [];
  let previous: Change = "no_meaningful_change";
  for (const p of sorted.slice(1)) {
    const change = changeIsMeaningful(instrumentId, first.value, p.value);
    if (change !== previous && change !== "no_meaningful_change") marks.push({ at: p.at, kind: change });
    previous = change;
  }
  return marks;
}

export interface OutcomeSummary {
  instrumentId: InstrumentId;
  label: string;
  count: number;
  first: { at: number; score: number };
  latest: { at: number; score: number };
  /** Latest against first; null with a single response. */
  change: Change | null;
}

/** One line per instrument answered in scope (NPRS included), oldest instrument first. */
export function outcomeSummaries(rows: readonly ResponseRow[]): OutcomeSummary[] {
  const byInstrument = new Map<InstrumentId, ResponseRow[]>();
  for (const r of oldestFirst(rows)) byInstrument.set(r.instrumentId, [...(byInstrument.get(r.instrumentId) ?? []), r]);
  return [...byInstrument.entries()].map(([instrumentId, list]) => {
    const first = list[0] as ResponseRow;
    const latest = list[list.length - 1] as ResponseRow;
    return {
      instrumentId,
      label: instruments[instrumentId].questionnaire.name,
      count: list.length,
      first: { at: first.authoredAt, score: first.score },
      latest: { at: latest.authoredAt, score: latest.score },
      change: list.length > 1 ? changeIsMeaningful(instrumentId, first.score, latest.score) : null,
    };
  });
}

/** The outcome on the chart: the region's measure when answered, else the one answered most (latest on a tie). */
export function primaryOutcome(summaries: readonly OutcomeSummary[], region: BodyRegion | null): InstrumentId | null {
  const candidates = summaries.filter((s) => s.instrumentId !== "nprs");
  const specific = instrumentForRegion(region);
  if (specific && candidates.some((s) => s.instrumentId === specific)) return specific;
  const best = [...candidates].sort((a, b) => b.count - a.count || b.latest.at - a.latest.at)[0];
  return best?.instrumentId ?? null;
}

/** Each response with its change against the first of the same instrument in the same episode. */
export function withChanges(rows: readonly ResponseRow[]): (ResponseRow & { change: Change | null })[] {
  const firsts = new Map<string, number>();
  const out = oldestFirst(rows).map((r) => {
    const key = `${r.instrumentId}:${r.episodeId ?? ""}`;
    const first = firsts.get(key);
    if (first === undefined) firsts.set(key, r.score);
    return { ...r, change: first === undefined ? null : changeIsMeaningful(r.instrumentId, first, r.score) };
  });
  return out.reverse();
}

export interface ProgressData {
  chart: Omit<ProgressChartProps, "lang" | "timeZone" | "id" | "title">;
  pain: OutcomeSummary | null;
  outcomes: OutcomeSummary[];
}

/**
 * Chart series and summaries: pain (every NPRS answer), the primary outcome with its MCID marks, and
 * visits attended in the episode against its plan.
 */
export function progressData(input: {
  responses: readonly ResponseRow[];
  episodes: readonly EpisodeLite[];
  attended: readonly { episodeId: string | null }[];
}): ProgressData {
  const episode = openEpisode(input.episodes);
  const rows = inScope(input.responses, episode);
  const summaries = outcomeSummaries(rows);
  const pain = summaries.find((s) => s.instrumentId === "nprs") ?? null;
  const primary = primaryOutcome(summaries, episode?.bodyRegion ?? null);
  let outcome: OutcomeSeries | undefined;
  if (primary) {
    const def = instruments[primary];
    const points = oldestFirst(rows.filter((r) => r.instrumentId === primary)).map((r) => ({ at: r.authoredAt, value: r.score }));
    outcome = {
      label: def.questionnaire.name,
      unit: def.unit,
      betterIsHigher: def.interpretation === "better_is_higher",
      points,
      range: def.range,
      mcidMarks: mcidMarks(primary, points),
    };
  }
  const visitsEpisode = episode ?? [...input.episodes].sort((a, b) => (a.startDate < b.startDate ? 1 : -1))[0] ?? null;
  return {
    chart: {
      pain: oldestFirst(rows.filter((r) => r.instrumentId === "nprs")).map((r) => ({ at: r.authoredAt, value: r.score })),
      outcome,
      visits: visitsEpisode
        ? { attended: input.attended.filter((a) => a.episodeId === visitsEpisode.id).length, prescribed: visitsEpisode.visitsPrescribed }
        : undefined,
    },
    pain,
    outcomes: summaries.filter((s) => s.instrumentId !== "nprs"),
  };
}
