// The therapist a practitioner from the EHR is here: matched by email, then by name, else created.
import { and, eq, isNull, sql } from "drizzle-orm";
import * as clinicsRepo from "../../clinics/repo";
import { fold } from "../../patients/model";
import { auditStatement } from "../../platform/audit";
import { execBatch, guard, isGuardFailure } from "../../platform/db";
import { newId } from "../../platform/ids";
import { ehrPractitioners } from "../tables";
import { memo } from "./memo";
import type { ApplyContext } from "./types";

/**
 * Addresses under .invalid (RFC 2606) can never receive mail: a therapist the EHR gave no usable email
 * gets one, so the staff list has a unique address and no sign-in link can ever reach anyone.
 */
export const placeholderEmail = (practitionerId: string) => `ehr-${practitionerId.toLowerCase()}@ehr.invalid`;

async function practitioner(ctx: ApplyContext, id: string) {
  return ctx.deps.db
    .select()
    .from(ehrPractitioners)
    .where(and(eq(ehrPractitioners.clinicId, ctx.clinicId), eq(ehrPractitioners.id, id)))
    .get();
}

async function matchStaff(ctx: ApplyContext, p: { name: string; email: string | null }): Promise<string | null> {
  const staff = await clinicsRepo.listStaff(ctx.deps.db, ctx.clinicId);
  const byEmail = p.email ? staff.find((s) => s.email.toLowerCase() === p.email) : undefined;
  if (byEmail) return byEmail.id;
  // Names are ambiguous across roles; only a therapist of the same name is taken to be the same person.
  const name = fold(p.name);
  const byName = staff.filter((s) => s.role === "therapist" && fold(s.name) === name);
  return byName.length === 1 && byName[0] ? byName[0].id : null;
}

/** The staff user who sees this practitioner's visits. Existing staff keep their role and active flag. */
export function therapistFor(ctx: ApplyContext, practitionerId: string): Promise<string | null> {
  return memo(ctx, `therapist:${practitionerId}`, async () => {
    const p = await practitioner(ctx, practitionerId);
    if (!p) return null;
    if (p.staffUserId && (await clinicsRepo.findStaff(ctx.deps.db, ctx.clinicId, p.staffUserId))) return p.staffUserId;
    const { db } = ctx.deps;
    const now = ctx.deps.clock.now();
    const matched = await matchStaff(ctx, p);
    const staffId = matched ?? newId(now);
    const statements = [];
    if (!matched) {
      // Staff emails are unique across clinics (they sign in with it): one in use elsewhere is not reused.
      const taken = p.email ? await clinicsRepo.findStaffByEmail(db, p.email) : undefined;
      const email = p.email && !taken ? p.email : placeholderEmail(p.id);
      statements.push(
        clinicsRepo.insertStaff(db, {
          id: staffId,
          clinicId: ctx.clinicId,
          email,
          name: p.name,
          role: "therapist",
          active: true,
          createdAt: now,
        }),
        auditStatement(ctx.deps, ctx.actor, "staff.create"),
      );
    }
    statements.push(
      db
        .update(ehrPractitioners)
        .set({ staffUserId: staffId, updatedAt: now })
        .where(
          and(
            eq(ehrPractitioners.clinicId, ctx.clinicId),
            eq(ehrPractitioners.id, p.id),
            p.staffUserId ? undefined : isNull(ehrPractitioners.staffUserId),
          ),
        ),
      // A concurrent run linked it first: this batch (and its new staff user) rolls back, and the retry uses theirs.
      guard(sql`EXISTS (SELECT 1 FROM ${ehrPractitioners} WHERE id = ${p.id} AND staff_user_id = ${staffId})`),
    );
    try {
      await execBatch(db, statements);
    } catch (error) {
      if (!isGuardFailure(error)) throw error;
      return (await practitioner(ctx, practitionerId))?.staffUserId ?? null;
    }
    return staffId;
  });
}
