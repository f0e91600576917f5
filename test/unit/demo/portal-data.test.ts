import { describe, expect, it } from "vitest";
import { type DemoClinic, generateDemo } from "../../../src/demo/generator";
import { chooseExercises, LIBRARY_REGIONS, progressed } from "../../../src/demo/home-care";
import { seededRandom } from "../../../src/demo/random";
import { bodyRegions } from "../../../src/episodes/tables";
import { isValidDose, sameDose } from "../../../src/hep/dose";
import { exerciseById, exercisesForRegion } from "../../../src/hep/library";
import { adherence, type HepLog, isActiveOn, type Program, SESSION_LOG } from "../../../src/hep/model";
import { painAlert, painRuleKey } from "../../../src/outcomes/pain-rule";
import { instrumentForRegion } from "../../../src/outcomes/plan";
import { type Answers, instruments } from "../../../src/outcomes/questionnaires";
import { changeIsMeaningful, type QuestionnaireResponse, score } from "../../../src/outcomes/scoring";
import { localParts } from "../../../src/platform/time";

const now = Date.UTC(2026, 10, 27, 14, 30, 0);
const demo = generateDemo(now);
const [dpt, ssr] = demo as [DemoClinic, DemoClinic];
const TZ = "America/New_York";
const DAY = 86_400_000;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(key(row));
    if (list) list.push(row);
    else out.set(key(row), [row]);
  }
  return out;
}

/** The answers a stored QuestionnaireResponse holds, read back the way a FHIR client would. */
function answersOf(resource: QuestionnaireResponse): Answers {
  const out: Answers = {};
  for (const item of resource.item) {
    const a = item.answer[0];
    if (!a) continue;
    out[item.linkId] = "valueInteger" in a ? a.valueInteger : "valueCoding" in a ? Number(a.valueCoding.code) : a.valueString;
  }
  return out;
}

const zoneOf = (d: DemoClinic, patientId: string) => d.patients.find((p) => p.id === patientId)?.timeZone ?? d.clinic.timeZone;
const firstAttended = (d: DemoClinic, episodeId: string) =>
  d.appointments.filter((a) => a.episodeId === episodeId && a.status === "attended").sort((a, b) => a.startsAt - b.startsAt)[0];

/** Every patient's program and logs, as the model reads them. */
function programsOf(d: DemoClinic) {
  const items = groupBy(d.hepProgramItems, (r) => r.patientId);
  const logs = groupBy(d.hepLogs, (l) => l.patientId);
  return [...items].map(([patientId, rows]) => ({
    patientId,
    rows,
    program: { items: rows } satisfies Program,
    logs: (logs.get(patientId) ?? []).map((l): HepLog => ({ date: l.date, exerciseId: l.exerciseId, at: l.loggedAt })),
  }));
}

