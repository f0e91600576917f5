/**
 * Name-based UUIDs: the same name always gives the same UUID. An SIU message carries no FHIR ids,
 * so the Patient, Practitioner and Appointment ids (and their urn:uuid fullUrls) are derived from
 * what identifies them in the message (the filler appointment id, the record number). An S15
 * cancel therefore names the same Appointment as the S12 that booked it, and a redelivered
 * message maps to an identical bundle.
 *
 * FNV-1a over the UTF-8 bytes, 128 bits, mixed, and laid out as an RFC 9562 version 8 ("custom") UUID. It is
 * not a secret or a signature: it only has to be stable and not collide by accident.
 */
const offsetBasis = 0x6c62272e07bb014262b821756295c58dn;
const prime = 0x0000000001000000000000000000013bn;
const mask = (1n << 128n) - 1n;

export function nameBasedUuid(name: string): string {
  let hash = offsetBasis;
  for (const byte of new TextEncoder().encode(name)) {
    hash = ((hash ^ BigInt(byte)) * prime) & mask;
  }
  // FNV leaves similar names with similar-looking hashes; xor-shifts and odd multipliers are
  // bijections, so this spreads the bits without making two names collide.
  hash ^= hash >> 64n;
  hash = (hash * 0x9e3779b97f4a7c15f39cc0605cedc835n) & mask;
  hash ^= hash >> 61n;
  hash = (hash * 0xc2b2ae3d27d4eb4f165667b19e3779f9n) & mask;
  hash ^= hash >> 67n;
  const hex = hash.toString(16).padStart(32, "0");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  const v8 = `${hex.slice(0, 12)}8${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  return `${v8.slice(0, 8)}-${v8.slice(8, 12)}-${v8.slice(12, 16)}-${v8.slice(16, 20)}-${v8.slice(20)}`;
}
