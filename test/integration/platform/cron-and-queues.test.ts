import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { DAY } from "../../../src/platform/clock";
import { runCron } from "../../../src/platform/cron";
import { makeDeps } from "../../../src/platform/deps";
import type { RiskEnvelope } from "../../../src/platform/env";
import { loginTokens, rateLimits, sessions } from "../../../src/platform/schema";
import { queuesWith } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { env, postForm, signIn } from "../../helpers/http";
import { recordingQueue } from "../../helpers/integrations";

describe("cron", () => {
  it("hourly housekeeping drops expired sign-in links, dead sessions and old rate-limit windows", async () => {
    const clinic = await makeClinic();
    await postForm("/login", { email: clinic.staff.owner.email });
    const live = await signIn(clinic.staff.admin.email);
    const past = Date.now() - 2 * DAY;
    await db().update(loginTokens).set({ expiresAt: past }).where(eq(loginTokens.userId, clinic.staff.owner.id));
    await db().insert(rateLimits).values({ key: "old-window", windowStart: past, count: 3 });

    // The hourly job also enqueues risk scoring for every clinic; test files share one database, so the
    // chunks go to a recording queue instead of scoring (and waking) other files' patients.
    const { queue, sent } = recordingQueue<RiskEnvelope>();
    await runCron("0 * * * *", makeDeps(env, { queues: queuesWith({ risk: queue }) }));
    expect(sent.some((m) => m.clinicId === clinic.id)).toBe(false); // this clinic has no open episode

    expect(await db().select().from(loginTokens).where(eq(loginTokens.userId, clinic.staff.owner.id)).all()).toHaveLength(0);
    expect(await db().select().from(rateLimits).where(eq(rateLimits.key, "old-window")).all()).toHaveLength(0);
    // A live session survives.
    expect(await db().select().from(sessions).where(eq(sessions.userId, clinic.staff.admin.id)).all()).toHaveLength(1);
    expect((await live.get("/patients")).status).toBe(200);
  });
});

describe("queues", () => {
  it("a message on a queue without a consumer is retried (so it reaches the dead-letter queue), never dropped", async () => {
    const batch = createMessageBatch("no-such-queue", [{ id: "m1", timestamp: new Date(), attempts: 1, body: { v: 1 } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryBatch.retry || result.retryMessages.length > 0).toBe(true);
  });

  it("the worker exports every handler wrangler.toml expects", () => {
    expect(typeof exports.default.fetch).toBe("function");
    expect(typeof worker.scheduled).toBe("function");
    expect(typeof worker.queue).toBe("function");
  });
});

describe("PatientJourney durable object", () => {
  it("is bound, SQLite-backed, and starts with no journey state", async () => {
    const { runInDurableObject } = await import("cloudflare:test");
    const stub = env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName("patient-x"));
    expect(await stub.snapshot()).toEqual({ clinicId: null, patientId: null, state: null, timers: [], recent: [] });
    await runInDurableObject(stub, async (_instance, state) => {
      expect(state.storage.sql.databaseSize).toBeGreaterThan(0);
    });
  });
});
