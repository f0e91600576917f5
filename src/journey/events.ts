import { z } from "zod";

/** What a patient's journey hears. Validated at the DO's door (RPC input is a boundary). */
const base = { eventId: z.string().min(1).max(80), occurredAt: z.number().int().nonnegative() };
const appointment = {
  appointmentId: z.string().min(1).max(80),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  episodeId: z.string().max(80).nullable().optional(),
};

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
]);

export type JourneyEvent = z.infer<typeof journeyEventSchema>;
export type JourneyEventType = JourneyEvent["type"];
export const journeyEventTypes = journeyEventSchema.options.map((o) => o.shape.type.value) as JourneyEventType[];
