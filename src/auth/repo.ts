import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { clinics, staffUsers } from "../clinics/tables";
import type { Db } from "../platform/db";
import { loginTokens, rateLimits, sessions } from "./tables";

export function findActiveStaffByEmail(db: Db, email: string) {
  return db
    .select()
    .from(staffUsers)
    .where(and(eq(staffUsers.email, email), eq(staffUsers.active, true)))
    .get();
}

export function insertLoginToken(db: Db, row: typeof loginTokens.$inferInsert) {
  return db.insert(loginTokens).values(row);
}

/** Read-only look-up for the landing page: a GET must never consume the token. */
export function peekLoginToken(db: Db, tokenHash: string, now: number) {
  return db
    .select({ id: loginTokens.id })
    .from(loginTokens)
    .where(and(eq(loginTokens.tokenHash, tokenHash), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)))
    .get();
}

/** Marks the token used in one conditional statement, so two racing POSTs cannot both win. */
export function consumeLoginToken(db: Db, tokenHash: string, now: number) {
  return db
    .update(loginTokens)
    .set({ usedAt: now })
    .where(and(eq(loginTokens.tokenHash, tokenHash), isNull(loginTokens.usedAt), gt(loginTokens.expiresAt, now)))
    .returning({ userId: loginTokens.userId })
    .get();
}

export function findStaffById(db: Db, userId: string) {
  return db.select().from(staffUsers).where(eq(staffUsers.id, userId)).get();
}

export async function findClinicSettings(db: Db, clinicId: string): Promise<string | undefined> {
  const row = await db.select({ settings: clinics.settings }).from(clinics).where(eq(clinics.id, clinicId)).get();
  return row?.settings;
}

/** Creates the session and stamps the user's last sign-in together. */
export function openSession(db: Db, row: typeof sessions.$inferInsert) {
  return db.batch([
    db.insert(sessions).values(row),
    db.update(staffUsers).set({ lastSignInAt: row.createdAt }).where(eq(staffUsers.id, row.userId)),
  ]);
}

export function findSessionWithUser(db: Db, sessionId: string) {
  return db
    .select({
      session: sessions,
      user: staffUsers,
      clinicSettings: clinics.settings,
      clinicTimeZone: clinics.timeZone,
    })
    .from(sessions)
    .innerJoin(staffUsers, eq(staffUsers.id, sessions.userId))
    .innerJoin(clinics, eq(clinics.id, sessions.clinicId))
    .where(eq(sessions.id, sessionId))
    .get();
}

export function touchSession(db: Db, sessionId: string, now: number) {
  return db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, sessionId));
}

export function revokeSession(db: Db, sessionId: string, now: number) {
  return db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

export function revokeUserSessions(db: Db, userId: string, now: number) {
  return db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Adds one hit to a fixed window and returns the window's count, in one statement. */
export async function hitRateLimit(db: Db, key: string, windowStart: number): Promise<number> {
  const row = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count })
    .get();
  return row?.count ?? 1;
}

/** Housekeeping: drop what can no longer be used. */
export function purgeExpiredAuthRows(db: Db, now: number, oldestWindow: number) {
  return db.batch([
    db.delete(loginTokens).where(lt(loginTokens.expiresAt, now)),
    db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.revokedAt, now))),
    db.delete(rateLimits).where(lt(rateLimits.windowStart, oldestWindow)),
  ]);
}
