import { and, eq, isNull, lt, or } from "drizzle-orm";
import { clinics } from "../clinics/tables";
import { apiKeys, integrations } from "../integrations/tables";
import type { Db } from "../platform/db";

/**
 * The live key with this hash, with its clinic's time zone: one statement. A revoked key, or one of
 * a disabled integration, is not found.
 */
export function findLiveKey(db: Db, keyHash: string) {
  return db
    .select({
      id: apiKeys.id,
      clinicId: apiKeys.clinicId,
      integrationId: apiKeys.integrationId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
      clinicTimeZone: clinics.timeZone,
      integrationDisabledAt: integrations.disabledAt,
    })
    .from(apiKeys)
    .innerJoin(clinics, eq(clinics.id, apiKeys.clinicId))
    .leftJoin(integrations, and(eq(integrations.id, apiKeys.integrationId), eq(integrations.clinicId, apiKeys.clinicId)))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .get();
}

/** Last used, at most once a minute per key: the condition keeps concurrent requests from each writing. */
export function touchKey(db: Db, keyId: string, now: number, everyMs: number) {
  return db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, now - everyMs))));
}
