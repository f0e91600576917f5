import { describe, expect, it } from "vitest";
import { DAY, HOUR } from "../../../src/platform/clock";
import { newId } from "../../../src/platform/ids";
import { authorizations, hepProgramItems } from "../../../src/platform/schema";
import { CUT_OFF_BEFORE_DISCHARGE_MS, cutOffOf, droppedOut, trainingEpisodes } from "../../../src/risk/training-data";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { changeLater, hepLog, insertEpisode, insertVisit, message, response } from "./fixture";
import { NOW } from "./training-fixture";

const at = (date: string, hours = 15) => Date.parse(`${date}T${String(hours).padStart(2, "0")}:00:00Z`);
const CREATED = at("2026-08-25");
const DISCHARGED = at("2026-10-01");
/** Midnight UTC of the day 14 days before the discharge. */
const CUT_OFF = Date.parse("2026-09-17T00:00:00Z");

type Ending = Parameters<typeof insertEpisode>[2];

/** One closed episode of its own patient: visits attended on the given days, then discharged as told. */
async function closedEpisode(clinic: Awaited<ReturnType<typeof makeClinic>>, ending: Ending, attendedDays: string[]) {
  const patient = await makePatient(clinic.id);
  const episodeId = await insertEpisode(clinic.id, patient.id, {
    startDate: "2026-09-01",
    status: "discharged",
    dischargedAt: DISCHARGED,
    createdAt: CREATED,
    ...ending,
  });
  for (const day of attendedDays) {
    await insertVisit(clinic.id, patient.id, clinic.staff.therapist.id, episodeId, at(day), "attended", CREATED);
  }
  return { patientId: patient.id, episodeId };
}

const FOUR_VISITS = ["2026-09-01", "2026-09-04", "2026-09-08", "2026-09-11"];

