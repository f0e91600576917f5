import { commitWithEvents } from "../events/publish";
import { type Actor, auditStatement, recordAudit } from "../platform/audit";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { planSearch, searchNameOf } from "./model";
import * as repo from "./repo";
import type { PatientInput } from "./schemas";
import type { channels, consentStatuses } from "./tables";

export const PAGE_SIZE = 25;

export type Channel = (typeof channels)[number];
export type ConsentStatus = (typeof consentStatuses)[number];

export async function searchPatients(deps: Deps, actor: Actor, q: string, page: number) {
  const plan = planSearch(q);
  const rows = await repo.searchPatients(deps.db, actor.clinicId, plan, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
  await recordAudit(deps, actor, q ? "patient.search" : "patient.list");
  return { patients: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

/** The patient page's data; undefined (so a 404) for another clinic's id. Every view is audited. */
export async function viewPatient(deps: Deps, actor: Actor, patientId: string) {
  const record = await repo.loadPatientRecord(deps.db, actor.clinicId, patientId);
  if (!record) return undefined;
  await recordAudit(deps, actor, "patient.view", patientId);
  return { ...record, currentConsent: currentConsent(record.consentHistory) };
}

/** The newest consent row per channel; no row means never asked, which counts as no consent. */
export function currentConsent(history: repo.ConsentRow[]): Record<Channel, ConsentStatus | null> {
  const out: Record<Channel, ConsentStatus | null> = { sms: null, email: null };
  for (const row of history) if (out[row.channel] === null) out[row.channel] = row.status;
  return out;
}

export async function createPatient(
  deps: Deps,
  actor: Actor,
  input: PatientInput,
  consent: { sms: boolean; email: boolean },
): Promise<string> {
  const now = deps.clock.now();
  const id = newId(now);
  const consentRows = (["sms", "email"] as const).map((channel) =>
    repo.insertConsent(deps.db, {
      id: newId(now),
      clinicId: actor.clinicId,
      patientId: id,
      channel,
      status: consent[channel] ? "granted" : "revoked",
      source: "staff",
      recordedAt: now,
      recordedBy: actor.actorId,
    }),
  );
  await commitWithEvents(
    deps,
    actor,
    [
      repo.insertPatient(deps.db, {
        id,
        clinicId: actor.clinicId,
        ...input,
        searchName: searchNameOf(input.givenName, input.familyName),
        createdAt: now,
        updatedAt: now,
      }),
      ...consentRows,
      auditStatement(deps, actor, "patient.create", id),
    ],
    [
      { type: "patient.created", patientId: id, payload: { preferredLanguage: input.preferredLanguage } },
      ...(["sms", "email"] as const).map((channel) => ({
        type: "consent.changed" as const,
        patientId: id,
        payload: { channel, status: consent[channel] ? "granted" : "revoked", source: "staff" },
      })),
    ],
  );
  return id;
}

export async function updatePatient(deps: Deps, actor: Actor, patientId: string, input: PatientInput): Promise<boolean> {
  if (!(await repo.findPatient(deps.db, actor.clinicId, patientId))) return false;
  const now = deps.clock.now();
  await commitWithEvents(
    deps,
    actor,
    [
      repo.updatePatientRow(deps.db, actor.clinicId, patientId, {
        ...input,
        searchName: searchNameOf(input.givenName, input.familyName),
        updatedAt: now,
      }),
      auditStatement(deps, actor, "patient.update", patientId),
    ],
    [{ type: "patient.updated", patientId, payload: { preferredLanguage: input.preferredLanguage } }],
  );
  return true;
}

export type IdentifierError = "not_found" | "taken";

export async function addIdentifier(
  deps: Deps,
  actor: Actor,
  patientId: string,
  input: { system: string; value: string },
): Promise<Result<string, IdentifierError>> {
  if (!(await repo.findPatient(deps.db, actor.clinicId, patientId))) return err("not_found");
  const owner = await repo.findIdentifierOwner(deps.db, actor.clinicId, input.system, input.value);
  if (owner) return err("taken");
  const now = deps.clock.now();
  const id = newId(now);
  await deps.db.batch([
    repo.insertIdentifier(deps.db, { id, clinicId: actor.clinicId, patientId, ...input, createdAt: now }),
    auditStatement(deps, actor, "patient.identifier.add", patientId),
  ]);
  return ok(id);
}

export async function removeIdentifier(deps: Deps, actor: Actor, patientId: string, identifierId: string) {
  if (!(await repo.findPatient(deps.db, actor.clinicId, patientId))) return false;
  await deps.db.batch([
    repo.deleteIdentifier(deps.db, actor.clinicId, patientId, identifierId),
    auditStatement(deps, actor, "patient.identifier.remove", patientId),
  ]);
  return true;
}

export async function recordConsent(
  deps: Deps,
  actor: Actor,
  patientId: string,
  input: { channel: Channel; status: ConsentStatus },
): Promise<boolean> {
  if (!(await repo.findPatient(deps.db, actor.clinicId, patientId))) return false;
  const now = deps.clock.now();
  await commitWithEvents(
    deps,
    actor,
    [
      repo.insertConsent(deps.db, {
        id: newId(now),
        clinicId: actor.clinicId,
        patientId,
        ...input,
        source: "staff",
        recordedAt: now,
        recordedBy: actor.actorId,
      }),
      auditStatement(deps, actor, `consent.${input.status === "granted" ? "grant" : "revoke"}`, patientId),
    ],
    [{ type: "consent.changed", patientId, payload: { channel: input.channel, status: input.status, source: "staff" } }],
  );
  return true;
}
