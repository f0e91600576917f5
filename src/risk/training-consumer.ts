// The risk-training queue and its dead-letter queue. Each message names one clinic and the night's time.
import { clinicJobConsumers } from "../platform/clinic-jobs";
import { trainClinicModel } from "./training-job";

/**
 * Training again is harmless: the version is the night's, stored once. A clinic that keeps failing
 * stays on its current model; the next night tries again.
 */
export const { batch: handleRiskTrainingBatch, deadLetters: handleRiskTrainingDeadLetters } = clinicJobConsumers({
  job: "risk-training",
  events: { badEnvelope: "risk.bad_training_envelope", failed: "risk.training_failed", deadLettered: "risk.training_dead_lettered" },
  run: (deps, clinicId, at) => trainClinicModel(deps, clinicId, at),
});