describe("portal data: determinism and size", () => {
  it("the same seed and now give the same portal rows; another seed gives others", () => {
    const again = generateDemo(now);
    for (const [a, b] of demo.map((d, i) => [d, again[i] as DemoClinic] as const)) {
      expect(b.hepProgramItems).toEqual(a.hepProgramItems);
      expect(b.hepLogs).toEqual(a.hepLogs);
      expect(b.questionnaireResponses).toEqual(a.questionnaireResponses);
    }
    const other = generateDemo(now, 7);
    expect(JSON.stringify(other[0]?.hepLogs)).not.toBe(JSON.stringify(dpt.hepLogs));
  });

  it("adds a moderate number of rows, so the seed stays quick", () => {
    const added = demo.reduce((n, d) => n + d.hepProgramItems.length + d.hepLogs.length + d.questionnaireResponses.length, 0);
    const events = demo.reduce((n, d) => n + d.domainEvents.filter((e) => /^(hep\.|checkin\.|questionnaire\.)/.test(e.type)).length, 0);
    expect(dpt.hepProgramItems.length).toBeGreaterThan(600);
    expect(dpt.hepLogs.length).toBeGreaterThan(2000);
    expect(dpt.questionnaireResponses.length).toBeGreaterThan(700);
    // Fifteen months of care, the whole of each program of the last six months: still well under a second to write.
    expect(added + events).toBeLessThan(40_000);
  });

  it("each clinic's portal rows name only its own patients, episodes and staff", () => {
    for (const d of demo) {
      const patients = new Set(d.patients.map((p) => p.id));
      const episodes = new Set(d.episodes.map((e) => e.id));
      const staff = new Set(d.staff.map((s) => s.id));
      for (const r of [...d.hepProgramItems, ...d.hepLogs, ...d.questionnaireResponses]) {
        expect(r.clinicId).toBe(d.clinic.id);
        expect(patients.has(r.patientId), r.id).toBe(true);
      }
      for (const r of [...d.hepProgramItems, ...d.questionnaireResponses]) expect(episodes.has(r.episodeId ?? ""), r.id).toBe(true);
      for (const r of d.hepProgramItems) expect(staff.has(r.createdBy ?? ""), r.id).toBe(true);
    }
    expect(ssr.hepProgramItems.length).toBeGreaterThan(0);
    expect(ssr.questionnaireResponses.length).toBeGreaterThan(0);
  });
});

describe("exercise choice", () => {
  it("every episode region has at least three exercises to draw from, and the library knows every region named", () => {
    for (const region of bodyRegions) {
      const pool = new Set(LIBRARY_REGIONS[region].flatMap((r) => exercisesForRegion(r).map((e) => e.id)));
      expect(pool.size, region).toBeGreaterThanOrEqual(3);
      expect(exercisesForRegion(LIBRARY_REGIONS[region][0] ?? "other").length, region).toBeGreaterThan(0);
    }
  });

  it("draws 3-6 distinct exercises of the region, its own before its neighbours'", () => {
    const rnd = seededRandom(1);
    for (let i = 0; i < 200; i++) {
      const region = bodyRegions[i % bodyRegions.length] ?? "knee";
      const chosen = chooseExercises(rnd, region);
      const [own, ...others] = LIBRARY_REGIONS[region];
      expect(chosen.length).toBeGreaterThanOrEqual(3);
      expect(chosen.length).toBeLessThanOrEqual(6);
      expect(new Set(chosen.map((e) => e.id)).size).toBe(chosen.length);
      const ownCount = chosen.filter((e) => own && e.bodyRegions.includes(own)).length;
      expect(ownCount).toBe(Math.min(chosen.length, own ? exercisesForRegion(own).length : 0));
      for (const e of chosen)
        expect(
          e.bodyRegions.some((r) => r === own || others.includes(r)),
          `${region}: ${e.id}`,
        ).toBe(true);
    }
  });

  it("a progression is a different, valid dose", () => {
    const rnd = seededRandom(2);
    for (const id of ["chin-tuck", "pendulum", "calf-raise", "modified-plank", "ankle-alphabet", "quad-set"]) {
      const defaults = exerciseById(id)?.defaults;
      if (!defaults) throw new Error(id);
      const next = progressed(rnd, defaults);
      expect(next, id).not.toBeNull();
      if (next) {
        expect(isValidDose(next)).toBe(true);
        expect(sameDose(next, defaults)).toBe(false);
      }
    }
  });
});

