import { findPatient } from "../patients/repo";
import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { rankWaitlist, type TimeRange } from "./model";
import * as repo from "./repo";

export interface WaitlistInput {
  patientId: string;
  therapistId: string | null;
  preferredWeekdays: number[];
  preferredFrom: string;
  preferredTo: string;
  note: string | null;
}

export async function addToWaitlist(
  deps: Deps,
  actor: Actor,
  input: WaitlistInput,
): Promise<Result<string, "patient_not_found" | "therapist_not_found">> {
  if (!(await findPatient(deps.db, actor.clinicId, input.patientId))) return err("patient_not_found");
  if (input.therapistId && !(await repo.findTherapist(deps.db, actor.clinicId, input.therapistId))) return err("therapist_not_found");
  const now = deps.clock.now();
  const id = newId(now);
  await deps.db.batch([
    repo.insertWaitlistEntry(deps.db, {
      id,
      clinicId: actor.clinicId,
      ...input,
      preferredWeekdays: JSON.stringify(input.preferredWeekdays),
      status: "waiting",
      createdAt: now,
    }),
    auditStatement(deps, actor, "waitlist.add", input.patientId),
  ]);
  return ok(id);
}

/** Only a waiting entry can be closed; the audit row is written only when something changed. */
export async function closeWaitlistEntry(deps: Deps, actor: Actor, id: string, status: "booked" | "removed"): Promise<boolean> {
  const updated = await repo.setWaitlistStatus(deps.db, actor.clinicId, id, status);
  const row = updated[0];
  if (!row) return false;
  await auditStatement(deps, actor, `waitlist.${status}`, row.patientId);
  return true;
}

/** The waiting list, and for an opened slot, who fits it best first. */
export async function waitlist(deps: Deps, clinicId: string) {
  const rows = await repo.listWaitlist(deps.db, clinicId);
  return rows.map((r) => ({ ...r, preferredWeekdays: parseWeekdays(r.entry.preferredWeekdays) }));
}

export async function waitlistForSlot(deps: Deps, clinicId: string, timeZone: string, slot: TimeRange & { therapistId: string }) {
  const rows = await waitlist(deps, clinicId);
  const ranked = rankWaitlist(
    slot,
    rows.map((r) => ({ ...r.entry, preferredWeekdays: r.preferredWeekdays, patient: r.patient })),
    timeZone,
  );
  return ranked;
}

function parseWeekdays(json: string): number[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((d): d is number => Number.isInteger(d) && d >= 1 && d <= 7) : [];
  } catch {
    return [];
  }
}
