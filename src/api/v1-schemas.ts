import { z } from "zod";
import { stages } from "../journey/machine";
import { messageCategories, messageStatuses } from "../messaging/tables";
import { languages, sexes } from "../patients/tables";
import { appointmentStatuses, appointmentTypes } from "../scheduling/tables";
import { taskStatuses, taskTypes } from "../worklist/tables";
import { touchKinds } from "./touches";

/**
 * The /api/v1 contract: every response and input is a zod schema here, and the OpenAPI document is
 * generated from these same schemas (openapi.ts), so the two cannot drift. JSON is snake_case; times
 * are ISO 8601 instants in UTC; calendar dates are YYYY-MM-DD in the clinic's time zone.
 */

const instant = z.iso.datetime().describe("ISO 8601 instant (UTC)");
const calendarDate = z.iso.date().describe("Calendar date (YYYY-MM-DD) in the clinic's time zone");
const id = z.string().describe("Opaque id");

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .describe("RFC 9457 problem details (application/problem+json)");

export const journeySummarySchema = z
  .object({ state: z.enum(stages), since: instant, next_touch_at: instant.nullable() })
  .describe("The patient's journey stage from the journey engine's projection");

export const riskSummarySchema = z
  .object({
    score: z.number().min(0).max(1).describe("Probability of dropping out, 0-1"),
    band: z.enum(["low", "medium", "high"]).describe("The clinic's band for the score"),
    reasons: z.array(z.string()).max(3).describe("Up to three reasons in plain words, strongest first"),
    model_version: z.string().describe("The model that gave the score: the default or the clinic's own"),
    computed_at: instant.describe("The scoring time: the score saw nothing after it"),
    episode_id: id.describe("The open episode of care scored"),
  })
  .describe("Dropout risk of the patient's open episode of care with the highest score, rescored hourly");

export const patientSchema = z.object({
  id,
  given_name: z.string(),
  family_name: z.string(),
  date_of_birth: z.iso.date(),
  sex: z.enum(sexes),
  phone: z.string().nullable().describe("E.164"),
  email: z.string().nullable(),
  preferred_language: z.enum(languages),
  address: z
    .object({
      line1: z.string().nullable(),
      line2: z.string().nullable(),
      city: z.string().nullable(),
      region: z.string().nullable(),
      postal_code: z.string().nullable(),
      country: z.string().nullable(),
    })
    .nullable(),
  identifiers: z.array(z.object({ system: z.string(), value: z.string() })),
  journey: journeySummarySchema.nullable().describe("Null until the journey engine has seen the patient"),
  risk: riskSummarySchema.nullable().describe("Null when the patient has no scored open episode of care"),
  created_at: instant,
  updated_at: instant,
});

export const journeySchema = z.object({
  patient_id: id,
  state: z.enum(stages),
  since: instant,
  next_touches: z
    .array(z.object({ kind: z.enum(touchKinds), at: instant, appointment_id: id.nullable() }))
    .describe("What the journey will do next, soonest first"),
});

export const taskSchema = z.object({
  id,
  type: z.enum(taskTypes),
  title: z.string(),
  status: z.enum(taskStatuses),
  patient_id: id.nullable(),
  assignee_id: id.nullable(),
  due_date: calendarDate,
  outcome_note: z.string().nullable(),
  source: z.enum(["manual", "rule"]).describe("Made by a person (or an integration), or by a rule"),
  created_at: instant,
  completed_at: instant.nullable(),
});

export const messageSchema = z.object({
  id,
  patient_id: id,
  direction: z.enum(["outbound", "inbound"]),
  channel: z.enum(["sms", "email", "portal"]),
  category: z.enum(messageCategories),
  purpose: z.string().nullable(),
  status: z.enum(messageStatuses),
  subject: z.string().nullable(),
  body: z.string(),
  appointment_id: id.nullable(),
  send_at: instant,
  created_at: instant,
});

export const appointmentSchema = z.object({
  id,
  patient_id: id,
  therapist: z.object({ id, name: z.string().nullable() }),
  episode_id: id.nullable(),
  type: z.enum(appointmentTypes),
  status: z.enum(appointmentStatuses),
  starts_at: instant,
  ends_at: instant,
  duration_minutes: z.number().int(),
  cancel_reason: z.string().nullable(),
  created_at: instant,
  updated_at: instant,
});

export const patientRiskSchema = z.object({
  patient_id: id,
  risk: riskSummarySchema.nullable().describe("Null when the patient has no scored open episode of care"),
});

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last") });

export const patientPageSchema = pageOf(patientSchema);
export const taskPageSchema = pageOf(taskSchema);
export const messagePageSchema = pageOf(messageSchema);
export const appointmentPageSchema = pageOf(appointmentSchema);

/* ---------- inputs ---------- */

const optionalId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, "not an id");

const paging = {
  limit: z.coerce.number().int().min(1).max(100).default(50).describe("Page size, 1-100"),
  cursor: z.string().max(300).optional().describe("next_cursor of the previous page"),
};

export const listQuerySchema = z.strictObject(paging);
export const tasksQuerySchema = z.strictObject({ ...paging, status: z.enum(taskStatuses).optional(), patient: optionalId.optional() });
export const messagesQuerySchema = z.strictObject({ ...paging, patient: optionalId.optional() });
export const appointmentsQuerySchema = z.strictObject({
  ...paging,
  patient: optionalId.optional(),
  status: z.enum(appointmentStatuses).optional(),
  from: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .optional()
    .describe("Visits starting at or after (a date: that day in the clinic's time zone)"),
  to: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })])
    .optional()
    .describe("Visits starting before (a date: the end of that day)"),
});

export const newTaskSchema = z.strictObject({
  type: z.enum(taskTypes).default("other"),
  title: z.string().trim().min(1, "Enter what needs doing").max(200, "At most 200 characters"),
  patient_id: optionalId.optional(),
  assignee_id: optionalId.optional(),
  due_date: calendarDate.describe("Not in the past, within two years"),
});

export const completeTaskSchema = z.strictObject({
  outcome: z.string().trim().min(1, "Write down what happened").max(1000, "At most 1000 characters"),
});

export type ApiPatient = z.infer<typeof patientSchema>;
export type ApiTask = z.infer<typeof taskSchema>;
export type ApiMessage = z.infer<typeof messageSchema>;
export type ApiAppointment = z.infer<typeof appointmentSchema>;
export type ApiJourney = z.infer<typeof journeySchema>;
export type ApiRisk = z.infer<typeof riskSummarySchema>;
export type ApiPatientRisk = z.infer<typeof patientRiskSchema>;
