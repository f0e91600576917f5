import { type Context, Hono } from "hono";
import { z } from "zod";
import type { FieldErrors } from "../../templates/components/form";
import { TemplatePreview, type TemplatePreviewView } from "../../templates/settings/template-preview.partial";
import { MessageSettingsPage, TemplateEditPage } from "../../templates/settings/templates.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import type { JourneyPolicy } from "../journey/policy";
import { toE164 } from "../patients/model";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { minutesOf } from "../platform/time";
import { fieldErrors, formStrings } from "../platform/validate";
import type { TemplatePurpose } from "./default-templates";
import { defaultTemplates } from "./default-templates";
import type { DeliveryPolicy } from "./rules";
import * as service from "./template-service";

/** /settings/messages: owner and admin only (the /settings guard where this is mounted). */
export const templateRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

const keySchema = z.object({
  purpose: z.enum(service.templatePurposes as [TemplatePurpose, ...TemplatePurpose[]]),
  language: z.enum(service.templateLanguages),
  channel: z.enum(service.templateChannels),
});
// Generous bounds at the boundary; the service says what is wrong in words (640 characters, placeholders...).
const draftSchema = z.object({ subject: z.string().max(5000).default(""), body: z.string().max(20_000).default("") });

const smsNumberSchema = z.object({
  smsNumber: z
    .string()
    .trim()
    .default("")
    .transform((v, ctx) => {
      if (v === "") return null;
      const e164 = toE164(v);
      if (!e164) ctx.addIssue({ code: "custom", message: "Enter a phone number in E.164 form, e.g. +14135550177" });
      return e164;
    }),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM, 24-hour");
const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, "Enter a number")
    .transform(Number)
    .pipe(z.number({ message: "Enter a number" }).int("Enter a whole number").min(min, `At least ${min}`).max(max, `At most ${max}`));
const decimal = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(1, "Enter a number")
    .transform(Number)
    .pipe(z.number({ message: "Enter a number" }).min(min, `At least ${min}`).max(max, `At most ${max}`));
const numberList = (min: number, max: number, maxItems: number, integers = false) =>
  z
    .string()
    .default("")
    .transform((s, ctx) => {
      const parts = s.split(/[\s,;]+/).filter(Boolean);
      const nums = parts.map(Number);
      if (parts.length > maxItems) ctx.addIssue({ code: "custom", message: `At most ${maxItems} values` });
      else if (nums.some((n) => !Number.isFinite(n) || n < min || n > max || (integers && !Number.isInteger(n)))) {
        ctx.addIssue({
          code: "custom",
          message: `Each value from ${min} to ${max}${integers ? ", whole numbers" : ""}, separated by commas`,
        });
      }
      return [...new Set(nums)].sort((a, b) => a - b);
    });

const rulesSchema = z
  .object({
    quietFrom: hhmm,
    quietTo: hhmm,
    automatedPerDay: whole(0, 10),
    automatedPerWeek: whole(0, 30),
    remindersPerDay: whole(0, 10),
  })
  .superRefine((v, ctx) => {
    if (minutesOf(v.quietFrom) >= minutesOf(v.quietTo)) {
      ctx.addIssue({ code: "custom", path: ["quietTo"], message: "The sending window must end after it starts" });
    }
    if (v.automatedPerWeek < v.automatedPerDay) {
      ctx.addIssue({ code: "custom", path: ["automatedPerWeek"], message: "A week must allow at least as many as a day" });
    }
  });

const switches = ["referralOutreach", "visitReminders", "atRiskOutreach", "reactivation", "dischargeSurvey", "alumniCheckIns"] as const;
const journeySchema = z.object({
  referralFirstContactMinutes: whole(0, 24 * 60),
  referralFollowUpDays: numberList(0.5, 60, 6),
  remindersHoursBefore: numberList(0.5, 24 * 14, 4),
  lapseAfterDays: whole(1, 90),
  reactivationDays: numberList(0, 120, 6),
  surveyAfterDischargeHours: decimal(0, 24 * 14),
  alumniAfterDischargeDays: whole(1, 60),
  alumniCheckInDays: numberList(1, 730, 6, true),
});

const rulesValues = (p: DeliveryPolicy) => ({
  quietFrom: p.quietHours.from,
  quietTo: p.quietHours.to,
  automatedPerDay: String(p.automatedPerDay),
  automatedPerWeek: String(p.automatedPerWeek),
  remindersPerDay: String(p.remindersPerDay),
});

function journeyValues(p: JourneyPolicy): Record<string, string> {
  const out: Record<string, string> = {
    referralFirstContactMinutes: String(p.referralFirstContactMinutes),
    referralFollowUpDays: p.referralFollowUpDays.join(", "),
    remindersHoursBefore: p.remindersHoursBefore.join(", "),
    lapseAfterDays: String(p.lapseAfterDays),
    reactivationDays: p.reactivationDays.join(", "),
    surveyAfterDischargeHours: String(p.surveyAfterDischargeHours),
    alumniAfterDischargeDays: String(p.alumniAfterDischargeDays),
    alumniCheckInDays: p.alumniCheckInDays.join(", "),
  };
  for (const s of switches) if (p.enabled[s]) out[`enabled_${s}`] = "on";
  return out;
}

const notices: Record<string, string> = {
  sms: "Text number saved.",
  rules: "Sending rules saved.",
  journey: "Journey settings saved.",
};

type Section = { values: Record<string, string>; errors?: FieldErrors };

async function renderSettings(
  c: C,
  override: Partial<Record<"smsNumber" | "rules" | "journey", Section>> = {},
  status: 200 | 409 | 422 = 200,
) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const [settings, templates] = await Promise.all([
    service.messagingSettings(deps, staff.clinicId),
    service.effectiveTemplates(deps, staff.clinicId),
  ]);
  if (!settings) throw new AppError("not_found", "No such clinic.");
  const groups = service.templatePurposes.map((purpose) => ({
    purpose,
    variants: templates
      .filter((t) => t.purpose === purpose)
      .map((t) => ({ ...t, href: `/settings/messages/${t.purpose}/${t.language}/${t.channel}` })),
  }));
  return c.html(
    <MessageSettingsPage
      staff={layoutStaff(staff)}
      notice={notices[c.req.query("saved") ?? ""]}
      smsNumber={override.smsNumber ?? { values: { smsNumber: settings.smsNumber ?? "" } }}
      rules={override.rules ?? { values: rulesValues(settings.delivery) }}
      journey={override.journey ?? { values: journeyValues(settings.journey) }}
      groups={groups}
    />,
    status,
  );
}

