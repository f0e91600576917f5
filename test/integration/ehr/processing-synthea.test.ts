// The Synthea sets ingested end to end (see test/fixtures/synthea/README.md): counts checked, nothing doubled
// when sent twice, and no message, task or journey event from history.
import { env } from "cloudflare:test";
import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ehrPractitioners } from "../../../src/ehr/tables";
import {
  appointments,
  domainEvents,
  episodes,
  messages,
  patients,
  questionnaireResponses,
  staffUsers,
  tasks,
} from "../../../src/platform/schema";
import denny from "../../fixtures/synthea/Denny_Bins_bc0fbd67-bfe3-46c8-8ce9-ef20b0705b46.json";
import encounterLines from "../../fixtures/synthea/Encounter.000.ndjson?raw";
import floyd from "../../fixtures/synthea/Floyd_Connelly_66843218-a9f9-4f16-8347-bdc2a0d14265.json";
import patientLines from "../../fixtures/synthea/Patient.000.ndjson?raw";
import practitionerLines from "../../fixtures/synthea/Practitioner.000.ndjson?raw";
import { db } from "../../helpers/factories";
import { type EhrClinic, ehrClinic } from "./processing-setup";

const ndjson = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
/** A bulk export's lines sent as collection Bundles of at most `size` resources (well under the 1 MB limit). */
const collections = (resources: Record<string, unknown>[], size: number) =>
  Array.from({ length: Math.ceil(resources.length / size) }, (_, i) => ({
    resourceType: "Bundle",
    type: "collection",
    entry: resources.slice(i * size, (i + 1) * size).map((resource) => ({ resource })),
  }));

const count = async (table: typeof patients | typeof appointments | typeof questionnaireResponses | typeof messages, clinicId: string) =>
  (await db().select({ n: sql<number>`count(*)` }).from(table).where(eq(table.clinicId, clinicId)).get())?.n ?? 0;

/** What history must never cause: messages, tasks, or events the journey or the rules react to. */
async function expectNoReactions(t: EhrClinic) {
  expect(await count(messages, t.clinic.id)).toBe(0);
  expect(await db().select().from(tasks).where(eq(tasks.clinicId, t.clinic.id)).all()).toHaveLength(0);
  const reactive = await db()
    .select({ type: domainEvents.type })
    .from(domainEvents)
    .where(and(eq(domainEvents.clinicId, t.clinic.id), sql`${domainEvents.type} NOT IN ('patient.created', 'patient.updated')`))
    .all();
  expect(reactive).toEqual([]);
}

describe("Synthea bulk export (10-patient set)", () => {
  // About 10 s here: 1215 visits, each written in one batch with its change row, audit row and link.
  it("13 patients, 43 practitioners and all 1215 encounters as attended visits, with nothing doubled on a second send", {
    timeout: 60_000,
  }, async () => {
    const t = await ehrClinic();
    const practitioners = ndjson(practitionerLines);
    const people = ndjson(patientLines);
    const encounters = ndjson(encounterLines);
    expect([practitioners.length, people.length, encounters.length]).toEqual([43, 13, 1215]);

    const first = [await t.ingest(collections(practitioners, 100)[0]), await t.ingest(collections(people, 100)[0])];
    expect(first.map((d) => d.counts)).toEqual([
      { Practitioner: { applied: 43, unchanged: 0, skipped: 0, failed: 0 } },
      { Patient: { applied: 13, unchanged: 0, skipped: 0, failed: 0 } },
    ]);
    const visitDeliveries = [];
    for (const chunk of collections(encounters, 250)) visitDeliveries.push(await t.ingest(chunk));
    expect(visitDeliveries.map((d) => d.status)).toEqual(["processed", "processed", "processed", "processed", "processed"]);
    expect(visitDeliveries.reduce((n, d) => n + (d.counts.Encounter?.applied ?? 0), 0)).toBe(1215);

    expect(await count(patients, t.clinic.id)).toBe(13);
    const visits = await db()
      .select({ status: appointments.status, n: sql<number>`count(*)` })
      .from(appointments)
      .where(eq(appointments.clinicId, t.clinic.id))
      .groupBy(appointments.status)
      .all();
    expect(visits).toEqual([{ status: "attended", n: 1215 }]);
    expect(await db().select().from(ehrPractitioners).where(eq(ehrPractitioners.clinicId, t.clinic.id)).all()).toHaveLength(43);
    // The 39 practitioners who saw these patients became therapists (the factory clinic has one already).
    const therapists = await db()
      .select()
      .from(staffUsers)
      .where(and(eq(staffUsers.clinicId, t.clinic.id), eq(staffUsers.role, "therapist")))
      .all();
    expect(therapists).toHaveLength(40);
    // Synthea's names carry digits; they are kept as given.
    const sumiko = await db()
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, t.clinic.id), like(patients.givenName, "Sumiko254%")))
      .get();
    expect(sumiko).toMatchObject({
      familyName: "Medhurst46",
      phone: "+15558107203",
      email: null,
      dateOfBirth: "1927-05-21",
      sex: "female",
    });

    // Sent again (another delivery id): everything is found, nothing is doubled.
    const again = await t.ingest(collections(people, 100)[0]);
    expect(again.counts).toEqual({ Patient: { applied: 0, unchanged: 13, skipped: 0, failed: 0 } });
    const chunkAgain = await t.ingest(collections(encounters, 250)[0]);
    expect(chunkAgain.counts.Encounter).toMatchObject({ applied: 0, unchanged: 250 });
    expect(await count(patients, t.clinic.id)).toBe(13);
    expect(await count(appointments, t.clinic.id)).toBe(1215);

    // Decades of visits are history: no message, no task, no journey event, and no journey at all.
    await expectNoReactions(t);
    const snapshot = await env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName(sumiko?.id ?? "")).snapshot();
    expect(snapshot.state).toBeNull();
  });
});

