import { messagingPortFor } from "../messaging/providers";
import { systemClock } from "./clock";
import { createDb } from "./db";
import {
  type Bindings,
  type ClinicJobEnvelope,
  type Deps,
  type EhrInboundEnvelope,
  type OutboundEnvelope,
  parseVars,
  type RiskEnvelope,
  type WebhookEnvelope,
} from "./env";
import { createLogger, logger } from "./logger";
import { registerSubscribers } from "./subscribers";

const silent = createLogger(() => {});
registerSubscribers();

/** Builds the per-request dependencies; tests pass overrides (a fixed clock, a fake provider). */
export function makeDeps(env: Bindings, overrides: Partial<Deps> = {}): Deps {
  const db = overrides.db ?? createDb(env.DB);
  const clock = overrides.clock ?? systemClock;
  const vars = overrides.vars ?? parseVars(env);
  return {
    db,
    clock,
    logger: overrides.logger ?? (vars.APP_ENV === "test" ? silent : logger),
    vars,
    messaging: overrides.messaging ?? messagingPortFor(vars, db, clock),
    queues: overrides.queues ?? {
      outbound: env.OUTBOUND_MESSAGES as Queue<OutboundEnvelope>,
      ehrInbound: env.EHR_INBOUND as Queue<EhrInboundEnvelope>,
      webhooks: env.OUTBOUND_WEBHOOKS as Queue<WebhookEnvelope>,
      risk: env.RISK_SCORING as Queue<RiskEnvelope>,
      training: env.RISK_TRAINING as Queue<ClinicJobEnvelope>,
      rollup: env.ANALYTICS_ROLLUP as Queue<ClinicJobEnvelope>,
    },
    journeys: overrides.journeys ?? env.PATIENT_JOURNEY,
  };
}