describe("training rows from closed episodes", () => {
  it("labels dropouts and lapses against completions", () => {
    expect(droppedOut("dropped_out", 12, 12)).toBe(true);
    expect(droppedOut("goals_met", 4, 12)).toBe(false);
    expect(droppedOut("plan_completed", 4, 12)).toBe(false);
    expect(droppedOut("moved", 4, 12)).toBe(true);
    expect(droppedOut("other", 12, 12)).toBe(false);
    expect(droppedOut(null, 3, 12)).toBe(true);
  });

  it("takes the cut-off two weeks before discharge, at midnight UTC, and only after the first visit", () => {
    expect(CUT_OFF_BEFORE_DISCHARGE_MS).toBe(14 * DAY);
    expect(cutOffOf(DISCHARGED, at("2026-09-01"))).toBe(CUT_OFF);
    // The first visit on the cut-off day itself is after its midnight: no visit had happened by then.
    expect(cutOffOf(DISCHARGED, at("2026-09-17", 8))).toBeNull();
    expect(cutOffOf(DISCHARGED, null)).toBeNull();
  });

  it("reads each closed episode of the clinic as it stood at its cut-off, labelled by how it ended", async () => {
    const clinic = await makeClinic();
    const other = await makeClinic();
    const dropped = await closedEpisode(clinic, { dischargeReason: "dropped_out" }, FOUR_VISITS);
    const goals = await closedEpisode(clinic, { dischargeReason: "goals_met" }, FOUR_VISITS);
    const moved = await closedEpisode(clinic, { dischargeReason: "moved" }, FOUR_VISITS);
    const fullOther = await closedEpisode(clinic, { dischargeReason: "other", visitsPrescribed: 4 }, FOUR_VISITS);
    const completed = await closedEpisode(clinic, { dischargeReason: "plan_completed" }, FOUR_VISITS);
    // Too short: discharged nine days after the first visit, so two weeks before discharge is before it.
    await closedEpisode(clinic, { dischargeReason: "dropped_out", dischargedAt: at("2026-09-10") }, ["2026-09-01"]);
    // Never attended a visit.
    await closedEpisode(clinic, { dischargeReason: "dropped_out" }, []);
    // Still open, and another clinic's closed episode: neither is this clinic's training data.
    const open = await makePatient(clinic.id);
    await insertEpisode(clinic.id, open.id, { startDate: "2026-09-01", createdAt: CREATED });
    await closedEpisode(other, { dischargeReason: "dropped_out" }, FOUR_VISITS);

    const data = await trainingEpisodes(db(), clinic.id, NOW);
    const byId = new Map(data.episodes.map((e) => [e.episodeId, e]));
    expect(data.skipped).toBe(2);
    expect([...byId.keys()].sort()).toEqual([dropped, goals, moved, fullOther, completed].map((e) => e.episodeId).sort());
    expect(Object.fromEntries([...byId.values()].map((e) => [e.episodeId, e.dropped]))).toEqual({
      [dropped.episodeId]: true,
      [goals.episodeId]: false,
      [moved.episodeId]: true,
      [fullOther.episodeId]: false,
      [completed.episodeId]: false,
    });
    for (const e of byId.values()) {
      expect(e.cutOff).toBe(CUT_OFF);
      expect(e.endedAt).toBe(DISCHARGED);
      expect(e.features.visitsAttended).toBe(4);
      // Last visit 2026-09-11 15:00, cut-off 2026-09-17 00:00.
      expect(e.features.daysSinceLastVisit).toBe(5.4);
    }
    expect((await trainingEpisodes(db(), other.id, NOW)).episodes).toHaveLength(1);
  });

  it("an event after the cut-off never changes a training row's features", async () => {
    const clinic = await makeClinic();
    const { patientId, episodeId } = await closedEpisode(clinic, { dischargeReason: "dropped_out" }, FOUR_VISITS);
    const c = clinic.id;
    const therapist = clinic.staff.therapist.id;
    // Booked before the cut-off for the day after it; marked a no-show once that day came.
    const next = await insertVisit(c, patientId, therapist, episodeId, at("2026-09-18"), "no_show", at("2026-09-11"));
    await changeLater(c, next, "booked", "no_show", at("2026-09-18"), at("2026-09-18", 17));

    const [before] = (await trainingEpisodes(db(), c, NOW)).episodes;
    expect(before?.features).toMatchObject({ nextVisitBooked: 1, noShowsTotal: 0, recentNoShows: 0, visitsAttended: 4 });

    // Everything below happens after the cut-off, before the discharge.
    const later = CUT_OFF + 3 * DAY;
    await insertVisit(c, patientId, therapist, episodeId, at("2026-09-22"), "no_show", later);
    await insertVisit(c, patientId, therapist, episodeId, at("2026-09-16"), "attended", later);
    await response(c, patientId, episodeId, "nprs", 9, later);
    await response(c, patientId, episodeId, "nprs", 10, later + DAY);
    await response(c, patientId, episodeId, "psfs", 2, later);
    await message(c, patientId, "outbound", later, "visit_reminder");
    await message(c, patientId, "inbound", later + HOUR, null);
    await db().insert(hepProgramItems).values({
      id: newId(),
      clinicId: c,
      patientId,
      episodeId,
      exerciseId: "bridge",
      sets: 2,
      reps: 10,
      holdSeconds: 0,
      timesPerDay: 1,
      daysPerWeek: 7,
      startDate: "2026-09-10",
      createdAt: later,
    });
    await hepLog(c, patientId, "2026-09-16", later);
    await db().insert(authorizations).values({
      id: newId(),
      clinicId: c,
      episodeId,
      patientId,
      payer: "Acme Health",
      visitsAuthorized: 4,
      startDate: "2026-09-01",
      endDate: "2026-10-31",
      createdAt: later,
    });

    const [after] = (await trainingEpisodes(db(), c, NOW)).episodes;
    expect(after?.features).toEqual(before?.features);
    expect(after?.dropped).toBe(true);
  });
});
