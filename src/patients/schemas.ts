import { z } from "zod";
import { canonicalTimeZone } from "../clinics/model";
import { checkDateOfBirth, toE164 } from "./model";
import { channels, consentStatuses, languages, sexes } from "./tables";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/** The patient form, shared by the HTML form and (later) the JSON API. `todayIso` (clinic-local) bounds the birth date. */
export function patientFormSchema(todayIso: string) {
  return z.object({
    givenName: z.string().trim().min(1, "Enter the first name").max(100, "At most 100 characters"),
    familyName: z.string().trim().min(1, "Enter the last name").max(100, "At most 100 characters"),
    dateOfBirth: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        const problem = v === "" ? "Enter the date of birth" : checkDateOfBirth(v, todayIso);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    sex: z.enum(sexes, { message: "Choose one" }),
    phone: optionalText(32).transform((v, ctx) => {
      if (v === null) return null;
      const e164 = toE164(v);
      if (!e164) {
        ctx.addIssue({ code: "custom", message: "Enter a valid phone number, e.g. (617) 555-0123 or +44 20 7946 0958" });
        return z.NEVER;
      }
      return e164;
    }),
    email: optionalText(254).pipe(z.email({ message: "Enter a valid email address" }).nullable()),
    preferredLanguage: z.enum(languages, { message: "Choose English or Spanish" }),
    timeZone: optionalText(64).transform((v, ctx) => {
      if (v === null) return null;
      const canonical = canonicalTimeZone(v);
      if (!canonical) {
        ctx.addIssue({ code: "custom", message: "Unknown time zone, e.g. America/New_York" });
        return z.NEVER;
      }
      return canonical;
    }),
    addressLine1: optionalText(200),
    addressLine2: optionalText(200),
    city: optionalText(100),
    region: optionalText(100),
    postalCode: optionalText(20),
    country: optionalText(2).refine((v) => v === null || /^[A-Z]{2}$/.test(v), "Use a two-letter country code"),
  });
}
export type PatientInput = z.infer<ReturnType<typeof patientFormSchema>>;

/** Consents asked for when a patient is created. */
export const initialConsentSchema = z.object({
  smsConsent: z.literal("on").optional(),
  emailConsent: z.literal("on").optional(),
});

export const identifierFormSchema = z.object({
  system: z.string().trim().min(1, "Enter the system, e.g. MRN or an EHR's URL").max(200),
  value: z.string().trim().min(1, "Enter the identifier").max(100),
});

export const consentFormSchema = z.object({
  channel: z.enum(channels),
  status: z.enum(consentStatuses),
});

export const patientSearchSchema = z.object({
  q: z.string().max(100).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
