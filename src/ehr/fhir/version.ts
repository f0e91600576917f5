// Which of two versions of one EHR resource is newer: out-of-order deliveries must never step back. Pure.

export interface VersionStamp {
  versionId: string | null;
  /** meta.lastUpdated as epoch ms. */
  lastUpdated: number | null;
}

export type VersionOrder = "older" | "same" | "newer";

const INTEGER = /^\d{1,15}$/;

/**
 * Compares an incoming version with the one applied. Integer versionIds compare numerically ("10" after
 * "9"); otherwise lastUpdated decides; equal opaque versionIds are the same version. With nothing to
 * compare the incoming one is taken as newer (applying it again is harmless: the appliers diff content).
 */
export function compareVersions(incoming: VersionStamp, applied: VersionStamp): VersionOrder {
  const a = incoming.versionId;
  const b = applied.versionId;
  if (a !== null && b !== null && INTEGER.test(a) && INTEGER.test(b)) {
    const d = Number(a) - Number(b);
    return d < 0 ? "older" : d > 0 ? "newer" : "same";
  }
  if (incoming.lastUpdated !== null && applied.lastUpdated !== null && incoming.lastUpdated !== applied.lastUpdated) {
    return incoming.lastUpdated < applied.lastUpdated ? "older" : "newer";
  }
  if (a !== null && a === b) return "same";
  if (incoming.lastUpdated !== null && incoming.lastUpdated === applied.lastUpdated && (a === null || b === null || a === b)) return "same";
  return "newer";
}

/** The stamp of a resource as received: meta.versionId and meta.lastUpdated (unparseable -> null). */
export function stampOf(resource: { meta?: { versionId?: unknown; lastUpdated?: unknown } }): VersionStamp {
  const v = resource.meta?.versionId;
  const u = resource.meta?.lastUpdated;
  const at = typeof u === "string" ? Date.parse(u) : Number.NaN;
  return {
    versionId: typeof v === "string" && v.trim() ? v.trim().slice(0, 64) : null,
    lastUpdated: Number.isNaN(at) ? null : at,
  };
}
