import { env } from "cloudflare:test";
import type { Actor } from "../../src/platform/audit";
import { fixedClock } from "../../src/platform/clock";
import { makeDeps } from "../../src/platform/deps";

/** Service-level dependencies with a fixed clock, for tests that call services directly. */
export function testDeps(now = Date.parse("2026-11-30T14:00:00Z")) {
  const clock = fixedClock(now);
  return { deps: makeDeps(env, { clock }), clock };
}

export function staffActorFor(clinicId: string, userId: string): Actor {
  return { clinicId, actorType: "staff", actorId: userId, route: "test", clientIp: null, userAgent: null, requestId: null };
}
