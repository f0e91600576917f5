import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fixedClock, HOUR } from "../../../src/platform/clock";
import { createDb } from "../../../src/platform/db";
import { makeDeps } from "../../../src/platform/deps";
import { newId } from "../../../src/platform/ids";
import { appointments, authorizations } from "../../../src/platform/schema";
import { chunkFeatures, FEATURE_STATEMENTS } from "../../../src/risk/feature-queries";
import { score } from "../../../src/risk/score";
import { scoreChunk } from "../../../src/risk/service";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { AS_OF, at, changeLater, EXPECTED, handBuiltPatient, hepLog, insertEpisode, insertVisit, message, response } from "./fixture";

describe("risk features from D1", () => {
  it("computes every feature of a hand-built patient", async () => {
    const f = await handBuiltPatient();
    const [row] = await chunkFeatures(db(), f.clinic.id, [f.episodeId], AS_OF);
    expect(row).toEqual({ episodeId: f.episodeId, patientId: f.patient.id, features: EXPECTED });
  });

  it("a patient with nothing yet reads as unknown, not as zero", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const episodeId = await insertEpisode(clinic.id, patient.id, { startDate: "2026-11-20", bodyRegion: "shoulder" });
    const [row] = await chunkFeatures(db(), clinic.id, [episodeId], AS_OF);
    expect(row?.features).toMatchObject({
      visitsAttended: 0,
      visitNumber: 1,
      recentVisits: 0,
      nextVisitBooked: 0,
      // Since the episode started, at midnight in the clinic's time zone: 10 days and 10 hours.
      daysSinceLastVisit: 10.4,
      hepAdherence14d: null,
      painTrendPerWeek: null,
      outcomeChange: null,
      messageResponseRate: null,
      medianReplyDelayHours: null,
      authorizationVisitsLeft: null,
      returningPatient: 0,
    });
  });

  it("leaks nothing from after the scoring time: later visits, changes, check-ins, replies and logs change neither features nor score", async () => {
    const f = await handBuiltPatient();
    const c = f.clinic.id;
    const p = f.patient.id;
    const [before] = await chunkFeatures(db(), c, [f.episodeId], AS_OF);
    const later = AS_OF + HOUR;
    // A visit entered afterwards (even one dated before), and one attended after the scoring time.
    await insertVisit(c, p, f.clinic.staff.therapist.id, f.episodeId, at("2026-11-28"), "attended", later);
    await insertVisit(c, p, f.clinic.staff.therapist.id, f.episodeId, AS_OF + 2 * HOUR, "attended", AS_OF - 2 * HOUR);
    // The booked next visit is cancelled afterwards, and a past no-show is corrected to attended afterwards.
    const next = f.visitIds["2026-12-03"] as string;
    await db().update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, next));
    await changeLater(c, next, "booked", "cancelled", at("2026-12-03"), later);
    const noShow = f.visitIds["2026-11-26"] as string;
    await db().update(appointments).set({ status: "attended" }).where(eq(appointments.id, noShow));
    await changeLater(c, noShow, "no_show", "attended", at("2026-11-26"), later);
    await response(c, p, f.episodeId, "nprs", 9, later);
    await response(c, p, f.episodeId, "lefs", 75, later);
    await message(c, p, "inbound", later, null);
    await hepLog(c, p, "2026-11-30", later);
    await db().insert(authorizations).values({
      id: newId(),
      clinicId: c,
      episodeId: f.episodeId,
      patientId: p,
      payer: "Later Health",
      visitsAuthorized: 30,
      startDate: "2026-11-30",
      endDate: "2027-03-01",
      createdAt: later,
    });

    const [after] = await chunkFeatures(db(), c, [f.episodeId], AS_OF);
    expect(after).toEqual(before);
    expect(score(after?.features ?? EXPECTED)).toEqual(score(before?.features ?? EXPECTED));
    // The same data scored later does see them.
    const [now] = await chunkFeatures(db(), c, [f.episodeId], AS_OF + 3 * HOUR);
    expect(now?.features.nextVisitBooked).toBe(0);
    expect(now?.features.visitsAttended).toBe(8);
  });

  it("reads only the clinic's own open episodes", async () => {
    const f = await handBuiltPatient();
    const other = await makeClinic();
    const closed = await insertEpisode(f.clinic.id, f.patient.id, { status: "discharged", dischargedAt: AS_OF - 1000 });
    const rows = await chunkFeatures(db(), other.id, [f.episodeId], AS_OF);
    expect(rows).toEqual([]);
    expect((await chunkFeatures(db(), f.clinic.id, [f.episodeId, closed], AS_OF)).map((r) => r.episodeId)).toEqual([f.episodeId]);
  });
});

/** A database whose statements are counted (every query and batch member goes through prepare). */
function countingDb() {
  let count = 0;
  const d1 = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") {
        return (query: string) => {
          count++;
          return target.prepare(query);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: createDb(d1), count: () => count };
}

describe("bounded work per chunk", () => {
  it("a chunk of 50 episodes takes exactly as many statements as a chunk of 5", async () => {
    const clinic = await makeClinic();
    const patients = await Promise.all(Array.from({ length: 5 }, () => makePatient(clinic.id)));
    const episodeIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const patient = patients[i % 5] as { id: string };
      const id = await insertEpisode(clinic.id, patient.id);
      await insertVisit(clinic.id, patient.id, clinic.staff.therapist.id, id, at("2026-11-20"), i % 3 ? "attended" : "no_show");
      episodeIds.push(id);
    }
    const counted = async (ids: string[]) => {
      const counter = countingDb();
      const rows = await chunkFeatures(counter.db, clinic.id, ids, AS_OF);
      expect(rows).toHaveLength(ids.length);
      return counter.count();
    };
    expect(await counted(episodeIds.slice(0, 5))).toBe(FEATURE_STATEMENTS);
    expect(await counted(episodeIds)).toBe(FEATURE_STATEMENTS);

    // The whole scoring of a chunk (model, thresholds, features, previous bands, writes) is bounded too.
    const scored = async (ids: string[], asOf: number) => {
      const counter = countingDb();
      await scoreChunk(makeDeps(env, { db: counter.db, clock: fixedClock(asOf) }), { v: 1, clinicId: clinic.id, episodeIds: ids, asOf });
      return counter.count();
    };
    const small = await scored(episodeIds.slice(0, 5), AS_OF);
    expect(await scored(episodeIds, AS_OF + HOUR)).toBe(small);
    expect(small).toBeLessThanOrEqual(FEATURE_STATEMENTS + 5);
  });
});
