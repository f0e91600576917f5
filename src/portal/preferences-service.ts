import { commitWithEvents } from "../events/publish";
import { recordConsentChange } from "../messaging/consent-change";
import { updatePatientRow } from "../patients/repo";
import type { Channel } from "../patients/service";
import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";

/** The patient's own choices from the portal; the actor is always the patient. */

export type PreferenceChange =
  | { field: "language"; language: "en" | "es" }
  | { field: "channel"; channel: Channel }
  | { field: "consent"; channel: Channel; status: "granted" | "revoked" };

export interface Reachable {
  phone: string | null;
  email: string | null;
}

/** Channels the clinic can reach this patient on: the only ones offered as a choice. */
export const channelsWithAddress = (p: Reachable): Channel[] =>
  (["sms", "email"] as const).filter((ch) => Boolean(ch === "sms" ? p.phone : p.email));

/**
 * Applies one change. Language and preferred channel update the patient and say preferences.changed;
 * consent goes through recordConsentChange, exactly like STOP and START by text (source "patient").
 */
export async function applyPreference(deps: Deps, actor: Actor, patientId: string, change: PreferenceChange): Promise<void> {
  const now = deps.clock.now();
  if (change.field === "consent") {
    const consent = recordConsentChange(deps.db, {
      clinicId: actor.clinicId,
      patientId,
      channel: change.channel,
      status: change.status,
      source: "patient",
      now,
    });
    await commitWithEvents(
      deps,
      actor,
      [...consent.statements, auditStatement(deps, actor, `consent.${change.status === "granted" ? "grant" : "revoke"}`, patientId)],
      [consent.event],
    );
    return;
  }
  const set = change.field === "language" ? { preferredLanguage: change.language } : { preferredChannel: change.channel };
  const value = change.field === "language" ? change.language : change.channel;
  const field = change.field === "language" ? "preferredLanguage" : "preferredChannel";
  await commitWithEvents(
    deps,
    actor,
    [
      updatePatientRow(deps.db, actor.clinicId, patientId, { ...set, updatedAt: now }),
      auditStatement(deps, actor, `portal.preferences.${change.field}`, patientId),
    ],
    [{ type: "preferences.changed", patientId, payload: { field, value } }],
  );
}
