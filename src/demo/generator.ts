import { defaultBusinessHours } from "../clinics/model";
import type { StaffRole } from "../clinics/tables";
import { searchNameOf } from "../patients/model";
import { DAY } from "../platform/clock";
import { familyNames, givenNames, streets, towns } from "./names";
import { type Random, seededRandom } from "./random";

export const DEMO_SEED = 20261127;

export interface DemoClinic {
  clinic: { id: string; name: string; timeZone: string; phone: string; businessHours: string; settings: string; createdAt: number };
  staff: { id: string; clinicId: string; email: string; name: string; role: StaffRole; active: boolean; createdAt: number }[];
  patients: DemoPatient[];
  identifiers: { id: string; clinicId: string; patientId: string; system: string; value: string; createdAt: number }[];
  consents: {
    id: string;
    clinicId: string;
    patientId: string;
    channel: "sms" | "email";
    status: "granted" | "revoked";
    source: "staff" | "patient" | "import";
    recordedAt: number;
    recordedBy: string | null;
  }[];
}

export interface DemoPatient {
  id: string;
  clinicId: string;
  givenName: string;
  familyName: string;
  searchName: string;
  dateOfBirth: string;
  sex: "female" | "male" | "other" | "unknown";
  phone: string | null;
  email: string | null;
  preferredLanguage: "en" | "es";
  timeZone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  createdAt: number;
  updatedAt: number;
}

export const demoLogins = [
  { email: "owner@demo-clinic.test", clinic: "Demo Physical Therapy", role: "owner" },
  { email: "frontdesk@demo-clinic.test", clinic: "Demo Physical Therapy", role: "front_desk" },
  { email: "therapist@demo-clinic.test", clinic: "Demo Physical Therapy", role: "therapist" },
  { email: "owner@second-clinic.test", clinic: "Second Street Rehab", role: "owner" },
] as const;

/** Deterministic ids: the same seed gives the same demo on every machine. */
function idMaker(prefix: string) {
  let n = 0;
  return () => `${prefix}${(n++).toString(36).padStart(6, "0")}`;
}

/**
 * The demo clinics: "Demo Physical Therapy" (about 300 patients) and "Second Street Rehab"
 * (a handful), so that tenant isolation can be seen. Pure: same (seed, now) -> same data.
 */
export function generateDemo(now: number, seed = DEMO_SEED): DemoClinic[] {
  const rnd = seededRandom(seed);
  return [
    buildClinic(rnd, now, {
      id: "clinic-demo-pt",
      name: "Demo Physical Therapy",
      phone: "+14135550100",
      staff: [
        ["owner@demo-clinic.test", "Olivia Owner", "owner"],
        ["frontdesk@demo-clinic.test", "Frank Desk", "front_desk"],
        ["therapist@demo-clinic.test", "Theresa Therapist", "therapist"],
        ["therapist2@demo-clinic.test", "Tomás Terapeuta", "therapist"],
        ["billing@demo-clinic.test", "Bella Billing", "billing"],
      ],
      patients: 300,
    }),
    buildClinic(rnd, now, {
      id: "clinic-second-st",
      name: "Second Street Rehab",
      phone: "+14135550101",
      staff: [["owner@second-clinic.test", "Sam Second", "owner"]],
      patients: 25,
    }),
  ];
}

function buildClinic(
  rnd: Random,
  now: number,
  spec: { id: string; name: string; phone: string; staff: [string, string, StaffRole][]; patients: number },
): DemoClinic {
  const createdAt = now - 400 * DAY;
  const nextStaff = idMaker(`${spec.id}-u`);
  const staff = spec.staff.map(([email, name, role]) => ({
    id: nextStaff(),
    clinicId: spec.id,
    email,
    name,
    role,
    active: true,
    createdAt,
  }));
  const out: DemoClinic = {
    clinic: {
      id: spec.id,
      name: spec.name,
      timeZone: "America/New_York",
      phone: spec.phone,
      businessHours: JSON.stringify(defaultBusinessHours),
      settings: "{}",
      createdAt,
    },
    staff,
    patients: [],
    identifiers: [],
    consents: [],
  };
  const nextPatient = idMaker(`${spec.id}-p`);
  const nextRow = idMaker(`${spec.id}-r`);
  const frontDesk = staff.find((s) => s.role === "front_desk")?.id ?? staff[0]?.id ?? null;
  for (let i = 0; i < spec.patients; i++) {
    const lang = rnd.chance(0.22) ? "es" : "en";
    const sex = rnd.chance(0.52) ? "female" : rnd.chance(0.97) ? "male" : "other";
    const givenName = rnd.pick(givenNames[lang]);
    const familyName = rnd.pick(familyNames[lang]);
    const age = rnd.int(16, 88);
    const birth = new Date(now - age * 365.25 * DAY - rnd.int(0, 364) * DAY);
    const [city, region, zip] = rnd.pick(towns);
    const id = nextPatient();
    const patientCreated = now - rnd.int(1, 380) * DAY;
    const hasPhone = rnd.chance(0.93);
    const hasEmail = rnd.chance(0.7);
    out.patients.push({
      id,
      clinicId: spec.id,
      givenName,
      familyName,
      searchName: searchNameOf(givenName, familyName),
      dateOfBirth: birth.toISOString().slice(0, 10),
      sex,
      // 555-01xx numbers are reserved for fiction; one per patient across a few local area codes.
      phone: hasPhone ? fictionalPhone(i + (spec.id === "clinic-demo-pt" ? 0 : 500)) : null,
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
    out.identifiers.push({
      id: nextRow(),
      clinicId: spec.id,
      patientId: id,
      system: "MRN",
      value: `${spec.id === "clinic-demo-pt" ? "DPT" : "SSR"}-${String(10000 + i)}`,
      createdAt: patientCreated,
    });
    const channels = [
      ["sms", hasPhone, 0.85],
      ["email", hasEmail, 0.75],
    ] as const;
    for (const [channel, possible, p] of channels) {
      if (!possible) continue;
      const granted = rnd.chance(p);
      out.consents.push({
        id: nextRow(),
        clinicId: spec.id,
        patientId: id,
        channel,
        status: granted ? "granted" : "revoked",
        source: rnd.chance(0.8) ? "staff" : "import",
        recordedAt: patientCreated,
        recordedBy: frontDesk,
      });
      // A few later revoked by replying STOP or from the portal.
      if (granted && rnd.chance(0.05)) {
        out.consents.push({
          id: nextRow(),
          clinicId: spec.id,
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
  return out;
}

// Clinics use 413; patients never do, so no patient shares a clinic's number.
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
