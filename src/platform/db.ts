import { is, SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";

export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof createDb>;

const GUARD_PATH = "guard_failed";

/** A statement for execBatch: a drizzle query builder, or raw SQL made with the `sql` tag. */
export type BatchItem = { toSQL(): { sql: string; params: unknown[] } } | SQL;

const dialect = new SQLiteSyncDialect();

/**
 * Runs statements as one D1 batch (one implicit transaction: all or nothing). Unlike
 * drizzle's db.batch it also takes raw `sql` statements, which conditional writes need.
 */
export async function execBatch(db: Db, items: BatchItem[]): Promise<D1Result[]> {
  const d1 = db.$client;
  const prepared = items.map((item) => {
    const query = is(item, SQL) ? dialect.sqlToQuery(item) : item.toSQL();
    return d1.prepare(query.sql).bind(...query.params);
  });
  return prepared.length > 0 ? d1.batch(prepared) : [];
}

/**
 * A batch statement that fails when `condition` is false, so D1 rolls back the whole batch.
 * D1 has no interactive transactions: this is how "insert X only if Y, and its history with it"
 * stays all-or-nothing. (An invalid JSON path is the one portable way to raise an error in a SELECT.)
 */
export function guard(condition: SQL): SQL {
  return sql`SELECT json_extract('{}', CASE WHEN ${condition} THEN '$' ELSE ${GUARD_PATH} END)`;
}

export function isGuardFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error);
  return /JSON path error|bad JSON path/i.test(text);
}
