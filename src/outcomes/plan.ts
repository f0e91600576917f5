// Which questionnaires a patient is offered, and which are due. Pure: no I/O.
import type { BodyRegion } from "../episodes/tables";
import type { InstrumentId } from "./questionnaires";

/** Outcome measures are repeated about every four weeks of care (intake, every 4 weeks, discharge). */
export const REASSESS_DAYS = 28;
const DAY_MS = 86_400_000;

const regionInstrument: Partial<Record<BodyRegion, InstrumentId>> = {
  hip: "lefs",
  knee: "lefs",
  ankle_foot: "lefs",
  low_back: "odi",
  neck: "ndi",
};

/** The region-specific measure for an episode's body region, if there is one. */
export const instrumentForRegion = (region: BodyRegion | null): InstrumentId | null => (region ? (regionInstrument[region] ?? null) : null);

/**
 * The questionnaires offered in the portal: the region's measure and PSFS (which suits any problem).
 * Without an episode the clinic has not said where the problem is, so every full questionnaire is offered.
 * NPRS is left out: the 10-second check-in asks it.
 */
export function offeredInstruments(region: BodyRegion | null, hasEpisode: boolean): InstrumentId[] {
  if (!hasEpisode) return ["psfs", "lefs", "odi", "ndi"];
  const specific = instrumentForRegion(region);
  return specific ? [specific, "psfs"] : ["psfs"];
}

export interface QuestionnaireOffer {
  instrumentId: InstrumentId;
  /** When it was last completed in this episode (or ever, without an episode). */
  lastAt: number | null;
  lastScore: number | null;
  due: boolean;
}

/** Each offered instrument with its last completion; due when never done or done 28 or more days ago. */
export function questionnaireOffers(
  offered: readonly InstrumentId[],
  completed: readonly { instrumentId: InstrumentId; authoredAt: number; score: number }[],
  now: number,
): QuestionnaireOffer[] {
  return offered.map((instrumentId) => {
    let last: { authoredAt: number; score: number } | null = null;
    for (const r of completed) if (r.instrumentId === instrumentId && (!last || r.authoredAt > last.authoredAt)) last = r;
    return {
      instrumentId,
      lastAt: last?.authoredAt ?? null,
      lastScore: last?.score ?? null,
      due: !last || now - last.authoredAt >= REASSESS_DAYS * DAY_MS,
    };
  });
}
