import { and, eq, ne, sql } from "drizzle-orm";
import { localDateIn } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import { clinics } from "../clinics/tables";
import { type JourneyPolicy, parseJourneyPolicy } from "../journey/policy";
import { type Actor, auditStatement } from "../platform/audit";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import { addDays, zonedToUtc } from "../platform/time";
import { defaultTemplates, type Language, type TemplatePurpose } from "./default-templates";
import { parseDeliveryPolicy } from "./policy";
import { renderTemplate, smsSegments } from "./render";
import type { DeliveryPolicy } from "./rules";
import { clinicLink } from "./service";
import { messageTemplates } from "./tables";

/** Settings -> Messages: template overrides per purpose, language and channel, and the clinic's messaging settings. */

export const templatePurposes = Object.keys(defaultTemplates) as TemplatePurpose[];
export const templateLanguages = ["en", "es"] as const satisfies readonly Language[];
export const templateChannels = ["sms", "email"] as const;
export type TemplateChannel = (typeof templateChannels)[number];

export interface TemplateKey {
  purpose: TemplatePurpose;
  language: Language;
  channel: TemplateChannel;
}

export const MAX_BODY = 640;
export const MAX_SUBJECT = 200;
export const knownPlaceholders = ["firstName", "clinicName", "clinicPhone", "date", "time", "link", "text"] as const;
export const CLINICAL_DETAIL_MESSAGE = "Text messages must not carry clinical detail (minimum necessary)";

// Compared without accents and case: "Lesión" and "lesion" are the same word.
const clinicalTerms = new Set(
  [
    "diagnosis diagnoses diagnosed diagnose diagnostic pain pains painful injury injuries injured surgery surgeries surgical",
    "knee knees back backs shoulder shoulders hip hips ankle ankles neck necks fracture fractures fractured sprain sprained",
    "arthritis tendon tendonitis concussion dolor dolores lesion lesiones cirugia cirugias rodilla rodillas espalda",
    "hombro hombros cadera caderas tobillo tobillos cuello fractura fracturas diagnostico esguince artritis",
  ]
    .join(" ")
    .split(" "),
);

const fold = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

/** The first clinical word in a text, as written, or null. */
export function clinicalWordIn(text: string): string | null {
  for (const word of text.split(/[^\p{L}\p{N}]+/u)) if (word && clinicalTerms.has(fold(word))) return word;
  return null;
}

/** Placeholder problems: an unknown name, or braces that are not a complete {{placeholder}}. */
function placeholderProblem(text: string): string | null {
  const known = new Set<string>(knownPlaceholders);
  for (const match of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const name = match[1] ?? "";
    if (!known.has(name)) {
      return `Unknown placeholder {{${name}}}. Use only ${knownPlaceholders.map((p) => `{{${p}}}`).join(" ")}.`;
    }
  }
  const rest = text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, "");
  if (rest.includes("{{") || rest.includes("}}")) return "A placeholder is not complete: write it with double braces, e.g. {{firstName}}.";
  return null;
}

/** Pure: what is wrong with a template, per field ("body", "subject"); empty when it may be saved. */
export function templateProblems(channel: TemplateChannel, input: { subject: string; body: string }): Record<string, string> {
  const out: Record<string, string> = {};
  const body = input.body.trim();
  if (body.length === 0) out.body = "Write the message text.";
  else if (body.length > MAX_BODY) out.body = `At most ${MAX_BODY} characters (now ${body.length}).`;
  else {
    const placeholder = placeholderProblem(body);
    const clinical = channel === "sms" ? clinicalWordIn(body) : null;
    if (placeholder) out.body = placeholder;
    else if (clinical) out.body = `${CLINICAL_DETAIL_MESSAGE}: remove “${clinical}”. Put details behind the link.`;
  }
  if (channel === "email") {
    const subject = input.subject.trim();
    if (subject.length === 0) out.subject = "Write a subject.";
    else if (subject.length > MAX_SUBJECT) out.subject = `At most ${MAX_SUBJECT} characters (now ${subject.length}).`;
    else {
      const placeholder = placeholderProblem(subject);
      if (placeholder) out.subject = placeholder;
    }
  }
  return out;
}

