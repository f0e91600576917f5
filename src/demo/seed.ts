import { count, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { auditEvents } from "../audit/tables";
import { clinics, staffUsers } from "../clinics/tables";
import { authorizations, episodes } from "../episodes/tables";
import { domainEvents } from "../events/tables";
import { hepLogs, hepProgramItems } from "../hep/tables";
import { messages, messageThreads } from "../messaging/tables";
import { questionnaireResponses } from "../outcomes/tables";
import { consents, patientIdentifiers, patients } from "../patients/tables";
import { type Db, execBatch } from "../platform/db";
import { referralSources } from "../referrals/tables";
import { appointmentChanges, appointments, availability } from "../scheduling/tables";
import { surveyAnswers } from "../surveys/tables";
import { tasks } from "../worklist/tables";
import { DEFAULT_ORIGIN, DEMO_SEED, type DemoClinic, generateDemo } from "./generator";

/** Writes the demo clinics if the database has no clinic yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Db, now: number, origin = DEFAULT_ORIGIN): Promise<boolean> {
  const existing = await db.select({ n: count() }).from(clinics).get();
  if ((existing?.n ?? 0) > 0) return false;
  for (const demo of generateDemo(now, DEMO_SEED, origin)) await writeClinic(db, demo, now);
  return true;
}

/** JSON text per statement: far below D1's 2 MB limit for one value (and its 100 KB statement limit does not count it). */
const MAX_JSON_CHARS = 400_000;

/**
 * Multi-row inserts that bind ONE parameter each, well under D1's 100-parameter limit: the rows
 * as a JSON array of arrays, unpacked by SQLite's json_each. About 20,000 demo rows then go in
 * about 30 statements instead of 2,000 (seeding takes a third of the time). Values go through
 * each column's own driver mapping (booleans to 0/1), as drizzle's own insert would do.
 */
export function bulkInserts<T extends SQLiteTable>(table: T, rows: readonly T["$inferInsert"][]): SQL[] {
  const first = rows[0];
  if (!first) return [];
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
  const names = sql.join(
    columns.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  );
  const picks = sql.raw(columns.map((_, i) => `value ->> ${i}`).join(", "));
  const out: SQL[] = [];
  let pending: string[] = [];
  let chars = 0;
  const flush = () => {
    if (pending.length === 0) return;
    out.push(sql`INSERT INTO ${table} (${names}) SELECT ${picks} FROM json_each(${`[${pending.join(",")}]`})`);
    pending = [];
    chars = 0;
  };
  for (const row of rows) {
    const values = columns.map(([key, column]) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    const json = JSON.stringify(values);
    if (chars + json.length > MAX_JSON_CHARS) flush();
    pending.push(json);
    chars += json.length + 1;
  }
  flush();
  return out;
}

async function writeClinic(db: Db, demo: DemoClinic, now: number) {
  // Parents before children: D1 enforces foreign keys.
  const statements = [
    ...bulkInserts(clinics, [demo.clinic]),
    ...bulkInserts(staffUsers, demo.staff),
    ...bulkInserts(patients, demo.patients),
    ...bulkInserts(patientIdentifiers, demo.identifiers),
    ...bulkInserts(consents, demo.consents),
    ...bulkInserts(availability, demo.availability),
    ...bulkInserts(referralSources, demo.referralSources),
    ...bulkInserts(episodes, demo.episodes),
    ...bulkInserts(authorizations, demo.authorizations),
    ...bulkInserts(appointments, demo.appointments),
    ...bulkInserts(appointmentChanges, demo.appointmentChanges),
    ...bulkInserts(tasks, demo.tasks),
    ...bulkInserts(domainEvents, demo.domainEvents),
    ...bulkInserts(hepProgramItems, demo.hepProgramItems),
    ...bulkInserts(hepLogs, demo.hepLogs),
    ...bulkInserts(questionnaireResponses, demo.questionnaireResponses),
    ...bulkInserts(messages, demo.messages),
    ...bulkInserts(messageThreads, demo.messageThreads),
    ...bulkInserts(surveyAnswers, demo.surveyAnswers),
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
  await execBatch(db, statements);
}
