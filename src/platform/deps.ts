import { outboxAdapter } from "../messaging/outbox";
import { systemClock } from "./clock";
import { createDb } from "./db";
import { type Bindings, type Deps, parseVars } from "./env";
import { logger } from "./logger";

/** Builds the per-request dependencies; tests pass overrides (a fixed clock, a fake provider). */
export function makeDeps(env: Bindings, overrides: Partial<Deps> = {}): Deps {
  const db = overrides.db ?? createDb(env.DB);
  const clock = overrides.clock ?? systemClock;
  return {
    db,
    clock,
    logger: overrides.logger ?? logger,
    vars: overrides.vars ?? parseVars(env),
    messaging: overrides.messaging ?? outboxAdapter(db, clock),
  };
}
