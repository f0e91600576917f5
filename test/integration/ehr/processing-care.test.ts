import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { questionnaireUrl } from "../../../src/outcomes/questionnaires";
import {
  appointments,
  coverages,
  domainEvents,
  episodes,
  journeyProjections,
  patients,
  questionnaireResponses,
  referralSources,
  tasks,
} from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { bundle, DAY, ehrClinic, fhirAppointment, fhirPatient, fhirPractitioner, HOUR } from "./processing-setup";

const iso = (at: number) => new Date(at).toISOString();

async function withPatient() {
  const t = await ehrClinic(Math.floor(Date.now() / HOUR) * HOUR);
  await t.ingest(
    bundle("batch", [fhirPatient("p1"), fhirPractitioner("d1", { telecom: [{ system: "email", value: "Chidi.Okafor@Example.org" }] })]),
  );
  const patient = await db().select().from(patients).where(eq(patients.clinicId, t.clinic.id)).get();
  if (!patient) throw new Error("patient not ingested");
  const clinicEpisodes = () => db().select().from(episodes).where(eq(episodes.clinicId, t.clinic.id)).all();
  const eventTypes = async () =>
    (
      await db()
        .select()
        .from(domainEvents)
        .where(and(eq(domainEvents.clinicId, t.clinic.id), eq(domainEvents.patientId, patient.id)))
        .all()
    ).map((e) => e.type);
  return { ...t, patient, clinicEpisodes, eventTypes };
}

const referral = (id: string, over: Record<string, unknown> = {}) => ({
  resourceType: "ServiceRequest",
  id,
  status: "active",
  intent: "order",
  subject: { reference: "Patient/p1" },
  requester: { reference: "Practitioner/d1" },
  authoredOn: new Date().toISOString().slice(0, 10),
  code: { text: "Physical therapy evaluation and treatment" },
  reasonCode: [
    { coding: [{ system: "http://hl7.org/fhir/sid/icd-10-cm", code: "M17.11", display: "Primary osteoarthritis, right knee" }] },
  ],
  ...over,
});

