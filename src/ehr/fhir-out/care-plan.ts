import type { DischargeReason, episodes } from "../../episodes/tables";
import { type FhirJson, instant, meta, patientReference, prune, systems } from "./common";

export type EpisodeRow = typeof episodes.$inferSelect;

/** R4 CarePlan.status codes: a search may name any of them; ours are active, completed and revoked. */
export const carePlanStatuses = ["draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"] as const;

/** Discharges that ended care before the plan's end: the plan was revoked, not completed. */
export const endedEarly: DischargeReason[] = ["dropped_out", "moved", "other"];

/**
 * An episode's plan of care as CarePlan: open -> active; discharged with goals met or the plan
 * completed -> completed; discharged for any other reason (dropped out, moved) -> revoked.
 */
export function carePlanStatus(e: Pick<EpisodeRow, "status" | "dischargeReason">): "active" | "completed" | "revoked" {
  if (e.status === "open") return "active";
  return e.dischargeReason && endedEarly.includes(e.dischargeReason) ? "revoked" : "completed";
}

const activityStatus = { active: "in-progress", completed: "completed", revoked: "stopped" } as const;

/** The plan of care: how many visits, how often, for how long, against which diagnosis. */
export function carePlanResource(e: EpisodeRow): FhirJson {
  const status = carePlanStatus(e);
  const reason = { coding: e.icd10Code ? [{ system: systems.icd10cm, code: e.icd10Code }] : null, text: e.diagnosis };
  return prune({
    resourceType: "CarePlan",
    id: e.id,
    meta: meta(e.updatedAt),
    status,
    intent: "plan",
    category: [{ text: "Physical therapy plan of care" }],
    title: "Plan of care",
    description: e.diagnosis,
    subject: patientReference(e.patientId),
    period: { start: e.startDate, end: e.dischargedAt ? instant(e.dischargedAt) : null },
    created: instant(e.createdAt),
    activity: [
      {
        detail: {
          kind: "ServiceRequest",
          code: { text: "Physical therapy visit" },
          reasonCode: [reason],
          status: activityStatus[status],
          scheduledTiming: {
            repeat: {
              boundsDuration: { value: e.durationWeeks, unit: "wk", system: systems.ucum, code: "wk" },
              frequency: e.frequencyPerWeek,
              period: 1,
              periodUnit: "wk",
            },
          },
          quantity: { value: e.visitsPrescribed, unit: "visits" },
        },
      },
    ],
    note: e.goals.trim() ? [{ text: `Goals: ${e.goals.trim()}` }] : null,
  });
}
