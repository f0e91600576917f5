import { sql } from "drizzle-orm";
import { localDateIn } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import { recordStageChangeWebhooks } from "../integrations/outbound/journey-stage";
import { journeyMessage } from "../messaging/service";
import type { Deps } from "../platform/env";
import { newId } from "../platform/ids";
import { insertRuleTask } from "../worklist/repo";
import type { Effect, JourneyState } from "./machine";
import { journeyProjections } from "./tables";

export interface EffectScope {
  clinicId: string;
  patientId: string;
  state: JourneyState;
  /** The DO's event count: orders projections so an older one never overwrites a newer one. */
  version: number;
  nextTouchAt: number | null;
  lastContactAt: number | null;
}

/** Runs one effect outside the DO's storage. Every effect is idempotent, so a retry after a crash is safe. */
export async function runEffect(deps: Deps, scope: EffectScope, effect: Effect): Promise<{ contacted: boolean }> {
  switch (effect.kind) {
    case "send_message": {
      const outcome = await journeyMessage(deps, scope.clinicId, scope.patientId, effect);
      return { contacted: outcome.status === "queued" || outcome.status === "scheduled" };
    }
    case "create_task": {
      const clinic = await findClinic(deps.db, scope.clinicId);
      const now = deps.clock.now();
      await insertRuleTask(deps.db, {
        id: newId(now),
        clinicId: scope.clinicId,
        patientId: scope.patientId,
        type: effect.type,
        title: effect.title,
        dueDate: localDateIn(now, clinic?.timeZone ?? "UTC"),
        status: "open",
        ruleKey: `journey:${scope.patientId}:${effect.ruleKey}`,
        createdBy: "journey",
        createdAt: now,
      });
      return { contacted: false };
    }
    case "write_projection": {
      await writeProjection(deps, scope);
      return { contacted: false };
    }
    default:
      return { contacted: false };
  }
}

export async function writeProjection(deps: Deps, scope: EffectScope) {
  // Entering at_risk or lapsed sends the CRM webhooks; before the write, which it compares with.
  await recordStageChangeWebhooks(deps, scope);
  const row = {
    patientId: scope.patientId,
    clinicId: scope.clinicId,
    stage: scope.state.stage,
    since: scope.state.since,
    nextTouchAt: scope.nextTouchAt,
    lastContactAt: scope.lastContactAt,
    lastInboundAt: scope.state.lastInboundAt,
    riskBand: scope.state.riskBand,
    version: scope.version,
    updatedAt: deps.clock.now(),
  };
  await deps.db
    .insert(journeyProjections)
    .values(row)
    .onConflictDoUpdate({
      target: journeyProjections.patientId,
      set: {
        stage: row.stage,
        since: row.since,
        nextTouchAt: row.nextTouchAt,
        lastContactAt: row.lastContactAt,
        lastInboundAt: row.lastInboundAt,
        riskBand: row.riskBand,
        version: row.version,
        updatedAt: row.updatedAt,
      },
      setWhere: sql`excluded.version >= ${journeyProjections.version}`,
    });
}
