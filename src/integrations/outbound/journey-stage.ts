import { and, eq } from "drizzle-orm";
import { journeyProjections } from "../../journey/tables";
import type { Deps } from "../../platform/env";
import { fromStageChange, type StageFacts } from "./events";
import { recordOutbound } from "./service";

/**
 * patient.at_risk and patient.lapsed: called by the PatientJourney as it writes its D1 projection,
 * before the write. A stage the projection already shows (same stage, same `since`) was told before,
 * so a later write about the same stay sends nothing; a retry after a failed write records nothing twice
 * (one delivery per integration and transition).
 */
export async function recordStageChangeWebhooks(deps: Deps, scope: { clinicId: string; patientId: string; state: StageFacts }) {
  const event = fromStageChange(scope.clinicId, scope.patientId, scope.state);
  if (!event) return;
  const projected = await deps.db
    .select({ stage: journeyProjections.stage, since: journeyProjections.since })
    .from(journeyProjections)
    .where(and(eq(journeyProjections.clinicId, scope.clinicId), eq(journeyProjections.patientId, scope.patientId)))
    .get();
  if (projected?.stage === scope.state.stage && projected.since === scope.state.since) return;
  await recordOutbound(deps, [event]);
}
