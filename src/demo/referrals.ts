import { physicianNames, practices } from "./catalog";
import { generateNpi } from "./npi";
import type { Random } from "./random";
import { idMaker, type ReferralSourceRow } from "./types";

export interface ReferralSpec {
  clinicId: string;
  physicians: number;
  practices: number;
  /** Last two digits of the first fictional 413-555-01xx number the sources use. */
  phoneBase: number;
  createdAt: number;
}

/**
 * Physicians and practices who send patients, plus "Self-referral". Weights say how many
 * patients each sends: a couple of busy orthopedists, a long tail of primary care.
 */
export function buildReferralSources(rnd: Random, spec: ReferralSpec, npis: Set<string>) {
  const nextId = idMaker(`${spec.clinicId}-s`);
  const rows: ReferralSourceRow[] = [];
  const weights: number[] = [];
  const names = rnd.shuffle(physicianNames);
  const places = rnd.shuffle(practices);
  for (let i = 0; i < spec.physicians + spec.practices; i++) {
    const isPhysician = i < spec.physicians;
    const [practice, domain] = places[i % places.length] ?? practices[0];
    const phone = spec.phoneBase + i;
    rows.push({
      id: nextId(),
      clinicId: spec.clinicId,
      name: isPhysician ? (names[i % names.length] ?? "Dr. Alex Example") : practice,
      kind: isPhysician ? "physician" : "practice",
      npi: generateNpi(rnd, npis),
      practice: isPhysician ? practice : null,
      phone: `+141355501${String(phone).padStart(2, "0")}`,
      fax: rnd.chance(0.85) ? `+141355501${String(phone + 30).padStart(2, "0")}` : null,
      email: rnd.chance(0.6) ? `referrals@${domain}.example` : null,
      createdAt: spec.createdAt,
    });
    weights.push(i < 2 ? 14 : i < 5 ? 8 : 4);
  }
  rows.push({
    id: nextId(),
    clinicId: spec.clinicId,
    name: "Self-referral",
    kind: "self",
    npi: null,
    practice: null,
    phone: null,
    fax: null,
    email: null,
    createdAt: spec.createdAt,
  });
  weights.push(Math.max(4, Math.round(weights.reduce((a, b) => a + b, 0) * 0.2)));
  return { rows, weights };
}
