// Coverage: the patient's payer and member id, kept in step with the EHR.
import { and, eq } from "drizzle-orm";
import { coverages } from "../../episodes/tables";
import { auditStatement } from "../../platform/audit";
import { execBatch } from "../../platform/db";
import { newId } from "../../platform/ids";
import { mapCoverage } from "../fhir/coverage";
import { linkStatements, localTypes } from "../links";
import { NO_PATIENT } from "./people";
import { mappedAndNewer } from "./prelude";
import type { Applier, ApplyOutcome } from "./types";

export const applyCoverage: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapCoverage(resource));
  if (pre.done) return pre.done;
  const {
    facts: { beneficiary, ...facts },
    link,
  } = pre;
  const { db } = ctx.deps;
  const patient = await ctx.resolve(beneficiary);
  if (patient?.localType !== localTypes.patient) return { result: "failed", reason: NO_PATIENT };
  const now = ctx.deps.clock.now();
  const current =
    link?.localType === localTypes.coverage
      ? await db
          .select()
          .from(coverages)
          .where(and(eq(coverages.clinicId, ctx.clinicId), eq(coverages.id, link.localId)))
          .get()
      : undefined;
  if (current) {
    const local = { localType: localTypes.coverage, localId: current.id };
    const same =
      current.patientId === patient.localId &&
      current.payer === facts.payer &&
      current.memberId === facts.memberId &&
      current.status === facts.status &&
      current.periodStart === facts.periodStart &&
      current.periodEnd === facts.periodEnd;
    await execBatch(db, [
      ...(same
        ? []
        : [
            db
              .update(coverages)
              .set({ patientId: patient.localId, ...facts, updatedAt: now })
              .where(and(eq(coverages.clinicId, ctx.clinicId), eq(coverages.id, current.id))),
            auditStatement(ctx.deps, ctx.actor, "coverage.update", patient.localId),
          ]),
      ...linkStatements(db, ctx, resource, local, link, now),
    ]);
    return { result: same ? "unchanged" : "applied", local };
  }
  const id = newId(now);
  const local = { localType: localTypes.coverage, localId: id };
  await execBatch(db, [
    db.insert(coverages).values({ id, clinicId: ctx.clinicId, patientId: patient.localId, ...facts, createdAt: now, updatedAt: now }),
    auditStatement(ctx.deps, ctx.actor, "coverage.create", patient.localId),
    ...linkStatements(db, ctx, resource, local, link, now),
  ]);
  return { result: "applied", local };
};
