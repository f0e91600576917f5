import type { ApplyContext } from "./types";

/**
 * Per-delivery memory of lookups that cannot change while it is applied (a practitioner's staff user, a
 * therapist's hours): a bulk delivery of a thousand visits by a handful of therapists asks once each.
 * Keyed by the context object, so it is gone with the delivery.
 */
const memory = new WeakMap<ApplyContext, Map<string, Promise<unknown>>>();

export function memo<T>(ctx: ApplyContext, key: string, load: () => Promise<T>): Promise<T> {
  let map = memory.get(ctx);
  if (!map) {
    map = new Map();
    memory.set(ctx, map);
  }
  const found = map.get(key);
  if (found) return found as Promise<T>;
  const promise = load();
  map.set(key, promise);
  // A failed lookup is not remembered: the next entry (or the retry) asks again.
  promise.catch(() => map.delete(key));
  return promise;
}
