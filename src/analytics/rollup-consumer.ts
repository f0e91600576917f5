// The analytics-rollup queue and its dead-letter queue. Each message names one clinic and the night's time.
import { clinicJobConsumers } from "../platform/clinic-jobs";
import { rollClinic } from "./rollup";

/**
 * Rolling again is harmless: it recounts and writes only what changed. Until it succeeds the page reads
 * raw rows for every day after the last rollup, so no day goes missing.
 */
export const { batch: handleAnalyticsRollupBatch, deadLetters: handleAnalyticsRollupDeadLetters } = clinicJobConsumers({
  job: "analytics-rollup",
  events: {
    badEnvelope: "analytics.bad_rollup_envelope",
    failed: "analytics.rollup_failed",
    deadLettered: "analytics.rollup_dead_lettered",
  },
  run: (deps, clinicId, at) => rollClinic(deps, clinicId, at),
});
