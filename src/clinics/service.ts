import type { z } from "zod";
import { revokeUserSessions } from "../auth/repo";
import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { parseSettings } from "./model";
import * as repo from "./repo";
import type { clinicFormSchema, staffFormSchema, staffUpdateSchema } from "./schemas";

export async function getClinic(deps: Deps, clinicId: string) {
  const clinic = await repo.findClinic(deps.db, clinicId);
  if (!clinic) return undefined;
  return { ...clinic, parsedSettings: parseSettings(clinic.settings) };
}

export async function updateClinic(deps: Deps, actor: Actor, input: z.infer<typeof clinicFormSchema>) {
  const clinic = await repo.findClinic(deps.db, actor.clinicId);
  if (!clinic) return;
  // Merge onto what is stored: other keys (messaging, journey) belong to other settings pages.
  const { reviewUrl: _previous, ...kept } = storedSettings(clinic.settings);
  const settings = {
    ...kept,
    sessionIdleMinutes: input.sessionIdleMinutes,
    sessionAbsoluteHours: input.sessionAbsoluteHours,
    reminderLinkDays: input.reminderLinkDays,
    // Blank removes it: the discharge survey then asks promoters for no review.
    ...(input.reviewUrl ? { reviewUrl: input.reviewUrl } : {}),
  };
  await deps.db.batch([
    repo.updateClinicRow(deps.db, actor.clinicId, {
      name: input.name,
      timeZone: input.timeZone,
      phone: input.phone,
      settings: JSON.stringify(settings),
    }),
    auditStatement(deps, actor, "clinic.update"),
  ]);
}

export const listStaff = (deps: Deps, clinicId: string) => repo.listStaff(deps.db, clinicId);

export async function addStaff(deps: Deps, actor: Actor, input: z.infer<typeof staffFormSchema>): Promise<Result<string, "email_taken">> {
  if (await repo.findStaffByEmail(deps.db, input.email)) return err("email_taken");
  const now = deps.clock.now();
  const id = newId(now);
  await deps.db.batch([
    repo.insertStaff(deps.db, { id, clinicId: actor.clinicId, ...input, active: true, createdAt: now }),
    auditStatement(deps, actor, "staff.create"),
  ]);
  return ok(id);
}

export type StaffUpdateError = "not_found" | "last_owner";

/** Role and active changes; deactivation ends the person's sessions at once. */
export async function updateStaff(
  deps: Deps,
  actor: Actor,
  userId: string,
  input: z.infer<typeof staffUpdateSchema>,
): Promise<Result<true, StaffUpdateError>> {
  const user = await repo.findStaff(deps.db, actor.clinicId, userId);
  if (!user) return err("not_found");
  const losesOwner = user.role === "owner" && user.active && (input.role !== "owner" || !input.active);
  if (losesOwner && (await repo.countOtherActiveOwners(deps.db, actor.clinicId, userId)) === 0) return err("last_owner");
  const now = deps.clock.now();
  await deps.db.batch([
    repo.updateStaffRow(deps.db, actor.clinicId, userId, { role: input.role, active: input.active }),
    ...(input.active ? [] : [revokeUserSessions(deps.db, userId, now)]),
    auditStatement(deps, actor, input.active ? "staff.update" : "staff.deactivate"),
  ]);
  return ok(true);
}

function storedSettings(json: string): Record<string, unknown> {
  try {
    const value = JSON.parse(json) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
