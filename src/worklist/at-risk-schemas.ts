import { z } from "zod";
import { outreachOutcomes, riskBands } from "../risk/tables";
import type { RiskBand } from "./at-risk";

/** Which bands the at-risk view lists; "high-medium" (the default) is the patients worth a call. */
export const bandFilters = ["high-medium", "high", "medium", "low", "all"] as const;
export type BandFilter = (typeof bandFilters)[number];

export const bandsOf: Record<BandFilter, readonly RiskBand[]> = {
  "high-medium": ["high", "medium"],
  high: ["high"],
  medium: ["medium"],
  low: ["low"],
  all: riskBands,
};

/** The at-risk view's GET query. An unknown band falls back to the default rather than failing. */
export const atRiskQuerySchema = z.object({
  band: z
    .enum(bandFilters)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? "high-medium"),
});

export const outcomeSchema = z.object({
  outcome: z.enum(outreachOutcomes, { message: "Choose what came of the outreach: reached, rebooked, no answer or declined" }),
});

/** The view's canonical URL (default band left out), where plain forms come back to. */
export function atRiskHref(band: BandFilter): string {
  return band === "high-medium" ? "/worklist?view=at-risk" : `/worklist?view=at-risk&band=${band}`;
}