describe("referrals, plans of care and coverage from the EHR", () => {
  it("a ServiceRequest opens an episode with its referring physician, and the journey enters referred", async () => {
    const t = await withPatient();
    const row = await t.ingest(referral("sr1"));
    expect(row.counts.ServiceRequest).toMatchObject({ applied: 1 });
    const [episode] = await t.clinicEpisodes();
    expect(episode).toMatchObject({
      patientId: t.patient.id,
      status: "open",
      bodyRegion: "knee",
      icd10Code: "M17.11",
      diagnosis: "Primary osteoarthritis, right knee",
    });
    const source = await db()
      .select()
      .from(referralSources)
      .where(eq(referralSources.id, episode?.referralSourceId ?? ""))
      .get();
    expect(source).toMatchObject({ kind: "physician", name: "Chidi Okafor", npi: "1234567893", email: "chidi.okafor@example.org" });
    expect(await t.eventTypes()).toContain("episode.started");
    const projection = await db().select().from(journeyProjections).where(eq(journeyProjections.patientId, t.patient.id)).get();
    expect(projection?.stage).toBe("referred");
    // The first visit the EHR books belongs to that episode, and moves the patient on to scheduled.
    const start = new Date(t.clock.now() + 2 * DAY).toISOString();
    await t.ingest(
      fhirAppointment("a1", "Patient/p1", "Practitioner/d1", { start, end: new Date(Date.parse(start) + 3_600_000).toISOString() }),
    );
    const visit = await db().select().from(appointments).where(eq(appointments.clinicId, t.clinic.id)).get();
    expect(visit).toMatchObject({ episodeId: episode?.id, durationMinutes: 60 });
    expect((await db().select().from(journeyProjections).where(eq(journeyProjections.patientId, t.patient.id)).get())?.stage).toBe(
      "scheduled",
    );
    // A second referral while in care is recorded on the same episode, not as a second one.
    await t.ingest(referral("sr2", { requester: { display: "Back Bay Orthopedics" } }));
    expect(await t.clinicEpisodes()).toHaveLength(1);
    const revoked = await t.ingest(referral("sr3", { status: "revoked" }));
    expect(revoked).toMatchObject({ status: "skipped", reason: "ServiceRequest: revoked referral: no episode to open" });
  });

  it("a CarePlan sets the open episode's plan of care from its timing, and completing it discharges the episode", async () => {
    const t = await withPatient();
    const plan = (status: string, version: string) => ({
      resourceType: "CarePlan",
      id: "cp1",
      meta: { versionId: version },
      status,
      intent: "plan",
      title: "Knee rehabilitation",
      subject: { reference: "Patient/p1" },
      period: { start: new Date().toISOString().slice(0, 10) },
      activity: [
        {
          detail: {
            status: "in-progress",
            scheduledTiming: {
              repeat: { frequency: 3, period: 1, periodUnit: "wk", boundsDuration: { value: 4, unit: "wk", code: "wk" } },
            },
          },
        },
      ],
    });
    await t.ingest(referral("sr1"));
    await t.ingest(plan("active", "1"));
    const [episode] = await t.clinicEpisodes();
    expect(episode).toMatchObject({ frequencyPerWeek: 3, durationWeeks: 4, visitsPrescribed: 12, status: "open" });
    expect(await t.eventTypes()).toContain("episode.updated");
    await t.ingest(plan("completed", "2"));
    expect((await t.clinicEpisodes())[0]).toMatchObject({ status: "discharged", dischargeReason: "plan_completed" });
    expect(await t.eventTypes()).toContain("episode.discharged");
  });

  it("a Coverage names its payer from the Organization sent with it", async () => {
    const t = await withPatient();
    const row = await t.ingest(
      bundle("batch", [
        { resourceType: "Organization", id: "org1", name: "Blue Harbor Health Plan" },
        {
          resourceType: "Coverage",
          id: "cov1",
          status: "active",
          subscriberId: "BH-778",
          beneficiary: { reference: "Patient/p1" },
          payor: [{ reference: "Organization/org1" }],
          period: { start: "2026-01-01" },
        },
      ]),
    );
    expect(row.counts).toMatchObject({ Organization: { skipped: 1 }, Coverage: { applied: 1 } });
    const coverage = await db().select().from(coverages).where(eq(coverages.clinicId, t.clinic.id)).get();
    expect(coverage).toMatchObject({
      patientId: t.patient.id,
      payer: "Blue Harbor Health Plan",
      memberId: "BH-778",
      status: "active",
      periodStart: "2026-01-01",
      periodEnd: null,
    });
  });

  it("a recent pain score of 9 is a check-in that opens a task; one from years ago is history and opens none", async () => {
    const t = await withPatient();
    const pain = (id: string, at: number, value: number, code = "72514-3") => ({
      resourceType: "Observation",
      id,
      status: "final",
      code: { coding: [{ system: "http://loinc.org", code }] },
      subject: { reference: "Patient/p1" },
      effectiveDateTime: iso(at),
      valueQuantity: { value },
    });
    const row = await t.ingest(
      bundle("batch", [
        pain("o1", t.clock.now() - 400 * DAY, 9.2),
        pain("o2", t.clock.now() - HOUR, 8.6),
        pain("o3", t.clock.now(), 120, "8867-4"),
      ]),
    );
    expect(row.counts.Observation).toEqual({ applied: 2, unchanged: 0, skipped: 1, failed: 0 });
    const responses = await db().select().from(questionnaireResponses).where(eq(questionnaireResponses.patientId, t.patient.id)).all();
    expect(responses.map((r) => [r.kind, r.instrumentId, r.score, r.source]).sort()).toEqual([
      ["check_in", "nprs", 9, "ehr"],
      ["check_in", "nprs", 9, "ehr"],
    ]);
    const painTasks = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.patientId, t.patient.id), eq(tasks.type, "pain_increase")))
      .all();
    expect(painTasks).toHaveLength(1);
    expect(painTasks[0]?.title).toBe("Pain 9/10 reported by the patient");
  });

  it("a QuestionnaireResponse to one of our instruments is scored and recorded; another questionnaire is skipped", async () => {
    const t = await withPatient();
    const lefs = {
      resourceType: "QuestionnaireResponse",
      id: "qr1",
      questionnaire: "http://ehr.example/fhir/Questionnaire/LEFS|1.0",
      status: "completed",
      subject: { reference: "Patient/p1" },
      authored: iso(t.clock.now() - HOUR),
      item: Array.from({ length: 20 }, (_, i) => ({ linkId: `lefs-${i + 1}`, answer: [{ valueCoding: { code: "3" } }] })),
    };
    const other = { ...lefs, id: "qr2", questionnaire: "http://ehr.example/fhir/Questionnaire/phq-9" };
    const wrong = {
      ...lefs,
      id: "qr3",
      questionnaire: questionnaireUrl("lefs"),
      item: [{ linkId: "lefs-1", answer: [{ valueCoding: { code: "9" } }] }],
    };
    const row = await t.ingest(bundle("batch", [lefs, other, wrong]));
    expect(row.counts.QuestionnaireResponse).toEqual({ applied: 1, unchanged: 0, skipped: 1, failed: 1 });
    expect(row.reason).toContain("QuestionnaireResponse/qr3: the answers do not score as LEFS");
    const [response] = await db().select().from(questionnaireResponses).where(eq(questionnaireResponses.patientId, t.patient.id)).all();
    expect(response).toMatchObject({ instrumentId: "lefs", kind: "questionnaire", score: 60, source: "ehr" });
    expect(JSON.parse(response?.resource ?? "{}")).toMatchObject({
      questionnaire: questionnaireUrl("lefs"),
      subject: { reference: `Patient/${t.patient.id}` },
    });
    expect(await t.eventTypes()).toContain("questionnaire.completed");
  });
});
