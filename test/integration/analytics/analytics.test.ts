import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { computeKpis } from "../../../src/analytics/kpis";
import { loadAnalytics } from "../../../src/analytics/service";
import { fixedClock } from "../../../src/platform/clock";
import { createDb } from "../../../src/platform/db";
import { makeDeps } from "../../../src/platform/deps";
import { buildClinic, NOW, RANGE } from "./fixture";

/** A D1 binding that counts the statements prepared on it (every query drizzle runs prepares one). */
function countingD1(real: D1Database) {
  const counter = { statements: 0 };
  const d1 = new Proxy(real, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === "prepare") {
        return (query: string) => {
          counter.statements++;
          return target.prepare(query);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { d1, counter };
}

const unique = (word: string) => `${word} ${crypto.randomUUID().slice(0, 8)}`;

describe("analytics KPIs against a hand-counted clinic", () => {
  it("computes every KPI of the range and of the previous period exactly, in at most 8 statements, and ignores another clinic", async () => {
    const home = await buildClinic(unique("Home"));
    // The same data in another clinic: if any statement were not scoped, every count would double.
    await buildClinic(unique("Other"));
    const { d1, counter } = countingD1(env.DB);
    const deps = makeDeps(env, { db: createDb(d1), clock: fixedClock(NOW) });

    const report = await loadAnalytics(deps, home.clinic.id, RANGE);
    expect(counter.statements).toBeLessThanOrEqual(8);
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

    expect(report.funnel).toEqual({ referrals: 3, evaluated: 2, completed: 1 });
    expect(report.trend).toEqual([
      { weekStart: "2026-11-01", attended: 2, cancelled: 0, noShow: 0 },
      { weekStart: "2026-11-08", attended: 2, cancelled: 0, noShow: 1 },
      { weekStart: "2026-11-15", attended: 1, cancelled: 1, noShow: 0 },
      { weekStart: "2026-11-22", attended: 0, cancelled: 0, noShow: 0 },
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
      messages: g.current.messagesSent,
    });
    expect(report.therapists.map(row)).toEqual([
      { name: `admin ${home.clinic.name}`, due: 2, attended: 2, discharged: 1, started: 1, weeks: 2, messages: 0 },
      { name: `therapist ${home.clinic.name}`, due: 5, attended: 3, discharged: 1, started: 1, weeks: 2, messages: 0 },
      { name: "No visit yet", due: 0, attended: 0, discharged: 0, started: 1, weeks: 1, messages: 0 },
    ]);
    expect(report.sources.map(row)).toEqual([
      { name: `Dr. Knee of ${home.clinic.name}`, due: 6, attended: 4, discharged: 2, started: 2, weeks: 3, messages: 0 },
      { name: "No referral source", due: 1, attended: 1, discharged: 0, started: 1, weeks: 2, messages: 0 },
    ]);
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
