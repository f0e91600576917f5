// What each EHR resource became here (ehr_links), and how references inside a delivery resolve.
import { and, eq, inArray, sql } from "drizzle-orm";
import { patientIdentifiers } from "../patients/tables";
import { type BatchItem, type Db, guard } from "../platform/db";
import { newId } from "../platform/ids";
import type { FhirResource, LocalRef } from "./apply/types";
import type { DeliveryEntry } from "./fhir/entries";
import { compareVersions, stampOf, type VersionOrder, type VersionStamp } from "./fhir/version";
import { ehrLinks, ehrPractitioners } from "./tables";

/** The local tables EHR resources map to. */
export const localTypes = {
  patient: "patients",
  practitioner: "ehr_practitioners",
  appointment: "appointments",
  episode: "episodes",
  coverage: "coverages",
  response: "questionnaire_responses",
} as const;

export type LinkRow = typeof ehrLinks.$inferSelect;

export interface LinkScope {
  clinicId: string;
  integrationId: string;
}

export function findLink(db: Db, scope: LinkScope, resourceType: string, externalId: string) {
  return db
    .select()
    .from(ehrLinks)
    .where(
      and(
        eq(ehrLinks.clinicId, scope.clinicId),
        eq(ehrLinks.integrationId, scope.integrationId),
        eq(ehrLinks.resourceType, resourceType),
        eq(ehrLinks.externalId, externalId),
      ),
    )
    .get();
}

/** Links read ahead for a delivery, by "Type/id" (null: known to have none), keyed by the apply context. */
const primed = new WeakMap<LinkScope, Map<string, LinkRow | null>>();

/**
 * Reads the links of every addressable entry of a delivery in a few statements (D1 binds at most 100
 * parameters), so a bulk delivery does not ask once per resource. Each primed answer is used once: a second
 * version of the same resource in the delivery reads the link its first version left.
 */
export async function primeLinks(db: Db, scope: LinkScope, entries: DeliveryEntry[]): Promise<void> {
  const byType = new Map<string, Set<string>>();
  for (const e of entries) {
    const id = e.resource && !e.skip && typeof e.resource.id === "string" ? e.resource.id : null;
    if (id) byType.set(e.resourceType, (byType.get(e.resourceType) ?? new Set()).add(id));
  }
  const known = new Map<string, LinkRow | null>();
  for (const [type, ids] of byType) {
    const all = [...ids];
    for (let i = 0; i < all.length; i += 90) {
      const chunk = all.slice(i, i + 90);
      for (const id of chunk) known.set(`${type}/${id}`, null);
      const rows = await db
        .select()
        .from(ehrLinks)
        .where(
          and(
            eq(ehrLinks.clinicId, scope.clinicId),
            eq(ehrLinks.integrationId, scope.integrationId),
            eq(ehrLinks.resourceType, type),
            inArray(ehrLinks.externalId, chunk),
          ),
        );
      for (const row of rows) known.set(`${type}/${row.externalId}`, row);
    }
  }
  primed.set(scope, known);
}

/** The link of the resource being applied, and how its version compares with the one applied before. */
export async function linkOf(
  db: Db,
  scope: LinkScope,
  resource: FhirResource,
): Promise<{ link: LinkRow | null; stamp: VersionStamp; order: VersionOrder }> {
  const stamp = stampOf(resource);
  const id = typeof resource.id === "string" ? resource.id : null;
  const key = `${resource.resourceType}/${id}`;
  const ahead = primed.get(scope);
  let link: LinkRow | null = null;
  if (id && ahead?.has(key)) {
    link = ahead.get(key) ?? null;
    ahead.delete(key);
  } else if (id) {
    link = (await findLink(db, scope, resource.resourceType, id)) ?? null;
  }
  return { link, stamp, order: link ? compareVersions(stamp, { versionId: link.versionId, lastUpdated: link.lastUpdated }) : "newer" };
}

/**
 * The statements that record (or move forward) a link, to run in the same batch as the write they
 * describe. A new link is a plain insert: if a concurrent run made it first, the unique index fails the
 * whole batch and the retry finds the link. An update only applies to the row as it was read.
 */
export function linkStatements(
  db: Db,
  scope: LinkScope,
  resource: FhirResource,
  local: LocalRef,
  previous: LinkRow | null,
  now: number,
): BatchItem[] {
  const id = typeof resource.id === "string" ? resource.id : null;
  if (!id) return []; // a resource without an id (a POST in a transaction) cannot be addressed again
  const { versionId, lastUpdated } = stampOf(resource);
  if (!previous) {
    return [
      db.insert(ehrLinks).values({
        id: newId(now),
        clinicId: scope.clinicId,
        integrationId: scope.integrationId,
        resourceType: resource.resourceType,
        externalId: id,
        localType: local.localType,
        localId: local.localId,
        versionId,
        lastUpdated,
        updatedAt: now,
      }),
    ];
  }
  return [
    db
      .update(ehrLinks)
      .set({ localType: local.localType, localId: local.localId, versionId, lastUpdated, updatedAt: now })
      .where(and(eq(ehrLinks.id, previous.id), eq(ehrLinks.updatedAt, previous.updatedAt))),
    // Another run moved the link since it was read: fail the batch, and the retry compares again.
    guard(sql`EXISTS (SELECT 1 FROM ${ehrLinks} WHERE id = ${previous.id} AND updated_at = ${now})`),
  ];
}