templateRoutes.get("/", (c) => renderSettings(c));

templateRoutes.post("/sms-number", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = smsNumberSchema.safeParse(values);
  if (!parsed.success) return renderSettings(c, { smsNumber: { values, errors: fieldErrors(parsed.error) } }, 422);
  const saved = await service.saveSmsNumber(c.get("deps"), staffActor(c), parsed.data.smsNumber);
  if (!saved.ok) {
    return renderSettings(c, { smsNumber: { values, errors: { smsNumber: "This number already belongs to another clinic." } } }, 409);
  }
  return c.redirect("/settings/messages?saved=sms", 303);
});

templateRoutes.post("/rules", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = rulesSchema.safeParse(values);
  if (!parsed.success) return renderSettings(c, { rules: { values, errors: fieldErrors(parsed.error) } }, 422);
  const v = parsed.data;
  await service.saveDeliveryPolicy(c.get("deps"), staffActor(c), {
    quietHours: { from: v.quietFrom, to: v.quietTo },
    automatedPerDay: v.automatedPerDay,
    automatedPerWeek: v.automatedPerWeek,
    remindersPerDay: v.remindersPerDay,
  });
  return c.redirect("/settings/messages?saved=rules", 303);
});

templateRoutes.post("/journey", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = journeySchema.safeParse(values);
  if (!parsed.success) return renderSettings(c, { journey: { values, errors: fieldErrors(parsed.error) } }, 422);
  const enabled = Object.fromEntries(switches.map((s) => [s, values[`enabled_${s}`] === "on"])) as JourneyPolicy["enabled"];
  await service.saveJourneyPolicy(c.get("deps"), staffActor(c), { ...parsed.data, enabled });
  return c.redirect("/settings/messages?saved=journey", 303);
});

function previewView(key: service.TemplateKey, p: service.TemplatePreview): TemplatePreviewView {
  return { channel: key.channel, subject: p.subject, body: p.body, sms: p.sms, problems: Object.values(p.problems) };
}

templateRoutes.post("/preview", async (c) => {
  const body = formStrings(await c.req.parseBody());
  const key = keySchema.safeParse(body);
  const draft = draftSchema.safeParse(body);
  if (!key.success || !draft.success) throw new AppError("validation", "Unknown template or draft too long.");
  const preview = await service.previewTemplate(c.get("deps"), currentStaff(c).clinicId, key.data, draft.data);
  return c.html(<TemplatePreview {...previewView(key.data, preview)} />);
});

function keyFrom(c: C): service.TemplateKey {
  const parsed = keySchema.safeParse(c.req.param());
  if (!parsed.success) throw new AppError("not_found", "No such template.");
  return parsed.data;
}

async function renderEdit(c: C, key: service.TemplateKey, draft?: { subject: string; body: string }, errors?: FieldErrors) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const effective = await service.effectiveTemplate(deps, staff.clinicId, key);
  const values = draft ?? { subject: effective.subject, body: effective.body };
  const preview = await service.previewTemplate(deps, staff.clinicId, key, values);
  const notice =
    c.req.query("saved") === "1" ? "Template saved." : c.req.query("reset") === "1" ? "Back to the default wording." : undefined;
  return c.html(
    <TemplateEditPage
      staff={layoutStaff(staff)}
      {...key}
      action={`/settings/messages/${key.purpose}/${key.language}/${key.channel}`}
      values={values}
      errors={errors}
      custom={effective.custom}
      defaults={defaultTemplates[key.purpose][key.language]}
      preview={previewView(key, preview)}
      notice={notice}
    />,
    errors ? 422 : 200,
  );
}

templateRoutes.get("/:purpose/:language/:channel", (c) => renderEdit(c, keyFrom(c)));

templateRoutes.post("/:purpose/:language/:channel", async (c) => {
  const key = keyFrom(c);
  const parsed = draftSchema.safeParse(formStrings(await c.req.parseBody()));
  const draft = parsed.success ? parsed.data : { subject: "", body: "" };
  const saved = parsed.success
    ? await service.saveTemplate(c.get("deps"), staffActor(c), key, draft)
    : ({ ok: false, error: { body: "This text is far too long." } } as const);
  if (!saved.ok) return renderEdit(c, key, draft, saved.error);
  return c.redirect(`/settings/messages/${key.purpose}/${key.language}/${key.channel}?saved=1`, 303);
});

templateRoutes.post("/:purpose/:language/:channel/reset", async (c) => {
  const key = keyFrom(c);
  await service.resetTemplate(c.get("deps"), staffActor(c), key);
  return c.redirect(`/settings/messages/${key.purpose}/${key.language}/${key.channel}?reset=1`, 303);
});
