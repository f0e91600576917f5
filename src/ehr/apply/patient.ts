// Patient: matched by link, then by any identifier in this clinic; never duplicated.
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { commitWithEvents, type DomainEvent } from "../../events/publish";
import { searchNameOf } from "../../patients/model";
import * as patientsRepo from "../../patients/repo";
import { currentConsent } from "../../patients/service";
import { consents, patientIdentifiers, type patients } from "../../patients/tables";
import { auditStatement } from "../../platform/audit";
import type { BatchItem } from "../../platform/db";
import { newId } from "../../platform/ids";
import { mapPatient, type PatientFacts } from "../fhir/patient";
import { type linkOf, linkStatements, localTypes } from "../links";
import { mappedAndNewer } from "./prelude";
import type { Applier, ApplyContext, ApplyOutcome } from "./types";

type PatientInsert = typeof patients.$inferInsert;

const DECEASED_NOTE = "deceased: recorded, and no message will be sent";

/** The one patient these identifiers name here, "ambiguous" when they name two, null when none. */
async function matchByIdentifiers(ctx: ApplyContext, ids: PatientFacts["identifiers"]): Promise<string | "ambiguous" | null> {
  if (ids.length === 0) return null;
  const rows = await ctx.deps.db
    .selectDistinct({ patientId: patientIdentifiers.patientId })
    .from(patientIdentifiers)
    .where(
      and(
        eq(patientIdentifiers.clinicId, ctx.clinicId),
        or(...ids.map((i) => and(eq(patientIdentifiers.system, i.system), eq(patientIdentifiers.value, i.value)))),
      ),
    )
    .limit(2);
  if (rows.length > 1) return "ambiguous";
  return rows[0]?.patientId ?? null;
}

/**
 * Inserts identifiers, 15 rows a statement (D1 binds at most 100 parameters). For a new patient `strict`:
 * none matched a moment ago, so one taken now means a concurrent run created the patient, and the batch
 * must fail (its retry finds that patient). For a known patient one already on file is left as it is.
 */
function identifierInserts(
  ctx: ApplyContext,
  patientId: string,
  ids: PatientFacts["identifiers"],
  now: number,
  strict: boolean,
): BatchItem[] {
  const out: BatchItem[] = [];
  for (let i = 0; i < ids.length; i += 15) {
    const insert = ctx.deps.db
      .insert(patientIdentifiers)
      .values(ids.slice(i, i + 15).map((id) => ({ id: newId(now), clinicId: ctx.clinicId, patientId, ...id, createdAt: now })));
    out.push(strict ? insert : insert.onConflictDoNothing());
  }
  return out;
}

const demographicKeys = [
  "givenName",
  "familyName",
  "dateOfBirth",
  "sex",
  "phone",
  "email",
  "preferredLanguage",
  "addressLine1",
  "addressLine2",
  "city",
  "region",
  "postalCode",
  "country",
] as const;

/** What the EHR changes: it is the record of demographics, but a blank there never erases what the clinic has. */
function changesFrom(current: patientsRepo.PatientRow, facts: PatientFacts) {
  const set: Partial<Record<(typeof demographicKeys)[number], string>> = {};
  for (const key of demographicKeys) {
    const value = facts[key];
    if (value !== null && value !== current[key]) set[key] = value;
  }
  // The mapper already gave sex and language their allowed values.
  return set as Partial<PatientInsert>;
}

export const applyPatient: Applier = async (ctx, resource): Promise<ApplyOutcome> => {
  const pre = await mappedAndNewer(ctx, resource, mapPatient(resource));
  if (pre.done) return pre.done;
  const { facts, link } = pre;
  const { db } = ctx.deps;
  const matched = link ? link.localId : await matchByIdentifiers(ctx, facts.identifiers);
  if (matched === "ambiguous") return { result: "failed", reason: "its identifiers match two different patients here: merge them first" };
  const current = matched ? await patientsRepo.findPatient(db, ctx.clinicId, matched) : undefined;
  const now = ctx.deps.clock.now();
  return current ? updatePatient(ctx, resource, facts, current, link, now) : createPatient(ctx, resource, facts, link, now);
};

