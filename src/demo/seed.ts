import { count } from "drizzle-orm";
import { auditEvents } from "../audit/tables";
import { clinics, staffUsers } from "../clinics/tables";
import { consents, patientIdentifiers, patients } from "../patients/tables";
import type { Db } from "../platform/db";
import { type DemoClinic, generateDemo } from "./generator";

/** D1 allows 100 bound parameters per statement; keep each insert under it. */
function chunk<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(100 / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Writes the demo clinics if the database has no clinic yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Db, now: number): Promise<boolean> {
  const existing = await db.select({ n: count() }).from(clinics).get();
  if ((existing?.n ?? 0) > 0) return false;
  for (const demo of generateDemo(now)) await writeClinic(db, demo, now);
  return true;
}

async function writeClinic(db: Db, demo: DemoClinic, now: number) {
  const statements = [
    db.insert(clinics).values(demo.clinic),
    ...chunk(demo.staff, 7).map((rows) => db.insert(staffUsers).values(rows)),
    ...chunk(demo.patients, 19).map((rows) => db.insert(patients).values(rows)),
    ...chunk(demo.identifiers, 6).map((rows) => db.insert(patientIdentifiers).values(rows)),
    ...chunk(demo.consents, 8).map((rows) => db.insert(consents).values(rows)),
    db.insert(auditEvents).values({
      id: `${demo.clinic.id}-seed`,
      clinicId: demo.clinic.id,
      actorType: "system",
      actorId: "demo-seed",
      action: "demo.seed",
      route: "POST /dev/seed",
      at: now,
    }),
  ];
  // One batch per clinic: D1 runs it as a single transaction, so a clinic is seeded whole or not at all.
  await db.batch(statements as unknown as Parameters<Db["batch"]>[0]);
}
