import { z } from "zod";

/** What a patient's journey hears. Validated at the DO's door (RPC input is a boundary). */
const base = { eventId: z.string().min(1).max(80), occurredAt: z.number().int().nonnegative() };
const appointment = {
  appointmentId: z.string().min(1).max(80),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  episodeId: z.string().max(80).nullable().optional(),
};

/** A real calendar date, YYYY-MM-DD (not 2026-02-31). */
export function isCalendarDate(d: string): boolean {
  const at = Date.parse(`${d}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === d;
}
const localDate = z.string().refine(isCalendarDate, "not a calendar date");

export const journeyEventSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("referral.received"), episodeId: z.string().max(80).nullable().optional() }),
  z.object({
    ...base,
    type: z.literal("episode.started"),
    episodeId: z.string().max(80),
    visitsPrescribed: z.number().int().min(0).max(500),
  }),
  z.object({
    ...base,
    type: z.literal("episode.updated"),
    episodeId: z.string().max(80),
    visitsPrescribed: z.number().int().min(0).max(500),
  }),
  z.object({
    ...base,
    type: z.literal("episode.discharged"),
    episodeId: z.string().max(80),
    reason: z.enum(["goals_met", "plan_completed", "dropped_out", "moved", "other"]),
  }),
  z.object({ ...base, type: z.literal("appointment.booked"), ...appointment }),
  z.object({ ...base, type: z.literal("appointment.rescheduled"), ...appointment }),
  z.object({ ...base, type: z.literal("appointment.confirmed"), ...appointment }),
  z.object({ ...base, type: z.literal("appointment.arrived"), ...appointment }),
  z.object({ ...base, type: z.literal("appointment.attended"), ...appointment }),
  z.object({ ...base, type: z.literal("appointment.cancelled"), ...appointment }),
  z.object({ ...base, type: z.literal("appointment.no_show"), ...appointment }),
  z.object({
    ...base,
    type: z.literal("message.inbound"),
    messageId: z.string().max(80),
    intent: z.enum(["confirm", "cancel", "reschedule", "question", "pain", "opt_out", "opt_in", "help", "other"]),
  }),
  z.object({
    ...base,
    type: z.literal("message.status"),
    messageId: z.string().max(80),
    status: z.enum(["sent", "delivered", "failed", "suppressed"]),
  }),
  z.object({ ...base, type: z.literal("consent.changed"), channel: z.enum(["sms", "email"]), status: z.enum(["granted", "revoked"]) }),
  z.object({ ...base, type: z.literal("risk.changed"), band: z.enum(["low", "medium", "high"]) }),
  z.object({ ...base, type: z.literal("timer.fired"), key: z.string().max(120) }),
  // Care during an episode: the HEP program, its logs, check-ins and questionnaires feed the care timers.
  z.object({
    ...base,
    type: z.literal("hep.program_changed"),
    episodeId: z.string().max(80).nullable().optional(),
    /** False once the program has no exercise left: nothing to nudge about. */
    active: z.boolean(),
    /** Prescribed days between sessions: ceil(7 / the most days a week of any exercise). */
    intervalDays: z.number().int().min(1).max(7),
  }),
  /** date: the patient's local day the exercise was done; null when the emitter did not say. */
  z.object({ ...base, type: z.literal("hep.logged"), date: localDate.nullable() }),
  z.object({ ...base, type: z.literal("checkin.recorded"), score: z.number().int().min(0).max(10).nullable() }),
  z.object({ ...base, type: z.literal("questionnaire.completed"), instrumentId: z.string().min(1).max(40) }),
]);

export type JourneyEvent = z.infer<typeof journeyEventSchema>;
export type JourneyEventType = JourneyEvent["type"];
export const journeyEventTypes = journeyEventSchema.options.map((o) => o.shape.type.value) as JourneyEventType[];
