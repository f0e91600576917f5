import type { RiskFeatures } from "../../src/risk/features";
import { type RiskModel, score } from "../../src/risk/score";
import type { TrainingEpisode } from "../../src/risk/train";

/** mulberry32: a tiny seeded PRNG, so generated clinics are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number, mean: number, sd: number): number {
  // Box-Muller; 1 - u keeps the log away from 0.
  const u = 1 - random();
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** A mid-care patient on schedule: the base that table-driven tests change one thing at a time. */
export function basePatient(overrides: Partial<RiskFeatures> = {}): RiskFeatures {
  return {
    visitsAttended: 5,
    visitsPrescribed: 12,
    visitNumber: 6,
    plannedVisitsPerWeek: 2,
    recentVisits: 3,
    recentCancellations: 0,
    recentNoShows: 0,
    cancellationsTotal: 0,
    noShowsTotal: 0,
    daysSinceLastVisit: 3,
    nextVisitBooked: 1,
    hepAdherence14d: 0.6,
    painTrendPerWeek: -0.5,
    outcomeChange: 0.15,
    messageResponseRate: 0.7,
    medianReplyDelayHours: 4,
    authorizationVisitsLeft: 8,
    returningPatient: 0,
    ...overrides,
  };
}

/** One open episode with realistic spreads: plans of 6-20 visits, some history missing, a few lapsing. */
export function randomFeatures(random: () => number): RiskFeatures {
  const visitsPrescribed = pick(random, [6, 8, 10, 12, 12, 16, 20]);
  const plannedVisitsPerWeek = pick(random, [1, 2, 2, 2, 3]);
  const visitsAttended = Math.floor(random() * (visitsPrescribed + 1));
  const noShowsTotal = Math.floor(random() ** 3 * 4);
  const cancellationsTotal = Math.floor(random() ** 2 * 4);
  const recentVisits = Math.min(3, visitsAttended + noShowsTotal + cancellationsTotal);
  const recentNoShows = Math.min(noShowsTotal, Math.floor(random() * (recentVisits + 1)));
  const recentCancellations = Math.min(cancellationsTotal, recentVisits - recentNoShows, Math.floor(random() * (recentVisits + 1)));
  const interval = 7 / plannedVisitsPerWeek;
  const messageResponseRate = random() < 0.3 ? null : random();
  return {
    visitsAttended,
    visitsPrescribed,
    visitNumber: visitsAttended + 1,
    plannedVisitsPerWeek,
    recentVisits,
    recentCancellations,
    recentNoShows,
    cancellationsTotal,
    noShowsTotal,
    daysSinceLastVisit: Math.round(interval * (0.3 - Math.log(1 - random()) * 0.9)),
    nextVisitBooked: random() < 0.7 ? 1 : 0,
    hepAdherence14d: random() < 0.35 ? null : Math.round(random() ** 0.7 * 100) / 100,
    painTrendPerWeek: random() < 0.4 ? null : Math.round(normal(random, -0.3, 0.8) * 10) / 10,
    outcomeChange: random() < 0.4 ? null : Math.max(-1, Math.min(1, normal(random, 0.1, 0.15))),
    messageResponseRate,
    medianReplyDelayHours: messageResponseRate === null || messageResponseRate === 0 ? null : Math.exp(normal(random, 1.8, 1.2)),
    authorizationVisitsLeft: random() < 0.6 ? null : Math.floor(random() * 13),
    returningPatient: random() < 0.3 ? 1 : 0,
  };
}

/** Closed episodes whose outcomes are drawn from `model`, ending one a day in order. */
export function episodesFrom(model: RiskModel, count: number, seed: number): TrainingEpisode[] {
  const random = mulberry32(seed);
  const start = Date.parse("2024-01-01T00:00:00Z");
  return Array.from({ length: count }, (_, i) => {
    const features = randomFeatures(random);
    return { features, dropped: random() < score(features, model).score, endedAt: start + i * 86_400_000 };
  });
}
