import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addProgramItem, changeProgramItem, removeProgramItem } from "../../../src/hep/service";
import { domainEvents, hepProgramItems } from "../../../src/platform/schema";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";

const day = "2026-11-30";
const dose = { sets: 2, reps: 10, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 7 };

async function setup() {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const { deps } = testDeps();
  return { clinic, patient, deps, therapist: staffActorFor(clinic.id, clinic.staff.therapist.id) };
}

const openRows = async (patientId: string) =>
  (await db().select().from(hepProgramItems).where(eq(hepProgramItems.patientId, patientId)).all()).filter((r) => r.endedAt === null);
const eventCount = async (patientId: string) =>
  (await db().select().from(domainEvents).where(eq(domainEvents.patientId, patientId)).all()).length;

describe("program changes at the same moment", () => {
  it("two adds of the same exercise leave one row and one event", async () => {
    const { patient, deps, therapist } = await setup();
    const results = await Promise.all(
      [1, 2, 3].map(() => addProgramItem(deps, therapist, patient.id, { exerciseId: "bridge", dose }, day)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(["already_in_program", "already_in_program"]);
    expect(await openRows(patient.id)).toHaveLength(1);
    expect(await eventCount(patient.id)).toBe(1);
  });

  it("two changes of the same row, or a change and a removal, apply once", async () => {
    const { patient, deps, therapist } = await setup();
    const added = await addProgramItem(deps, therapist, patient.id, { exerciseId: "bridge", dose }, day);
    if (!added.ok) throw new Error(added.error);
    const [a, b, c] = await Promise.all([
      changeProgramItem(deps, therapist, patient.id, added.value, { ...dose, reps: 12 }, day),
      changeProgramItem(deps, therapist, patient.id, added.value, { ...dose, reps: 15 }, day),
      removeProgramItem(deps, therapist, patient.id, added.value, day),
    ]);
    expect([a, b, c].filter((r) => r.ok)).toHaveLength(1);
    expect([a, b, c].filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(["item_not_found", "item_not_found"]);
    expect((await openRows(patient.id)).length).toBeLessThanOrEqual(1);
    expect(await eventCount(patient.id)).toBe(2);
  });

  it("refuses an unknown exercise or an out-of-range dose before writing", async () => {
    const { patient, deps, therapist } = await setup();
    expect(await addProgramItem(deps, therapist, patient.id, { exerciseId: "moonwalk", dose }, day)).toEqual({
      ok: false,
      error: "unknown_exercise",
    });
    expect(await addProgramItem(deps, therapist, patient.id, { exerciseId: "bridge", dose: { ...dose, sets: 0 } }, day)).toEqual({
      ok: false,
      error: "invalid_dose",
    });
    expect(await openRows(patient.id)).toEqual([]);
    expect(await eventCount(patient.id)).toBe(0);
  });
});
