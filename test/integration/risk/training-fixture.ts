import { episodes } from "../../../src/episodes/tables";
import { DAY } from "../../../src/platform/clock";
import { type BatchItem, execBatch } from "../../../src/platform/db";
import { newId } from "../../../src/platform/ids";
import { appointments, hepProgramItems, patients } from "../../../src/platform/schema";
import { db, makeClinic } from "../../helpers/factories";

/** The nightly run's clock in these tests: 10:00 UTC, as the daily cron fires. */
export const NOW = Date.parse("2026-11-30T10:00:00Z");

/** A small deterministic generator (mulberry32), so a generated clinic is the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR_BEFORE = 60 * 60_000;
const dateOf = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Visits of every episode up to the cut-off (days after the start), and the completers' visits after it. */
const EARLY_VISITS = [0, 3, 7, 10, 14, 17, 21];
const LATE_VISITS = [24, 28, 31, 35];
/** Discharge, days after the start: the cut-off (14 days before) falls on day 24, after the early visits. */
const DISCHARGE_DAY = 38;

/**
 * A clinic whose closed episodes all look alike at their cut-off except for one thing the default
 * model reads the wrong way round: completers were given a home program they never logged (low
 * adherence, which the default counts as risk) and dropouts had none (which the default ignores).
 * About 10% go against the pattern. The clinic's own fit should learn it and beat the default.
 * Episodes start three days apart, so their discharges spread over time for the held-out split.
 */
export async function generatedClinic(count: number, seed = 7) {
  const clinic = await makeClinic("Generated Training Clinic");
  const rand = random(seed);
  const therapistId = clinic.staff.therapist.id;
  const items: BatchItem[] = [];
  let dropouts = 0;
  for (let i = 0; i < count; i++) {
    const start = Date.parse(`${dateOf(NOW - (DISCHARGE_DAY + 2 + 3 * (count - i)) * DAY)}T15:00:00Z`);
    const dropped = rand() < 0.4;
    const againstPattern = rand() < 0.1;
    const program = againstPattern ? dropped : !dropped;
    if (dropped) dropouts++;
    const patientId = newId();
    const episodeId = newId();
    items.push(
      db()
        .insert(patients)
        .values({
          id: patientId,
          clinicId: clinic.id,
          givenName: "Generated",
          familyName: `Patient ${i}`,
          searchName: `generated patient ${i}`,
          dateOfBirth: "1975-06-15",
          sex: i % 2 ? "female" : "male",
          createdAt: start - DAY,
          updatedAt: start - DAY,
        }),
      db()
        .insert(episodes)
        .values({
          id: episodeId,
          clinicId: clinic.id,
          patientId,
          bodyRegion: "low_back",
          diagnosis: "Low back pain",
          startDate: dateOf(start),
          visitsPrescribed: 12,
          frequencyPerWeek: 2,
          durationWeeks: 6,
          status: "discharged",
          dischargeReason: dropped ? "dropped_out" : "goals_met",
          dischargedAt: start + DISCHARGE_DAY * DAY,
          createdAt: start - HOUR_BEFORE,
          updatedAt: start + DISCHARGE_DAY * DAY,
        }),
    );
    for (const day of dropped ? EARLY_VISITS : [...EARLY_VISITS, ...LATE_VISITS]) {
      const startsAt = start + day * DAY;
      items.push(
        db()
          .insert(appointments)
          .values({
            id: newId(),
            clinicId: clinic.id,
            patientId,
            therapistId,
            episodeId,
            startsAt,
            endsAt: startsAt + 45 * 60_000,
            durationMinutes: 45,
            type: day === 0 ? "evaluation" : "follow_up",
            status: "attended",
            // Booked a week ahead, as a front desk does: each visit existed before the cut-off only if it was booked by then.
            createdAt: startsAt - 7 * DAY,
            updatedAt: startsAt,
          }),
      );
    }
    if (program) {
      items.push(
        db()
          .insert(hepProgramItems)
          .values({
            id: newId(),
            clinicId: clinic.id,
            patientId,
            episodeId,
            exerciseId: "bridge",
            sets: 2,
            reps: 10,
            holdSeconds: 0,
            timesPerDay: 1,
            daysPerWeek: 7,
            startDate: dateOf(start),
            createdAt: start,
          }),
      );
    }
  }
  for (let i = 0; i < items.length; i += 400) await execBatch(db(), items.slice(i, i + 400));
  return { clinic, dropouts };
}
