import { z } from "zod";
import { toE164 } from "../patients/model";
import { canonicalTimeZone, reviewUrlProblem } from "./model";
import { staffRoles } from "./tables";

export const clinicFormSchema = z.object({
  name: z.string().trim().min(1, "Enter the clinic's name").max(120),
  timeZone: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const canonical = canonicalTimeZone(v);
      if (!canonical) {
        ctx.addIssue({ code: "custom", message: "Unknown time zone, e.g. America/New_York" });
        return z.NEVER;
      }
      return canonical;
    }),
  phone: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === "") return null;
      const e164 = toE164(v);
      if (!e164) ctx.addIssue({ code: "custom", message: "Enter a valid phone number" });
      return e164;
    }),
  sessionIdleMinutes: z.coerce.number().int().min(5, "At least 5 minutes").max(240, "At most 240 minutes"),
  sessionAbsoluteHours: z.coerce.number().int().min(1, "At least 1 hour").max(24, "At most 24 hours"),
  reminderLinkDays: z.coerce.number().int().min(1, "At least 1 day").max(30, "At most 30 days"),
  /** Optional: blank (or absent) means the clinic asks promoters for no review. */
  reviewUrl: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const problem = reviewUrlProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
      return v;
    }),
});

export const staffFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name").max(120),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "Enter a valid email address" })),
  role: z.enum(staffRoles, { message: "Choose a role" }),
});

export const staffUpdateSchema = z.object({
  role: z.enum(staffRoles, { message: "Choose a role" }),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
