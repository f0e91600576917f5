// The referral source a referral's requester is here: a physician (by NPI) or a practice (by name).
import { and, eq, sql } from "drizzle-orm";
import { fold } from "../../patients/model";
import { auditStatement } from "../../platform/audit";
import { execBatch } from "../../platform/db";
import { newId } from "../../platform/ids";
import * as referralsRepo from "../../referrals/repo";
import { referralSources } from "../../referrals/tables";
import { ehrPractitioners } from "../tables";
import { memo } from "./memo";
import type { ApplyContext } from "./types";

/** A physician referral source for an EHR practitioner: the one linked, else the one with the NPI, else a new one. */
export function physicianSourceFor(ctx: ApplyContext, practitionerId: string): Promise<string | null> {
  return memo(ctx, `referrer:${practitionerId}`, async () => {
    const { db } = ctx.deps;
    const p = await db
      .select()
      .from(ehrPractitioners)
      .where(and(eq(ehrPractitioners.clinicId, ctx.clinicId), eq(ehrPractitioners.id, practitionerId)))
      .get();
    if (!p) return null;
    if (p.referralSourceId) return p.referralSourceId;
    const byNpi = p.npi
      ? await db
          .select({ id: referralSources.id })
          .from(referralSources)
          .where(and(eq(referralSources.clinicId, ctx.clinicId), eq(referralSources.npi, p.npi)))
          .get()
      : undefined;
    const now = ctx.deps.clock.now();
    const sourceId = byNpi?.id ?? newId(now);
    await execBatch(db, [
      ...(byNpi
        ? []
        : [
            referralsRepo.insertReferralSource(db, {
              id: sourceId,
              clinicId: ctx.clinicId,
              name: p.name,
              kind: "physician",
              npi: p.npi && /^\d{10}$/.test(p.npi) ? p.npi : null,
              practice: null,
              phone: p.phone,
              fax: null,
              email: p.email,
              createdAt: now,
            }),
            auditStatement(ctx.deps, ctx.actor, "referral_source.create"),
          ]),
      db
        .update(ehrPractitioners)
        .set({ referralSourceId: sourceId, updatedAt: now })
        .where(and(eq(ehrPractitioners.clinicId, ctx.clinicId), eq(ehrPractitioners.id, p.id))),
    ]);
    return sourceId;
  });
}

/** A practice referral source named as the organization is (case and accents aside), created when new. */
export function practiceSourceFor(ctx: ApplyContext, name: string): Promise<string> {
  return memo(ctx, `practice:${fold(name)}`, async () => {
    const { db } = ctx.deps;
    const existing = await db
      .select({ id: referralSources.id })
      .from(referralSources)
      .where(and(eq(referralSources.clinicId, ctx.clinicId), sql`lower(${referralSources.name}) = ${name.toLowerCase()}`))
      .get();
    if (existing) return existing.id;
    const now = ctx.deps.clock.now();
    const id = newId(now);
    await execBatch(db, [
      referralsRepo.insertReferralSource(db, {
        id,
        clinicId: ctx.clinicId,
        name,
        kind: "practice",
        npi: null,
        practice: name,
        phone: null,
        fax: null,
        email: null,
        createdAt: now,
      }),
      auditStatement(ctx.deps, ctx.actor, "referral_source.create"),
    ]);
    return id;
  });
}