describe.each([
  ["Friday 09:30", now, demo],
  ["Monday after the fall DST change", Date.parse("2026-11-02T22:30:00Z"), generateDemo(Date.parse("2026-11-02T22:30:00Z"))],
] as const)("home exercise programs generated on %s", (_label, at, clinics) => {
  it.each(clinics.map((d) => [d.clinic.name, d] as const))("%s: programs match their episode", (_name, d) => {
    const today = localParts(at, d.clinic.timeZone).date;
    const therapists = new Set(d.staff.filter((s) => s.role === "therapist").map((s) => s.id));
    const byEpisode = groupBy(d.hepProgramItems, (r) => r.episodeId ?? "");
    let eligible = 0;
    let withProgram = 0;
    let changed = 0;
    for (const e of d.episodes) {
      const evaluation = firstAttended(d, e.id);
      const rows = byEpisode.get(e.id) ?? [];
      if (!evaluation) {
        expect(rows, e.id).toEqual([]);
        continue;
      }
      eligible++;
      if (rows.length === 0) continue;
      withProgram++;
      const start = localParts(evaluation.startsAt, d.clinic.timeZone).date;
      const initial = rows.filter((r) => r.startDate === start);
      expect(initial.length, e.id).toBeGreaterThanOrEqual(3);
      expect(initial.length, e.id).toBeLessThanOrEqual(6);
      expect(new Set(initial.map((r) => r.exerciseId)).size).toBe(initial.length);
      for (const r of initial) {
        const exercise = exerciseById(r.exerciseId);
        expect(exercise, r.exerciseId).toBeDefined();
        expect(
          exercise?.bodyRegions.some((x) => LIBRARY_REGIONS[e.bodyRegion].includes(x)),
          `${e.bodyRegion}: ${r.exerciseId}`,
        ).toBe(true);
        expect(sameDose(r, exercise?.defaults ?? r)).toBe(true);
      }
      for (const r of rows) {
        expect(r.patientId).toBe(e.patientId);
        expect(therapists.has(r.createdBy ?? "")).toBe(true);
        expect(isValidDose(r)).toBe(true);
        expect(r.startDate <= today).toBe(true);
        expect(r.createdAt).toBeLessThanOrEqual(at);
        if (e.status === "discharged") {
          expect(r.endedAt, r.id).not.toBeNull();
          expect(r.endedAt ?? at + 1).toBeLessThanOrEqual(e.dischargedAt ?? 0);
        }
      }
      // One open row per exercise: the current program (none once discharged).
      const open = rows.filter((r) => r.endedAt === null);
      expect(new Set(open.map((r) => r.exerciseId)).size).toBe(open.length);
      if (e.status === "discharged") {
        const end = localParts(e.dischargedAt ?? 0, d.clinic.timeZone).date;
        expect(rows.filter((r) => r.endDate === end).length).toBe(initial.length);
      } else {
        expect(open.length).toBe(initial.length);
        expect(open.every((r) => r.endDate === null)).toBe(true);
      }
      // A change ends the old row the day before the new dose starts.
      for (const [, same] of groupBy(rows, (r) => r.exerciseId)) {
        if (same.length === 1) continue;
        changed++;
        expect(same).toHaveLength(2);
        const [old, next] = [...same].sort((a, b) => a.startDate.localeCompare(b.startDate)) as [(typeof same)[0], (typeof same)[0]];
        expect(old.endDate).not.toBeNull();
        expect(localParts(Date.parse(`${old.endDate}T12:00:00Z`) + DAY, "UTC").date).toBe(next.startDate);
        expect(old.endedAt).toBe(next.createdAt);
        expect(sameDose(old, next)).toBe(false);
      }
    }
    expect(withProgram / eligible).toBeGreaterThan(0.75);
    if (d.clinic.id === "clinic-demo-pt") expect(changed).toBeGreaterThan(20);
  });

  it.each(clinics.map((d) => [d.clinic.name, d] as const))(
    "%s: every log is of an active program item, on the patient's own date, never ahead of now",
    (_name, d) => {
      const items = groupBy(d.hepProgramItems, (r) => r.patientId);
      for (const l of d.hepLogs) {
        expect(l.loggedAt, l.id).toBeLessThanOrEqual(at);
        const zone = zoneOf(d, l.patientId);
        const local = localParts(l.loggedAt, zone);
        expect(l.date, l.id).toBe(local.date);
        const hour = local.minutes / 60;
        expect((hour >= 6.5 && hour < 10) || (hour >= 12 && hour < 15) || (hour >= 18 && hour < 22), `${l.id} at ${hour}`).toBe(true);
        const active = (items.get(l.patientId) ?? []).filter((r) => isActiveOn(r, l.date));
        expect(active.length, l.id).toBeGreaterThan(0);
        if (l.exerciseId !== SESSION_LOG)
          expect(
            active.some((r) => r.exerciseId === l.exerciseId),
            l.id,
          ).toBe(true);
        // Nothing logged before the program (or that day's dose) was written.
        expect(
          active.every((r) => r.createdAt <= l.loggedAt),
          l.id,
        ).toBe(true);
      }
    },
  );
});

