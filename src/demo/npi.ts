import type { Random } from "./random";

/**
 * National Provider Identifiers: 10 digits whose last is a Luhn check digit computed over the
 * card-issuer prefix 80840 and the first nine. Demo numbers are generated, never copied from the registry.
 */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    // The check digit will sit to the right, so the payload's rightmost digit is doubled.
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A fresh, well-formed NPI (first digit 1 or 2, as issued), not among `taken`. */
export function generateNpi(rnd: Random, taken: Set<string>): string {
  for (;;) {
    let base = String(rnd.int(1, 2));
    for (let i = 0; i < 8; i++) base += String(rnd.int(0, 9));
    const npi = `${base}${luhnCheckDigit(`80840${base}`)}`;
    if (!taken.has(npi)) {
      taken.add(npi);
      return npi;
    }
  }
}
