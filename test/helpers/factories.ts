import { env } from "cloudflare:test";
import { defaultBusinessHours } from "../../src/clinics/model";
import type { StaffRole } from "../../src/clinics/tables";
import { searchNameOf } from "../../src/patients/model";
import { createDb } from "../../src/platform/db";
import { newId } from "../../src/platform/ids";
import { clinics, consents, patientIdentifiers, patients, staffUsers } from "../../src/platform/schema";

export const db = () => createDb(env.DB);

/** A clinic with one staff member per role; emails are unique per call. */
export async function makeClinic(name = "Test Clinic") {
  const id = newId();
  const now = Date.now();
  await db()
    .insert(clinics)
    .values({ id, name, timeZone: "America/New_York", businessHours: JSON.stringify(defaultBusinessHours), createdAt: now });
  const staff = {} as Record<StaffRole, { id: string; email: string }>;
  for (const role of ["owner", "admin", "therapist", "front_desk", "billing"] as const) {
    const user = { id: newId(), email: `${role}-${id}@clinic.test` };
    await db()
      .insert(staffUsers)
      .values({ ...user, clinicId: id, name: `${role} ${name}`, role, active: true, createdAt: now });
    staff[role] = user;
  }
  return { id, name, staff };
}

/**
 * Consent given long before any test's fixed clock: a consent change a test records at its own clock
 * time must be the newest row whatever today's date is.
 */
const CONSENT_GIVEN_AT = Date.parse("2020-01-01T00:00:00Z");

export async function makePatient(clinicId: string, over: Partial<typeof patients.$inferInsert> = {}) {
  const now = Date.now();
  const row = {
    id: newId(),
    clinicId,
    givenName: "Ana",
    familyName: "Example",
    dateOfBirth: "1980-03-07",
    sex: "female" as const,
    phone: "+16175550111",
    email: "ana@example.com",
    preferredLanguage: "en" as const,
    createdAt: now,
    updatedAt: now,
    ...over,
  };
  const full = { ...row, searchName: searchNameOf(row.givenName, row.familyName) };
  await db().insert(patients).values(full);
  const identifier = { id: newId(), clinicId, patientId: row.id, system: "MRN", value: `MRN-${row.id.slice(-8)}`, createdAt: now };
  await db().insert(patientIdentifiers).values(identifier);
  await db()
    .insert(consents)
    .values({ id: newId(), clinicId, patientId: row.id, channel: "sms", status: "granted", source: "staff", recordedAt: CONSENT_GIVEN_AT });
  return { ...full, identifier };
}

/**
 * A phone number no other test will pick: test files share one database, and clinic SMS
 * numbers are unique across clinics. NANP-valid (exchange starts 2-9), 80 million choices.
 */
export function uniqueNumber(area = "413"): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
  return `+1${area}${2 + (n % 8)}${String(Math.floor(n / 8) % 1_000_000).padStart(6, "0")}`;
}
