import { z } from "zod";
import type { MessagingPort } from "../messaging/port";
import type { Clock } from "./clock";
import type { Db } from "./db";
import type { Logger } from "./logger";

/** Bindings, vars and secrets: generated from wrangler.toml and .dev.vars.example by `npm run types`. */
export type Bindings = Env;

const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

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
  MESSAGING_PROVIDER: z
    .enum(["outbox", "live"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  TWILIO_ACCOUNT_SID: optionalSecret,
  TWILIO_AUTH_TOKEN: optionalSecret,
  TWILIO_FROM: optionalSecret,
  EMAIL_API_URL: z
    .url()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  EMAIL_API_KEY: optionalSecret,
  EMAIL_FROM: optionalSecret,
  /** HS256 key for patient portal sessions; the portal refuses to open without it. */
  PORTAL_SESSION_SECRET: z
    .string()
    .min(32)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The demo clinic's "demo-ehr" integration secret and API key (development seed only). */
  DEMO_EHR_SECRET: optionalSecret,
  DEMO_API_KEY: optionalSecret,
});

export type Vars = z.infer<typeof varsSchema>;

/** Parses the plain vars once per isolate; a misconfigured deploy fails loudly at the first request. */
export function parseVars(env: Bindings): Vars {
  return varsSchema.parse({
    APP_ENV: env.APP_ENV,
    APP_VERSION: env.APP_VERSION,
    DEV_SEED_TOKEN: env.DEV_SEED_TOKEN,
    PUBLIC_URL: env.PUBLIC_URL,
    MESSAGING_PROVIDER: env.MESSAGING_PROVIDER,
    TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN,
    TWILIO_FROM: env.TWILIO_FROM,
    EMAIL_API_URL: env.EMAIL_API_URL,
    EMAIL_API_KEY: env.EMAIL_API_KEY,
    EMAIL_FROM: env.EMAIL_FROM,
    PORTAL_SESSION_SECRET: env.PORTAL_SESSION_SECRET,
    DEMO_EHR_SECRET: env.DEMO_EHR_SECRET,
    DEMO_API_KEY: env.DEMO_API_KEY,
  });
}

/** What services need, injected so tests can swap the clock and the message provider. */
export interface Deps {
  db: Db;
  clock: Clock;
  messaging: MessagingPort;
  logger: Logger;
  vars: Vars;
  /** Producers: queues carry ids, never patient data. */
  queues: {
    outbound: Queue<OutboundEnvelope>;
    ehrInbound: Queue<EhrInboundEnvelope>;
    webhooks: Queue<WebhookEnvelope>;
    risk: Queue<RiskEnvelope>;
    training: Queue<ClinicJobEnvelope>;
    rollup: Queue<ClinicJobEnvelope>;
  };
  /** One PatientJourney Durable Object per patient. */
  journeys: DurableObjectNamespace<import("../journey/journey-object").PatientJourney>;
}

/** The outbound-messages queue's message: a version and the message id, nothing else. */
export interface OutboundEnvelope {
  v: 1;
  messageId: string;
}

/** The ehr-inbound queue's message: the stored delivery's id (the payload stays in D1). */
export interface EhrInboundEnvelope {
  v: 1;
  deliveryId: string;
}

/** The outbound-webhooks queue's message: the webhook delivery row's id. */
export interface WebhookEnvelope {
  v: 1;
  deliveryId: string;
}

/** The risk-scoring queue's message: up to 100 open episode ids of one clinic and the scoring time (src/risk/service.ts validates it). */
export interface RiskEnvelope {
  v: 1;
  clinicId: string;
  episodeIds: string[];
  asOf: number;
}

/** The risk-training and analytics-rollup queues' message: one clinic, and the night's time (src/platform/clinic-jobs.ts). */
export interface ClinicJobEnvelope {
  v: 1;
  clinicId: string;
  at: number;
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