describe("adherence spread (src/hep/model adherence)", () => {
  const open = dpt.episodes.filter((e) => e.status === "open");
  const openPatients = new Set(open.map((e) => e.patientId));
  const lapsing = new Set(
    open.filter((e) => !dpt.appointments.some((a) => a.episodeId === e.id && a.startsAt >= now)).map((e) => e.patientId),
  );
  const ratios = programsOf(dpt)
    .filter((p) => openPatients.has(p.patientId))
    .map((p) => ({ patientId: p.patientId, ratio: adherence(p.program, p.logs, localParts(now, zoneOf(dpt, p.patientId)).date) }));

  it("patients in care range from nearly all to hardly any, most in between", () => {
    const values = ratios.map((r) => r.ratio).filter((r): r is number => r !== null);
    expect(values.length).toBeGreaterThan(60);
    const high = values.filter((v) => v >= 0.8).length;
    const middle = values.filter((v) => v >= 0.4 && v < 0.8).length;
    const low = values.filter((v) => v < 0.4).length;
    for (const [band, n] of [
      ["high", high],
      ["middle", middle],
      ["low", low],
    ] as const)
      expect(n, band).toBeGreaterThanOrEqual(5);
    expect(middle).toBeGreaterThan(high);
    expect(new Set(values.map((v) => Math.floor(v * 10))).size).toBeGreaterThanOrEqual(5);
  });

  it("patients who stopped coming stopped exercising too", () => {
    const theirs = ratios.filter((r) => lapsing.has(r.patientId));
    expect(theirs.length).toBeGreaterThan(0);
    for (const r of theirs) expect(r.ratio ?? 0, r.patientId).toBeLessThan(0.3);
  });
});

