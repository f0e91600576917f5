import { sql } from "drizzle-orm";
import { z } from "zod";
import { clinics } from "../clinics/tables";
import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";
import { enqueueClinicScoring } from "./jobs";
import type { RiskThresholds } from "./score";

const percent = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${label} cut-off as a percentage.`)
    .regex(/^\d{1,2}$/, `Enter a whole percentage from 5 to 95.`)
    .transform(Number)
    .refine((n) => n >= 5 && n <= 95, "Enter a whole percentage from 5 to 95.");

/**
 * The band cut-offs as the Settings form sends them: whole percentages, medium below high. The gap of
 * at least 5 points keeps a "medium" band that can hold somebody.
 */
export const thresholdFormSchema = z
  .object({ medium: percent("medium"), high: percent("high") })
  .refine((t) => t.high - t.medium >= 5, { message: "Medium must start at least 5 points below high.", path: ["medium"] })
  .transform((t): RiskThresholds => ({ medium: t.medium / 100, high: t.high / 100 }));

/**
 * Stores the clinic's cut-offs in its settings (`risk.thresholds`, merged in SQL so a settings page
 * saved at the same moment keeps its keys) and re-scores its open episodes now, as of this instant:
 * bands follow the new cut-offs at once, and journeys hear of every band that changed. The run's
 * time is not the top of the hour, so its journey events never collide with the hourly run's.
 */
export async function saveThresholds(deps: Deps, actor: Actor, thresholds: RiskThresholds): Promise<{ episodes: number }> {
  const value = JSON.stringify(thresholds);
  const settings = sql`CASE WHEN json_valid(${clinics.settings}) THEN ${clinics.settings} ELSE '{}' END`;
  await deps.db.batch([
    deps.db
      .update(clinics)
      .set({
        settings: sql`json_set(${settings}, '$.risk',
          json_set(COALESCE(json_extract(${settings}, '$.risk'), '{}'), '$.thresholds', json(${value})))`,
      })
      .where(sql`${clinics.id} = ${actor.clinicId}`),
    auditStatement(deps, actor, "risk.thresholds.update"),
  ]);
  const run = await enqueueClinicScoring(deps, actor.clinicId, deps.clock.now());
  return { episodes: run.episodes };
}