describe("Synthea per-patient transaction bundles", () => {
  it("two patients with their visits, plans of care and pain scores; the rest counted as skipped; twice is once", async () => {
    const t = await ehrClinic();
    const [a, b] = [await t.ingest(denny), await t.ingest(floyd)];
    expect([a.status, b.status]).toEqual(["processed", "processed"]);
    expect(a.counts).toMatchObject({
      Patient: { applied: 1 },
      Practitioner: { applied: 2 },
      Encounter: { applied: 8 },
      // One active plan of care opens an episode; the two completed ones have no episode of theirs to close.
      CarePlan: { applied: 1, skipped: 2 },
      Observation: { applied: 3, skipped: 38 },
      Claim: { skipped: 11 },
      ExplanationOfBenefit: { skipped: 8 },
      Organization: { skipped: 2 },
      Condition: { skipped: 2 },
      Immunization: { skipped: 5 },
      MedicationRequest: { skipped: 3 },
      Procedure: { skipped: 5 },
      DiagnosticReport: { skipped: 4 },
    });
    expect(b.counts).toMatchObject({ Encounter: { applied: 7 }, Observation: { applied: 4, skipped: 90 }, Goal: { skipped: 5 } });
    // Floyd's second active plan of care is the same open episode's plan: one episode each.
    expect(b.counts.CarePlan).toMatchObject({ applied: 1, failed: 0 });

    expect(await count(patients, t.clinic.id)).toBe(2);
    expect(await count(appointments, t.clinic.id)).toBe(15);
    const pain = await db().select().from(questionnaireResponses).where(eq(questionnaireResponses.clinicId, t.clinic.id)).all();
    expect(pain.map((r) => r.score).sort()).toEqual([0, 2, 2, 2, 2, 3, 3]);
    expect(pain.every((r) => r.kind === "check_in" && r.source === "ehr")).toBe(true);
    expect(await db().select().from(episodes).where(eq(episodes.clinicId, t.clinic.id)).all()).toHaveLength(2);

    const [a2, b2] = [await t.ingest(denny), await t.ingest(floyd)];
    for (const d of [a2, b2]) {
      for (const [type, tally] of Object.entries(d.counts))
        expect({ type, applied: tally.applied, failed: tally.failed }).toEqual({ type, applied: 0, failed: 0 });
    }
    expect(await count(patients, t.clinic.id)).toBe(2);
    expect(await count(appointments, t.clinic.id)).toBe(15);
    expect(await count(questionnaireResponses, t.clinic.id)).toBe(7);
    await expectNoReactions(t);
  });
});
