import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { computeKpis } from "../../../src/analytics/kpis";
import { loadAnalytics } from "../../../src/analytics/service";
import { fixedClock } from "../../../src/platform/clock";
import { createDb } from "../../../src/platform/db";
import { makeDeps } from "../../../src/platform/deps";
import { newId } from "../../../src/platform/ids";
import { hepLogs, hepProgramItems, surveyAnswers } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { recordingD1 } from "../../helpers/recording-d1";
import { at, buildClinic, NOW, RANGE } from "./fixture";

const unique = (word: string) => `${word} ${crypto.randomUUID().slice(0, 8)}`;

describe("analytics KPIs against a hand-counted clinic", () => {
  it("computes every KPI of the range and of the previous period exactly, in 14 statements, and ignores another clinic", async () => {
    const home = await buildClinic(unique("Home"));
    // The same data in another clinic: if any statement were not scoped, every count would double.
    const other = await buildClinic(unique("Other"));
    // And rows of the other clinic that name the home clinic's patients and episodes: a query joined on
    // the patient or episode alone would count them. A detractor for E2, a program for P2, a log for P1.
    await db()
      .insert(surveyAnswers)
      .values({
        id: newId(),
        clinicId: other.clinic.id,
        patientId: home.patients.p2.id,
        episodeId: home.episodes.e2,
        score: 0,
        channel: "sms",
        answeredAt: at("2026-11-10"),
        reviewAskedAt: at("2026-11-10"),
      });
    await db().insert(hepProgramItems).values({
      id: newId(),
      clinicId: other.clinic.id,
      patientId: home.patients.p2.id,
      episodeId: null,
      exerciseId: "wall-slide",
      sets: 1,
      reps: 10,
      holdSeconds: 0,
      timesPerDay: 1,
      daysPerWeek: 7,
      startDate: "2026-10-01",
      createdAt: NOW,
    });
    await db()
      .insert(hepLogs)
      .values({
        id: newId(),
        clinicId: other.clinic.id,
        patientId: home.patients.p1.id,
        exerciseId: "wall-slide",
        date: "2026-11-12",
        loggedAt: at("2026-11-12"),
      });
    const { d1, statements } = recordingD1(env.DB);
    const deps = makeDeps(env, { db: createDb(d1), clock: fixedClock(NOW) });

    const report = await loadAnalytics(deps, home.clinic.id, RANGE);
    // The clinic and its rollup's reach; then visits, discharges, starts, check-ins, messages, survey
    // answers, home exercise, the weekly visits, the start months, the group names and the two rollup reads.
    expect(statements).toHaveLength(14);
    expect(report.previous).toMatchObject({ from: "2026-10-04", to: "2026-10-31" });

    const now = computeKpis(report.overall.current, null);
    // Visits due Nov 1-28: attended Nov 3, 6, 13, 20 (E1) and Nov 10 (E2); no-show Nov 10; cancelled Nov 17.
    // The visit still "booked" on Nov 24 is not resolved and is left out: 5 / 7, 1 / 7, 1 / 7.
    expect(now.arrivalRate).toBeCloseTo(5 / 7, 12);
    expect(now.cancellationRate).toBeCloseTo(1 / 7, 12);
    expect(now.noShowRate).toBeCloseTo(1 / 7, 12);
    // Discharged in range: E1 goals met (4 visits), E4 dropped out (2 visits).
    expect(now.completionRate).toBe(0.5);
    expect(now.dropoutRate).toBe(0.5);
    expect(now.visitsPerEpisode).toBe(3);
    // Started in range: E1 (source, seen after 1 day), E2 (no source, seen after 1 day), E3 (source, never seen).
    expect(now.daysToFirstVisit).toBe(1);
    expect(now.referralConversion).toBe(0.5);
    // E1 is P1's second episode, after one discharged in July.
    expect(now.reactivations).toBe(1);
    // Weeks in care: E1 2 (check-in in the first only), E2 2 (both), E3 1 (none), E4 under a week: 3 / 5.
    expect(now.checkInAdherence).toBe(0.6);
    // Automated messages sent: P1 (answered next morning), P2 (answered after 3 days), P3 (not answered).
    // The staff message and the failed one do not count.
    expect(now.messageResponseRate).toBeCloseTo(1 / 3, 12);
    expect(now.revenuePerEpisode).toBeNull();
    expect(report.visitRate).toBeNull();
    // Home exercise, sessions prescribed on days in care (today is Nov 30) and logged:
    // E1 once a day Nov 7-20 (discharged Nov 20): 14; logged Nov 7 (two taps half an hour apart: one
    //   session), 8, 9 (a second session does not count on a once-a-day day): 3. Nov 6 was before the
    //   exercise, Oct 30 before the episode, Nov 21 after the discharge.
    // E2 twice a day, 3 days a week, Nov 9-22: 14 days x 6/7 = 12; logged Nov 10 (08:00, 12:00; 13:00 is
    //   the 12:00 session) 2, Nov 12 1, Nov 14 (08:00, 09:00 same, 20:00) 2 = 5; Nov 25 is after the end.
    // E3 (its exercise given outside any episode) 3 days a week Nov 23-28: ceil(6 x 3/7) = 3; logged 4 days,
    //   counted 3: no more than prescribed.
    // E4 every day Nov 1-5 (discharged Nov 5): 5, none logged.
    expect(report.overall.current).toMatchObject({ hepSessionsPrescribed: 34, hepSessionsDone: 11 });
    expect(now.hepAdherence).toBeCloseTo(11 / 34, 12);
    // Survey answers Nov 1-28: E4 6 (detractor), E4's June episode 10, E1 10 (promoters): (2 - 1) / 3.
    // The other clinic's 0 for E2 does not count.
    expect(report.overall.current).toMatchObject({ surveyAnswers: 3, promoters: 2, detractors: 1 });
    expect(now.nps).toBeCloseTo(100 / 3, 12);
    // Review links sent: June episode (Nov 12), E1 (Nov 20); opened: E5's (sent Oct 30) on Nov 2, E1's on Nov 22.
    expect(now.reviewsAsked).toBe(2);
    expect(now.reviewsOpened).toBe(2);

    const before = computeKpis(report.overall.previous, null);
    // Oct 4-31: E5 attended Oct 6, 13, 27 and cancelled Oct 20; E4 no-show Oct 7.
    expect(before.arrivalRate).toBe(0.6);
    expect(before.cancellationRate).toBe(0.2);
    expect(before.noShowRate).toBe(0.2);
    expect(before.completionRate).toBe(1);
    expect(before.dropoutRate).toBe(0);
    expect(before.visitsPerEpisode).toBe(3);
    expect(before.daysToFirstVisit).toBe(1);
    expect(before.referralConversion).toBe(1);
    expect(before.reactivations).toBe(0);
    // E4 4 weeks with no check-in, E5 3 weeks with one.
    expect(before.checkInAdherence).toBeCloseTo(1 / 7, 12);
    expect(before.messageResponseRate).toBe(1);
    // E4 every day Oct 4-31: 28, logged Oct 5 and 6; E5 Oct 6-19: 14, logged Oct 6-12 (Oct 25 after the end).
    expect(report.overall.previous).toMatchObject({ hepSessionsPrescribed: 42, hepSessionsDone: 9 });
    expect(before.hepAdherence).toBeCloseTo(9 / 42, 12);
    // E0 8 (passive, answered Oct 8), E5 9 (promoter, Oct 30): (1 - 0) / 2.
    expect(before.nps).toBe(50);
    expect(before.reviewsAsked).toBe(1);
    expect(before.reviewsOpened).toBe(0);

    expect(report.funnel).toEqual({ referrals: 3, evaluated: 2, completed: 1 });
    expect(report.trend).toEqual([
      { weekStart: "2026-11-01", attended: 2, cancelled: 0, noShow: 0 },
      { weekStart: "2026-11-08", attended: 2, cancelled: 0, noShow: 1 },
      { weekStart: "2026-11-15", attended: 1, cancelled: 1, noShow: 0 },
      { weekStart: "2026-11-22", attended: 0, cancelled: 0, noShow: 0 },
    ]);

    // Retention: Dec 2025 to Nov 2026 by start date, status now. P4's episode of Nov 30, 2025 is before the
    // 12 months; P5's of Nov 29, 2026 after the range. May: E0 completed. June: P4 moved. September: E4
    // dropped out. October: E5 completed. November: E1 completed, E2 and E3 in care.
    const started = (month: string, completed: number, inCare: number, droppedOut: number, otherDischarge: number) => ({
      month,
      started: completed + inCare + droppedOut + otherDischarge,
      completed,
      inCare,
      droppedOut,
      otherDischarge,
    });
    expect(report.retention).toEqual([
      started("2025-12", 0, 0, 0, 0),
      started("2026-01", 0, 0, 0, 0),
      started("2026-02", 0, 0, 0, 0),
      started("2026-03", 0, 0, 0, 0),
      started("2026-04", 0, 0, 0, 0),
      started("2026-05", 1, 0, 0, 0),
      started("2026-06", 0, 0, 0, 1),
      started("2026-07", 0, 0, 0, 0),
      started("2026-08", 0, 0, 0, 0),
      started("2026-09", 0, 0, 1, 0),
      started("2026-10", 1, 0, 0, 0),
      started("2026-11", 1, 2, 0, 0),
    ]);
  });

  it("splits by therapist (visits by who saw them, episodes by the first attended visit) and by referral source", async () => {
    const home = await buildClinic(unique("Split"));
    const deps = makeDeps(env, { clock: fixedClock(NOW) });
    const report = await loadAnalytics(deps, home.clinic.id, RANGE);
    const row = (g: (typeof report.therapists)[number]) => ({
      name: g.name,
      due: g.current.attended + g.current.noShow + g.current.cancelled,
      attended: g.current.attended,
      discharged: g.current.discharged,
      started: g.current.started,
      weeks: g.current.checkInWeeks,
      messages: [g.current.messagesSent, g.current.messagesAnswered],
      hep: [g.current.hepSessionsDone, g.current.hepSessionsPrescribed],
      answers: [g.current.surveyAnswers, g.current.promoters, g.current.detractors],
      reviews: [g.current.reviewsAsked, g.current.reviewsOpened],
    });
    // Messages: P1's (answered) during E1; P2's reminder names E2's evaluation; P3's came before E3 started
    // and counts for the clinic only. Survey answers, home exercise and reviews go with their episode.
    const admin = `admin ${home.clinic.name}`;
    const therapist = `therapist ${home.clinic.name}`;
    expect(report.therapists.map(row)).toEqual([
      // E2 and E4.
      {
        name: admin,
        due: 2,
        attended: 2,
        discharged: 1,
        started: 1,
        weeks: 2,
        messages: [1, 0],
        hep: [5, 17],
        answers: [1, 0, 1],
        reviews: [0, 0],
      },
      // E1 (and E5's review link, opened Nov 2).
      {
        name: therapist,
        due: 5,
        attended: 3,
        discharged: 1,
        started: 1,
        weeks: 2,
        messages: [1, 1],
        hep: [3, 14],
        answers: [1, 1, 0],
        reviews: [1, 2],
      },
      // E3, and P4's June episode that had no visit.
      {
        name: "No visit yet",
        due: 0,
        attended: 0,
        discharged: 0,
        started: 1,
        weeks: 1,
        messages: [0, 0],
        hep: [3, 3],
        answers: [1, 1, 0],
        reviews: [1, 0],
      },
    ]);
    expect(report.sources.map(row)).toEqual([
      {
        name: `Dr. Knee of ${home.clinic.name}`,
        due: 6,
        attended: 4,
        discharged: 2,
        started: 2,
        weeks: 3,
        messages: [1, 1],
        hep: [6, 22],
        answers: [2, 1, 1],
        reviews: [1, 2],
      },
      {
        name: "No referral source",
        due: 1,
        attended: 1,
        discharged: 0,
        started: 1,
        weeks: 2,
        messages: [1, 0],
        hep: [5, 12],
        answers: [1, 1, 0],
        reviews: [1, 0],
      },
    ]);
    // The previous period by therapist: E5's message (answered), E5's home exercise 7 of 14 and E5's promoter
    // for the therapist; E4's October exercise 2 of 28 for the admin; E0's passive answer had no visit.
    const previousOf = (name: string) => report.therapists.find((g) => g.name === name)?.previous;
    expect(previousOf(therapist)).toMatchObject({
      messagesSent: 1,
      messagesAnswered: 1,
      hepSessionsPrescribed: 14,
      hepSessionsDone: 7,
      promoters: 1,
    });
    expect(previousOf(admin)).toMatchObject({ messagesSent: 0, hepSessionsPrescribed: 28, hepSessionsDone: 2, surveyAnswers: 0 });
    expect(previousOf("No visit yet")).toMatchObject({ surveyAnswers: 1, promoters: 0, detractors: 0 });
    expect(computeKpis(report.therapists[0]?.current ?? report.overall.current, null).nps).toBe(-100);
    const t1 = computeKpis(report.therapists[1]?.current ?? report.overall.current, null);
    expect(t1.arrivalRate).toBe(0.6);
    expect(t1.completionRate).toBe(1);
  });

  it("shows revenue per episode when the clinic's settings hold a visit rate", async () => {
    const home = await buildClinic(unique("Rate"));
    await env.DB.prepare("UPDATE clinics SET settings = ? WHERE id = ?")
      .bind(JSON.stringify({ visitRate: 110 }), home.clinic.id)
      .run();
    const report = await loadAnalytics(makeDeps(env, { clock: fixedClock(NOW) }), home.clinic.id, RANGE);
    expect(report.visitRate).toBe(110);
    expect(computeKpis(report.overall.current, report.visitRate).revenuePerEpisode).toBe(330);
  });
});