async function createPatient(
  ctx: ApplyContext,
  resource: Parameters<Applier>[1],
  facts: PatientFacts,
  link: Awaited<ReturnType<typeof linkOf>>["link"],
  now: number,
): Promise<ApplyOutcome> {
  const { db } = ctx.deps;
  const id = newId(now);
  const { identifiers, deceased, ...row } = facts;
  const local = { localType: localTypes.patient, localId: id };
  await commitWithEvents(
    ctx.deps,
    ctx.actor,
    [
      patientsRepo.insertPatient(db, {
        id,
        clinicId: ctx.clinicId,
        ...row,
        searchName: searchNameOf(row.givenName, row.familyName),
        createdAt: now,
        updatedAt: now,
      }),
      ...identifierInserts(ctx, id, identifiers, now, true),
      ...linkStatements(db, ctx, resource, local, link, now),
      auditStatement(ctx.deps, ctx.actor, "patient.create", id),
    ],
    [{ type: "patient.created", patientId: id, payload: { preferredLanguage: row.preferredLanguage } }],
  );
  return { result: "applied", local, ...(deceased ? { note: DECEASED_NOTE } : {}) };
}

async function updatePatient(
  ctx: ApplyContext,
  resource: Parameters<Applier>[1],
  facts: PatientFacts,
  current: patientsRepo.PatientRow,
  link: Awaited<ReturnType<typeof linkOf>>["link"],
  now: number,
): Promise<ApplyOutcome> {
  const { db } = ctx.deps;
  const local = { localType: localTypes.patient, localId: current.id };
  const set = changesFrom(current, facts);
  const known = await db
    .select({ system: patientIdentifiers.system, value: patientIdentifiers.value })
    .from(patientIdentifiers)
    .where(and(eq(patientIdentifiers.clinicId, ctx.clinicId), eq(patientIdentifiers.patientId, current.id)));
  const newIds = facts.identifiers.filter((i) => !known.some((k) => k.system === i.system && k.value === i.value));
  const revoke = facts.deceased ? await grantedChannels(ctx, current.id) : [];
  const statements: BatchItem[] = [...identifierInserts(ctx, current.id, newIds, now, false)];
  const events: DomainEvent[] = [];
  if (Object.keys(set).length > 0) {
    const givenName = set.givenName ?? current.givenName;
    const familyName = set.familyName ?? current.familyName;
    statements.push(
      patientsRepo.updatePatientRow(db, ctx.clinicId, current.id, {
        ...set,
        searchName: searchNameOf(givenName, familyName),
        updatedAt: now,
      }),
    );
    events.push({
      type: "patient.updated",
      patientId: current.id,
      payload: { preferredLanguage: set.preferredLanguage ?? current.preferredLanguage },
    });
  }
  // A death recorded in the EHR ends every automated message: consent is withdrawn as a STOP would.
  for (const channel of revoke) {
    statements.push(
      patientsRepo.insertConsent(db, {
        id: newId(now),
        clinicId: ctx.clinicId,
        patientId: current.id,
        channel,
        status: "revoked",
        source: "ehr",
        recordedAt: now,
      }),
    );
    events.push({ type: "consent.changed", patientId: current.id, payload: { channel, status: "revoked", source: "ehr" } });
  }
  const changed = statements.length > 0;
  statements.push(...linkStatements(db, ctx, resource, local, link, now));
  if (changed) statements.push(auditStatement(ctx.deps, ctx.actor, "patient.update", current.id));
  await commitWithEvents(ctx.deps, ctx.actor, statements, events);
  const note = facts.deceased ? DECEASED_NOTE : undefined;
  return changed ? { result: "applied", local, ...(note ? { note } : {}) } : { result: "unchanged", local, ...(note ? { note } : {}) };
}

async function grantedChannels(ctx: ApplyContext, patientId: string) {
  const history = await ctx.deps.db
    .select()
    .from(consents)
    .where(and(eq(consents.clinicId, ctx.clinicId), eq(consents.patientId, patientId), inArray(consents.channel, ["sms", "email"])))
    .orderBy(desc(consents.recordedAt), desc(consents.id));
  const now = currentConsent(history);
  return (["sms", "email"] as const).filter((c) => now[c] === "granted");
}
