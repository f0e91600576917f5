import type { StaffRole } from "../clinics/tables";
import { searchNameOf } from "../patients/model";
import { DAY } from "../platform/clock";
import { familyNames, givenNames, streets, towns } from "./names";
import type { Random } from "./random";
import { type DemoConsent, type DemoIdentifier, type DemoPatient, type DemoStaff, idMaker } from "./types";

export interface PeopleSpec {
  clinicId: string;
  staff: readonly (readonly [string, string, StaffRole])[];
  patients: number;
  mrnPrefix: string;
  /** Offset into the fictional phone range, so two clinics never share a patient number. */
  phoneOffset: number;
}

export function buildStaff(clinicId: string, staff: PeopleSpec["staff"], createdAt: number): DemoStaff[] {
  const nextStaff = idMaker(`${clinicId}-u`);
  return staff.map(([email, name, role]) => ({ id: nextStaff(), clinicId, email, name, role, active: true, createdAt }));
}

/** Patients with an MRN and their consent history. */
export function buildPatients(rnd: Random, now: number, spec: PeopleSpec, staff: DemoStaff[], firstSeen: (index: number) => number | null) {
  const patients: DemoPatient[] = [];
  const identifiers: DemoIdentifier[] = [];
  const consents: DemoConsent[] = [];
  const nextPatient = idMaker(`${spec.clinicId}-p`);
  const nextRow = idMaker(`${spec.clinicId}-r`);
  const frontDesk = staff.find((s) => s.role === "front_desk")?.id ?? staff[0]?.id ?? null;
  for (let i = 0; i < spec.patients; i++) {
    const lang = rnd.chance(0.22) ? "es" : "en";
    const sex = rnd.chance(0.52) ? "female" : rnd.chance(0.97) ? "male" : "other";
    // The name follows the sex; a patient of another sex has a name from either list.
    const names = givenNames[lang][sex === "other" ? (rnd.chance(0.5) ? "female" : "male") : sex];
    const givenName = rnd.pick(names);
    const familyName = rnd.pick(familyNames[lang]);
    const age = rnd.int(16, 88);
    const birth = new Date(now - age * 365.25 * DAY - rnd.int(0, 364) * DAY);
    const [city, region, zip] = rnd.pick(towns);
    const id = nextPatient();
    // Registered a little before their first episode; patients with no episode at any time in the last year.
    const seen = firstSeen(i);
    const patientCreated = seen === null ? now - rnd.int(2, 380) * DAY : seen - rnd.int(1, 20) * DAY - rnd.int(0, 60) * 60_000;
    const hasPhone = rnd.chance(0.93);
    const hasEmail = rnd.chance(0.7);
    patients.push({
      id,
      clinicId: spec.clinicId,
      givenName,
      familyName,
      searchName: searchNameOf(givenName, familyName),
      dateOfBirth: birth.toISOString().slice(0, 10),
      sex,
      // 555-01xx numbers are reserved for fiction; one per patient across a few local area codes.
      phone: hasPhone ? fictionalPhone(i + spec.phoneOffset) : null,
      email: hasEmail ? `${fold(givenName)}.${fold(familyName)}${i}@example.com` : null,
      preferredLanguage: lang,
      timeZone: rnd.chance(0.05) ? "America/Chicago" : null,
      addressLine1: `${rnd.int(1, 999)} ${rnd.pick(streets)}`,
      addressLine2: rnd.chance(0.2) ? `Apt ${rnd.int(1, 40)}` : null,
      city,
      region,
      postalCode: `${zip}${String(rnd.int(10, 99))}`,
      country: "US",
      createdAt: patientCreated,
      updatedAt: patientCreated,
    });
    identifiers.push({
      id: nextRow(),
      clinicId: spec.clinicId,
      patientId: id,
      system: "MRN",
      value: `${spec.mrnPrefix}-${String(10000 + i)}`,
      createdAt: patientCreated,
    });
    const channels = [
      ["sms", hasPhone, 0.85],
      ["email", hasEmail, 0.75],
    ] as const;
    for (const [channel, possible, p] of channels) {
      if (!possible) continue;
      const granted = rnd.chance(p);
      consents.push({
        id: nextRow(),
        clinicId: spec.clinicId,
        patientId: id,
        channel,
        status: granted ? "granted" : "revoked",
        source: rnd.chance(0.8) ? "staff" : "import",
        recordedAt: patientCreated,
        recordedBy: frontDesk,
      });
      // A few later revoked by replying STOP or from the portal.
      if (granted && rnd.chance(0.05) && patientCreated < now - 31 * DAY) {
        consents.push({
          id: nextRow(),
          clinicId: spec.clinicId,
          patientId: id,
          channel,
          status: "revoked",
          source: "patient",
          recordedAt: patientCreated + rnd.int(1, 30) * DAY,
          recordedBy: null,
        });
      }
    }
  }
  return { patients, identifiers, consents };
}

// Clinics and referral sources use 413; patients never do, so no patient shares their numbers.
const areaCodes = ["617", "857", "781", "339", "508", "978"];

function fictionalPhone(n: number): string {
  return `+1${areaCodes[Math.floor(n / 100) % areaCodes.length]}55501${String(n % 100).padStart(2, "0")}`;
}

function fold(s: string) {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
