import { enqueueAnalyticsRollups } from "../analytics/rollup";
import { purgeExpiredAuthRows } from "../auth/repo";
import { sweepUnqueuedDeliveries } from "../ehr/sweep";
import { redeliverEvents } from "../journey/subscriber";
import { sweepStuckMessages } from "../messaging/consumer";
import { enqueueRiskScoring } from "../risk/jobs";
import { enqueueRiskTraining } from "../risk/training-job";
import { expiringAuthorizationsJob } from "../worklist/rule-jobs";
import { DAY } from "./clock";
import type { Deps } from "./env";

export type CronJob = (deps: Deps) => Promise<void>;

/** Housekeeping: drops spent sign-in links, dead sessions and old rate-limit windows. */
const housekeeping: CronJob = async (deps) => {
  const now = deps.clock.now();
  await purgeExpiredAuthRows(deps.db, now, now - DAY);
  deps.logger.info("cron.housekeeping", { job: "housekeeping" });
};

/** Each cron expression in wrangler.toml maps to exactly one job here (a test checks both agree). */
export const cronJobs: Record<string, { name: string; run: CronJob }> = {
  "*/5 * * * *": {
    name: "outbound-sweeper",
    run: async (deps) => {
      await redeliverEvents(deps);
      await sweepStuckMessages(deps);
      await sweepUnqueuedDeliveries(deps);
    },
  },
  "0 * * * *": {
    name: "hourly",
    run: async (deps) => {
      await housekeeping(deps);
      // Selects and enqueues only: the risk-scoring consumer scores the chunks.
      await enqueueRiskScoring(deps);
    },
  },
  // 10:00 UTC is early morning in US clinics: tasks are waiting when the front desk opens.
  "0 10 * * *": {
    name: "daily",
    run: async (deps) => {
      await expiringAuthorizationsJob(deps);
      // Each clinic's own dropout model from its closed episodes, one clinic per risk-training message;
      // the hourly scoring picks it up when chosen.
      await enqueueRiskTraining(deps);
      // Each clinic's per-day analytics counts up to three days ago, one clinic per analytics-rollup message.
      await enqueueAnalyticsRollups(deps);
    },
  },
};

export async function runCron(cron: string, deps: Deps): Promise<void> {
  const job = cronJobs[cron];
  if (!job) {
    deps.logger.warn("cron.unknown", { cron });
    return;
  }
  await job.run(deps);
}