describe.each(demo.map((d) => [d.clinic.name, d] as const))("%s: check-ins and questionnaires", (_name, d) => {
  const byEpisode = groupBy(d.questionnaireResponses, (r) => r.episodeId ?? "");

  it("every resource is a completed QuestionnaireResponse whose answers score to the stored score", () => {
    for (const r of d.questionnaireResponses) {
      const resource = JSON.parse(r.resource) as QuestionnaireResponse;
      expect(resource).toMatchObject({
        resourceType: "QuestionnaireResponse",
        questionnaire: instruments[r.instrumentId].questionnaire.url,
        status: "completed",
        subject: { reference: `Patient/${r.patientId}` },
        authored: new Date(r.authoredAt).toISOString(),
      });
      const result = score(r.instrumentId, answersOf(resource));
      expect(result.ok, r.id).toBe(true);
      if (result.ok) expect(result.score, r.id).toBe(r.score);
      expect(r.source).toBe("portal");
      expect(r.kind === "check_in").toBe(r.instrumentId === "nprs");
      expect(r.authoredAt).toBeLessThanOrEqual(now);
    }
  });

  it("each evaluated episode has an intake check-in and its region's questionnaire, then roughly weekly check-ins", () => {
    for (const e of d.episodes) {
      const evaluation = firstAttended(d, e.id);
      const rows = byEpisode.get(e.id) ?? [];
      if (!evaluation) {
        expect(rows).toEqual([]);
        continue;
      }
      const checkIns = rows.filter((r) => r.kind === "check_in").sort((a, b) => a.authoredAt - b.authoredAt);
      const questionnaires = rows.filter((r) => r.kind === "questionnaire").sort((a, b) => a.authoredAt - b.authoredAt);
      expect(checkIns[0]?.authoredAt ?? 0, e.id).toBeLessThanOrEqual(evaluation.startsAt);
      expect(checkIns[0]?.authoredAt ?? 0, e.id).toBeGreaterThan(e.createdAt);
      const instrument = instrumentForRegion(e.bodyRegion) ?? "psfs";
      expect(questionnaires.length, e.id).toBeGreaterThan(0);
      for (const q of questionnaires) expect(q.instrumentId).toBe(instrument);
      const last = e.status === "discharged" ? (e.dischargedAt ?? now) : now;
      for (const r of rows) expect(r.authoredAt).toBeLessThanOrEqual(last);
      checkIns.slice(1).forEach((c, i) => {
        const gap = (c.authoredAt - (checkIns[i]?.authoredAt ?? 0)) / DAY;
        expect(gap, c.id).toBeGreaterThan(4);
      });
      // Four weeks apart (give or take a couple of days), or the discharge questionnaire.
      questionnaires.slice(1).forEach((q, i) => {
        expect((q.authoredAt - (questionnaires[i]?.authoredAt ?? 0)) / DAY, q.id).toBeGreaterThan(7);
      });
    }
  });

  it("pain improves for most, not for all; questionnaires show meaningful improvement at a good discharge", () => {
    let down = 0;
    let notDown = 0;
    for (const rows of byEpisode.values()) {
      const pain = rows.filter((r) => r.kind === "check_in").sort((a, b) => a.authoredAt - b.authoredAt);
      if (pain.length < 4) continue;
      if ((pain.at(-1)?.score ?? 0) < (pain[0]?.score ?? 0)) down++;
      else notDown++;
    }
    expect(down).toBeGreaterThan(notDown);
    if (d.clinic.id === "clinic-demo-pt") expect(notDown).toBeGreaterThan(0);

    let improved = 0;
    let other = 0;
    for (const e of d.episodes.filter((x) => x.dischargeReason === "goals_met" || x.dischargeReason === "plan_completed")) {
      const qs = (byEpisode.get(e.id) ?? []).filter((r) => r.kind === "questionnaire").sort((a, b) => a.authoredAt - b.authoredAt);
      const [first, last] = [qs[0], qs.at(-1)];
      if (!first || !last || first === last) continue;
      if (changeIsMeaningful(first.instrumentId, first.score, last.score) === "improved") improved++;
      else other++;
    }
    expect(improved).toBeGreaterThan(other);
  });

  it("every check-in the pain rule would flag has its pain task, under the rule's key", () => {
    const tasks = new Map(d.tasks.filter((t) => t.type === "pain_increase").map((t) => [t.ruleKey, t]));
    let flagged = 0;
    for (const rows of byEpisode.values()) {
      const pain = rows.filter((r) => r.kind === "check_in").sort((a, b) => a.authoredAt - b.authoredAt);
      const baseline = pain[0]?.score ?? null;
      pain.forEach((r, i) => {
        const alert = painAlert(r.score, i === 0 ? null : baseline);
        const task = tasks.get(painRuleKey(r.id));
        if (!alert) {
          expect(task, r.id).toBeUndefined();
          return;
        }
        flagged++;
        expect(task, r.id).toMatchObject({ patientId: r.patientId, createdBy: "rule", createdAt: r.authoredAt });
        expect(task?.dueDate).toBe(localParts(r.authoredAt, TZ).date);
      });
    }
    expect(tasks.size).toBe(flagged);
    expect(flagged).toBeGreaterThan(0);
    if (d.clinic.id === "clinic-demo-pt") expect([...tasks.values()].some((t) => t.status === "open")).toBe(true);
  });
});
