import { base64url } from "../platform/ids";

/**
 * Keyset paging for /api/v1: the cursor is the sort key and id of the last row returned, opaque to
 * callers (base64url JSON). A page never skips or repeats a row when rows are added meanwhile, which
 * an offset cannot promise for a sync job.
 */
export type CursorKey = [sort: string | number, id: string];

export function encodeCursor(key: CursorKey): string {
  return base64url(new TextEncoder().encode(JSON.stringify(key)));
}

/** The key in a cursor, or null when it is not one of ours (or its sort key has the wrong type). */
export function decodeCursor(cursor: string, sortType: "string" | "number"): CursorKey | null {
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(cursor)) return null;
  try {
    const padded = cursor.replaceAll("-", "+").replaceAll("_", "/");
    const json = new TextDecoder().decode(Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0)));
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [sort, id] = value as unknown[];
    if (typeof sort !== sortType || typeof id !== "string" || id.length > 80) return null;
    return [sort as string | number, id];
  } catch {
    return null;
  }
}

/** Rows asked for one more than the page: whether that extra row exists decides the next cursor. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