/** A conditional reference: "Patient?identifier=system|value" (or a logical "?identifier=value"). */
export function parseConditional(reference: string): { type: string | null; system: string | null; value: string } | null {
  const m = /^([A-Z][A-Za-z]+)?\?identifier=(.+)$/.exec(reference);
  if (!m?.[2]) return null;
  let token = m[2];
  try {
    token = decodeURIComponent(token);
  } catch {
    // keep it as written
  }
  const bar = token.lastIndexOf("|");
  const system = bar > 0 ? token.slice(0, bar) : null;
  const value = bar >= 0 ? token.slice(bar + 1) : token;
  return value ? { type: m[1] ?? null, system, value } : null;
}

/** "Patient/1", "https://ehr/fhir/Patient/1/_history/2" -> "Patient/1"; null for anything else. */
export function literalKey(reference: string): string | null {
  const path = reference.split("/_history/")[0] ?? "";
  const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(path);
  return m ? `${m[1]}/${m[2]}` : null;
}

const identifiersOf = (r: FhirResource | null): { system?: string; value?: string }[] =>
  r && Array.isArray(r.identifier) ? (r.identifier as { system?: string; value?: string }[]) : [];

/**
 * Resolves references for one delivery: first to what this delivery already applied (by fullUrl, by
 * Type/id, or by identifier), then to what earlier deliveries of the integration left in ehr_links, to
 * patients by identifier, and to practitioners by NPI. Only hits are cached: a miss may be applied later.
 */
export function createResolver(db: Db, scope: LinkScope, entries: DeliveryEntry[]) {
  const byKey = new Map<string, DeliveryEntry>();
  for (const e of entries) {
    if (e.fullUrl) byKey.set(e.fullUrl, e);
    const key = e.fullUrl ? literalKey(e.fullUrl) : null;
    if (key) byKey.set(key, e);
    if (e.resource && typeof e.resource.id === "string") byKey.set(`${e.resourceType}/${e.resource.id}`, e);
  }
  const applied = new Map<DeliveryEntry, LocalRef>();
  const hits = new Map<string, LocalRef>();

  async function lookup(reference: string): Promise<LocalRef | null> {
    const conditional = parseConditional(reference);
    if (conditional) return resolveConditional(conditional);
    const entry = byKey.get(reference) ?? byKey.get(literalKey(reference) ?? "");
    const inDelivery = entry ? applied.get(entry) : undefined;
    if (inDelivery) return inDelivery;
    const key = literalKey(reference);
    if (!key) return null;
    const [type, id] = key.split("/") as [string, string];
    const link = await findLink(db, scope, type, id);
    return link ? { localType: link.localType, localId: link.localId } : null;
  }

  async function resolveConditional(c: { type: string | null; system: string | null; value: string }): Promise<LocalRef | null> {
    for (const [entry, local] of applied) {
      if (c.type && entry.resourceType !== c.type) continue;
      if (identifiersOf(entry.resource).some((i) => i.value === c.value && (c.system === null || i.system === c.system))) return local;
    }
    if (c.type === null || c.type === "Patient") {
      const where = [eq(patientIdentifiers.clinicId, scope.clinicId), eq(patientIdentifiers.value, c.value)];
      if (c.system) where.push(eq(patientIdentifiers.system, c.system));
      const rows = await db
        .select({ patientId: patientIdentifiers.patientId })
        .from(patientIdentifiers)
        .where(and(...where))
        .limit(2);
      // Two patients share the value under different systems: ambiguous, so unresolved.
      if (rows.length === 1 && rows[0]) return { localType: localTypes.patient, localId: rows[0].patientId };
      if (c.type === "Patient") return null;
    }
    if ((c.type === null || c.type === "Practitioner") && (c.system === null || c.system === "http://hl7.org/fhir/sid/us-npi")) {
      const row = await db
        .select({ id: ehrPractitioners.id })
        .from(ehrPractitioners)
        .where(and(eq(ehrPractitioners.clinicId, scope.clinicId), eq(ehrPractitioners.npi, c.value)))
        .get();
      if (row) return { localType: localTypes.practitioner, localId: row.id };
    }
    return null;
  }

  return {
    async resolve(reference: string): Promise<LocalRef | null> {
      const hit = hits.get(reference);
      if (hit) return hit;
      const found = await lookup(reference.trim());
      if (found) hits.set(reference, found);
      return found;
    },
    /** Records what an entry became, so later entries of the delivery resolve to it. */
    record(entry: DeliveryEntry, local: LocalRef) {
      applied.set(entry, local);
    },
  };
}
