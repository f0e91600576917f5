import { z } from "zod";
import type { MessagingPort } from "../messaging/port";
import type { Clock } from "./clock";
import type { Db } from "./db";
import type { Logger } from "./logger";

/** Bindings, vars and secrets: generated from wrangler.toml and .dev.vars.example by `npm run types`. */
export type Bindings = Env;

const varsSchema = z.object({
  APP_ENV: z.enum(["development", "test", "production"]),
  APP_VERSION: z.string().min(1),
  DEV_SEED_TOKEN: z
    .string()
    .min(16)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PUBLIC_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export type Vars = z.infer<typeof varsSchema>;

/** Parses the plain vars once per isolate; a misconfigured deploy fails loudly at the first request. */
export function parseVars(env: Bindings): Vars {
  return varsSchema.parse({
    APP_ENV: env.APP_ENV,
    APP_VERSION: env.APP_VERSION,
    DEV_SEED_TOKEN: env.DEV_SEED_TOKEN,
    PUBLIC_URL: env.PUBLIC_URL,
  });
}

/** What services need, injected so tests can swap the clock and the message provider. */
export interface Deps {
  db: Db;
  clock: Clock;
  messaging: MessagingPort;
  logger: Logger;
  vars: Vars;
}

export interface StaffSession {
  sessionId: string;
  userId: string;
  clinicId: string;
  /** The clinic's IANA time zone: dates shown to and typed by staff are in it. */
  clinicTimeZone: string;
  role: import("../clinics/tables").StaffRole;
  name: string;
  email: string;
  csrfToken: string;
}

export type AppEnv = {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    deps: Deps;
    staff: StaffSession | undefined;
  };
};
