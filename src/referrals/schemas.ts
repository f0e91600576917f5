import { z } from "zod";
import { toE164 } from "../patients/model";
import { referralSourceKinds } from "./tables";

export const referralSourceKindLabels: Record<(typeof referralSourceKinds)[number], string> = {
  physician: "Physician",
  practice: "Practice",
  self: "Self-referred",
  other: "Other",
};
export const referralSourceKindOptions = referralSourceKinds.map((k) => [k, referralSourceKindLabels[k]] as const);

/**
 * A National Provider Identifier: 10 digits whose last is a Luhn check digit computed over
 * the card-issuer prefix 80840 followed by the first nine digits.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  // Double every second digit from the right of the payload (which ends just before the check digit).
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .optional()
    .transform((v) => (v ? v : null));

const optionalPhone = (label: string) =>
  optionalText(32).transform((v, ctx) => {
    if (v === null) return null;
    const e164 = toE164(v);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: `Enter a valid ${label}, e.g. (617) 555-0123` });
      return z.NEVER;
    }
    return e164;
  });

export const referralSourceFormSchema = z.object({
  name: z.string({ message: "Enter the name" }).trim().min(1, "Enter the name").max(200, "At most 200 characters"),
  kind: z.enum(referralSourceKinds, { message: "Choose a kind" }),
  npi: optionalText(20)
    .transform((v) => v?.replace(/[\s-]/g, "") ?? null)
    .superRefine((v, ctx) => {
      if (v === null) return;
      if (!/^\d{10}$/.test(v)) ctx.addIssue({ code: "custom", message: "An NPI has 10 digits" });
      else if (!isValidNpi(v)) ctx.addIssue({ code: "custom", message: "This NPI's check digit is wrong: please check the number" });
    }),
  practice: optionalText(200),
  phone: optionalPhone("phone number"),
  fax: optionalPhone("fax number"),
  email: optionalText(254).pipe(z.email({ message: "Enter a valid email address" }).nullable()),
});
export type ReferralSourceFormInput = z.infer<typeof referralSourceFormSchema>;
