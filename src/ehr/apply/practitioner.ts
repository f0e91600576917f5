// Practitioner: kept in ehr_practitioners (matched by link, then NPI); it becomes a therapist or a
// referral source only when a visit or a referral needs one (see therapist.ts, referral-source.ts).
import { and, eq } from "drizzle-orm";
import { auditStatement } from "../../platform/audit";
import { execBatch } from "../../platform/db";
import { newId } from "../../platform/ids";
import { mapPractitioner } from "../fhir/practitioner";
import { linkStatements, localTypes } from "../links";
import { ehrPractitioners } from "../tables";
import { mappedAndNewer } from "./prelude";
import type { Applier, ApplyOutcome } from "./types";

export const applyPractitioner: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapPractitioner(resource));
  if (pre.done) return pre.done;
  const { facts, link } = pre;
  const { db } = ctx.deps;
  const existing = link
    ? await db
        .select()
        .from(ehrPractitioners)
        .where(and(eq(ehrPractitioners.clinicId, ctx.clinicId), eq(ehrPractitioners.id, link.localId)))
        .get()
    : facts.npi
      ? await db
          .select()
          .from(ehrPractitioners)
          .where(and(eq(ehrPractitioners.clinicId, ctx.clinicId), eq(ehrPractitioners.npi, facts.npi)))
          .get()
      : undefined;
  const now = ctx.deps.clock.now();
  if (existing) {
    const local = { localType: localTypes.practitioner, localId: existing.id };
    const same =
      existing.name === facts.name && existing.npi === facts.npi && existing.email === facts.email && existing.phone === facts.phone;
    await execBatch(db, [
      ...(same
        ? []
        : [
            db
              .update(ehrPractitioners)
              .set({ ...facts, updatedAt: now })
              .where(and(eq(ehrPractitioners.clinicId, ctx.clinicId), eq(ehrPractitioners.id, existing.id))),
            auditStatement(ctx.deps, ctx.actor, "ehr_practitioner.update"),
          ]),
      ...linkStatements(db, ctx, resource, local, link, now),
    ]);
    return { result: same ? "unchanged" : "applied", local };
  }
  const id = newId(now);
  const local = { localType: localTypes.practitioner, localId: id };
  await execBatch(db, [
    db.insert(ehrPractitioners).values({ id, clinicId: ctx.clinicId, ...facts, createdAt: now, updatedAt: now }),
    ...linkStatements(db, ctx, resource, local, link, now),
    auditStatement(ctx.deps, ctx.actor, "ehr_practitioner.create"),
  ]);
  return { result: "applied", local };
};