export interface EffectiveTemplate extends TemplateKey {
  subject: string;
  body: string;
  custom: boolean;
}

const keyOf = (k: TemplateKey) => `${k.purpose}:${k.language}:${k.channel}`;

/** Every purpose x language x channel: the clinic's override, else the default. One query. */
export async function effectiveTemplates(deps: Deps, clinicId: string): Promise<EffectiveTemplate[]> {
  const rows = await deps.db.select().from(messageTemplates).where(eq(messageTemplates.clinicId, clinicId));
  const overrides = new Map(
    rows.map((r) => [keyOf({ purpose: r.purpose as TemplatePurpose, language: r.language, channel: r.channel }), r]),
  );
  const out: EffectiveTemplate[] = [];
  for (const purpose of templatePurposes) {
    for (const language of templateLanguages) {
      for (const channel of templateChannels) {
        const o = overrides.get(keyOf({ purpose, language, channel }));
        const d = defaultTemplates[purpose][language];
        out.push({
          purpose,
          language,
          channel,
          subject: o ? (o.subject ?? d.subject) : d.subject,
          body: o?.body ?? d.body,
          custom: Boolean(o),
        });
      }
    }
  }
  return out;
}

export async function effectiveTemplate(deps: Deps, clinicId: string, key: TemplateKey): Promise<EffectiveTemplate> {
  const o = await deps.db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.clinicId, clinicId),
        eq(messageTemplates.purpose, key.purpose),
        eq(messageTemplates.language, key.language),
        eq(messageTemplates.channel, key.channel),
      ),
    )
    .get();
  const d = defaultTemplates[key.purpose][key.language];
  return { ...key, subject: o ? (o.subject ?? d.subject) : d.subject, body: o?.body ?? d.body, custom: Boolean(o) };
}

/** Saves a clinic override after the same checks the preview shows; nothing is written when any fails. */
export async function saveTemplate(
  deps: Deps,
  actor: Actor,
  key: TemplateKey,
  input: { subject: string; body: string },
): Promise<Result<true, Record<string, string>>> {
  const problems = templateProblems(key.channel, input);
  if (Object.keys(problems).length > 0) return err(problems);
  const now = deps.clock.now();
  const row = {
    subject: key.channel === "email" ? input.subject.trim() : null,
    body: input.body.trim(),
    updatedAt: now,
  };
  await deps.db.batch([
    deps.db
      .insert(messageTemplates)
      .values({ id: newId(now), clinicId: actor.clinicId, ...key, ...row })
      .onConflictDoUpdate({
        target: [messageTemplates.clinicId, messageTemplates.purpose, messageTemplates.language, messageTemplates.channel],
        set: row,
      }),
    auditStatement(deps, actor, `template.update:${keyOf(key)}`),
  ]);
  return ok(true);
}

/** Reset to default: the override goes, the default applies again. */
export async function resetTemplate(deps: Deps, actor: Actor, key: TemplateKey) {
  await deps.db.batch([
    deps.db
      .delete(messageTemplates)
      .where(
        and(
          eq(messageTemplates.clinicId, actor.clinicId),
          eq(messageTemplates.purpose, key.purpose),
          eq(messageTemplates.language, key.language),
          eq(messageTemplates.channel, key.channel),
        ),
      ),
    auditStatement(deps, actor, `template.reset:${keyOf(key)}`),
  ]);
}

export interface TemplatePreview {
  subject: string;
  body: string;
  sms: { segments: number; encoding: "GSM-7" | "UCS-2"; units: number } | null;
  problems: Record<string, string>;
}

