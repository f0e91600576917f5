import { env } from "cloudflare:test";
import type { Actor } from "../../src/platform/audit";
import { fixedClock } from "../../src/platform/clock";
import { makeDeps } from "../../src/platform/deps";
import type { Deps } from "../../src/platform/env";

/** Service-level dependencies with a fixed clock, for tests that call services directly. */
export function testDeps(now = Date.parse("2026-11-30T14:00:00Z")) {
  const clock = fixedClock(now);
  return { deps: makeDeps(env, { clock }), clock };
}

export function staffActorFor(clinicId: string, userId: string): Actor {
  return { clinicId, actorType: "staff", actorId: userId, route: "test", clientIp: null, userAgent: null, requestId: null };
}

/** The real queue producers with some swapped, for tests that record what gets enqueued. */
export function queuesWith(over: Partial<Deps["queues"]>): Deps["queues"] {
  return { ...makeDeps(env).queues, ...over };
}