/** Renders a draft for a sample patient with a visit two days ahead at 10:00, clinic time. */
export async function previewTemplate(
  deps: Deps,
  clinicId: string,
  key: TemplateKey,
  draft: { subject: string; body: string },
): Promise<TemplatePreview> {
  const clinic = await findClinic(deps.db, clinicId);
  const timeZone = clinic?.timeZone ?? "UTC";
  const visitAt = zonedToUtc(addDays(localDateIn(deps.clock.now(), timeZone), 2), "10:00", timeZone);
  const rendered = renderTemplate(draft, {
    firstName: key.language === "es" ? "María" : "Alex",
    clinicName: clinic?.name ?? "Your clinic",
    clinicPhone: clinic?.phone ?? "",
    link: clinicLink(deps, clinicId),
    visitAt,
    timeZone,
    language: key.language,
    text: key.language === "es" ? "Gracias, nos vemos el martes." : "Thanks, see you on Tuesday.",
  });
  return {
    subject: key.channel === "email" ? rendered.subject : "",
    body: rendered.body,
    sms: key.channel === "sms" ? smsSegments(rendered.body) : null,
    problems: templateProblems(key.channel, draft),
  };
}

/* ---------- the clinic's messaging settings ---------- */

export async function messagingSettings(deps: Deps, clinicId: string) {
  const clinic = await findClinic(deps.db, clinicId);
  if (!clinic) return undefined;
  let journeyRaw: unknown;
  try {
    journeyRaw = (JSON.parse(clinic.settings) as { journey?: unknown }).journey;
  } catch {
    journeyRaw = undefined;
  }
  return {
    smsNumber: clinic.smsNumber,
    delivery: parseDeliveryPolicy(clinic.settings),
    journey: parseJourneyPolicy(journeyRaw),
  };
}

/**
 * Sets one key of the clinic's settings JSON in place (SQLite json_set): the read, merge and
 * write happen in one statement, so other keys survive and a concurrent save of another key is kept.
 */
function setSettingsKey(deps: Deps, clinicId: string, key: "messaging" | "journey", value: unknown) {
  return deps.db
    .update(clinics)
    .set({
      settings: sql`json_set(CASE WHEN json_valid(${clinics.settings}) AND json_type(${clinics.settings}) = 'object' THEN ${clinics.settings} ELSE '{}' END, ${`$.${key}`}, json(${JSON.stringify(value)}))`,
    })
    .where(eq(clinics.id, clinicId));
}

export async function saveDeliveryPolicy(deps: Deps, actor: Actor, policy: DeliveryPolicy) {
  await deps.db.batch([setSettingsKey(deps, actor.clinicId, "messaging", policy), auditStatement(deps, actor, "clinic.messaging_rules")]);
}

export async function saveJourneyPolicy(deps: Deps, actor: Actor, policy: JourneyPolicy) {
  await deps.db.batch([setSettingsKey(deps, actor.clinicId, "journey", policy), auditStatement(deps, actor, "clinic.journey_settings")]);
}

/** The clinic's SMS number (E.164, or null to clear): inbound texts to it belong to this clinic, so it is unique. */
export async function saveSmsNumber(deps: Deps, actor: Actor, smsNumber: string | null): Promise<Result<true, "taken">> {
  if (smsNumber) {
    const other = await deps.db
      .select({ id: clinics.id })
      .from(clinics)
      .where(and(eq(clinics.smsNumber, smsNumber), ne(clinics.id, actor.clinicId)))
      .get();
    if (other) return err("taken");
  }
  try {
    await deps.db.batch([
      deps.db.update(clinics).set({ smsNumber }).where(eq(clinics.id, actor.clinicId)),
      auditStatement(deps, actor, "clinic.sms_number"),
    ]);
  } catch (error) {
    // Two clinics saving the same number at once: the unique index decides.
    if (/UNIQUE/i.test(String(error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : error))) return err("taken");
    throw error;
  }
  return ok(true);
}
