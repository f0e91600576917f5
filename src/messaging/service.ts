import { and, eq } from "drizzle-orm";
import { parseSettings } from "../clinics/model";
import { findClinic } from "../clinics/repo";
import type { MessagePurpose } from "../journey/machine";
import { findPatient, loadPatientRecord } from "../patients/repo";
import { currentConsent } from "../patients/service";
import { DAY } from "../platform/clock";
import type { Deps } from "../platform/env";
import { newId } from "../platform/ids";
import { createPatientLink, LINK_TTL_MS, linkUrl } from "../portal/links";
import type { LinkPurpose } from "../portal/tables";
import { findAppointment } from "../scheduling/repo";
import { chooseChannel } from "./channel";
import { defaultTemplates, type Language, type TemplatePurpose } from "./default-templates";
import { parseDeliveryPolicy } from "./policy";
import { renderTemplate, smsSegments } from "./render";
import * as repo from "./repo";
import { type DeliveryDecision, decideDelivery } from "./rules";
import { messageTemplates } from "./tables";

export interface MessageRequest {
  clinicId: string;
  patientId: string;
  purpose: TemplatePurpose;
  category: "reminder" | "automated" | "staff" | "transactional";
  /** The reason this message exists; the same key never produces a second message. */
  dedupeKey: string | null;
  appointmentId?: string | null;
  /** Force a channel (a reply goes back the way the patient wrote); otherwise the patient's choice, else SMS first, then email. */
  channel?: "sms" | "email";
  text?: string;
  /** The message's {{link}} when the caller made it (a promoter's review link); otherwise a patient link by purpose. */
  link?: string;
  overrideQuietHours?: boolean;
  sentBy?: string | null;
}

export type MessageOutcome =
  | { status: "queued" | "scheduled"; messageId: string; sendAt: number }
  | { status: "suppressed"; messageId: string; reason: string }
  | { status: "duplicate" }
  | { status: "no_patient" };

/** Max delay a queue message can carry; later sends wait as "scheduled" for the sweeper. */
const MAX_QUEUE_DELAY_S = 12 * 60 * 60;

/**
 * Decides, renders, stores and enqueues one message. Consent, quiet hours and caps are applied
 * here, so every path (journey, staff reply, keyword answers) obeys them the same way.
 */
export async function requestMessage(deps: Deps, req: MessageRequest): Promise<MessageOutcome> {
  const now = deps.clock.now();
  const [record, clinic, appointment] = await Promise.all([
    loadPatientRecord(deps.db, req.clinicId, req.patientId),
    findClinic(deps.db, req.clinicId),
    req.appointmentId ? findAppointment(deps.db, req.clinicId, req.appointmentId) : Promise.resolve(undefined),
  ]);
  if (!record || !clinic) return { status: "no_patient" };
  const { patient } = record;
  const consent = currentConsent(record.consentHistory);
  const channel = req.channel ?? chooseChannel(patient, consent);
  const address = channel === "sms" ? patient.phone : patient.email;
  const language: Language = patient.preferredLanguage;
  const timeZone = patient.timeZone ?? clinic.timeZone;
  const policy = parseDeliveryPolicy(clinic.settings);

  const override = await deps.db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.clinicId, req.clinicId),
        eq(messageTemplates.purpose, req.purpose),
        eq(messageTemplates.language, language),
        eq(messageTemplates.channel, channel),
      ),
    )
    .get();
  const template = override ? { subject: override.subject ?? "", body: override.body } : defaultTemplates[req.purpose][language];
  const capGroup: repo.MessageRow["category"][] = req.category === "reminder" ? ["reminder"] : ["automated"];
  const recent = await repo.recentSendTimes(deps.db, req.clinicId, req.patientId, capGroup, now - 8 * DAY, now + 2 * DAY);
  // A reminder for a visit no longer on the books (cancelled quietly, e.g. booked in error in the EHR) never goes.
  const visitGone =
    req.purpose === "visit_reminder" && appointment && appointment.status !== "booked" && appointment.status !== "confirmed";
  const decision: DeliveryDecision = visitGone
    ? { action: "suppress", reason: "the visit is no longer booked" }
    : decideDelivery({
        now,
        timeZone,
        category: req.category,
        consented: consent[channel] === "granted",
        address,
        policy,
        recentSendTimes: recent,
        overrideQuietHours: req.overrideQuietHours,
      });

  // A message that will go out carries a personal magic link (only its hash is stored); a suppressed one needs none.
  const linkPurpose = linkPurposeFor(req.purpose);
  const link =
    req.link ??
    (decision.action === "send" && linkPurpose && template.body.includes("{{link}}")
      ? linkUrl(
          publicOriginOf(deps),
          await createPatientLink(deps, {
            clinicId: req.clinicId,
            patientId: req.patientId,
            purpose: linkPurpose,
            // A reminder's link lives as long as the clinic set (Settings); other purposes keep their own,
            // and a questionnaire's keeps the survey's 30 days it always had.
            ttlMs:
              linkPurpose === "reminder"
                ? parseSettings(clinic.settings).reminderLinkDays * DAY
                : req.purpose === "questionnaire_request"
                  ? LINK_TTL_MS.survey
                  : undefined,
          }),
        )
      : clinicLink(deps, req.clinicId));
  const rendered = renderTemplate(template, {
    firstName: patient.givenName,
    clinicName: clinic.name,
    clinicPhone: clinic.phone ?? "",
    link,
    visitAt: appointment?.startsAt,
    timeZone,
    language,
    text: req.text,
  });

  const id = newId(now);
  const base = {
    id,
    clinicId: req.clinicId,
    patientId: req.patientId,
    direction: "outbound" as const,
    channel,
    category: req.category,
    purpose: req.purpose,
    dedupeKey: req.dedupeKey,
    appointmentId: req.appointmentId ?? null,
    toAddress: address ?? "",
    fromAddress: channel === "sms" ? clinic.smsNumber : null,
    subject: channel === "email" ? rendered.subject : null,
    body: rendered.body,
    segments: channel === "sms" ? smsSegments(rendered.body).segments : null,
    sentBy: req.sentBy ?? null,
    createdAt: now,
    updatedAt: now,
  };
  if (decision.action === "suppress") {
    const stored = await repo.insertMessageOnce(deps.db, { ...base, status: "suppressed", suppressedReason: decision.reason, sendAt: now });
    return stored ? { status: "suppressed", messageId: id, reason: decision.reason } : { status: "duplicate" };
  }
  const status = decision.deferred ? "scheduled" : "queued";
  const stored = await repo.insertMessageOnce(deps.db, { ...base, status, sendAt: decision.sendAt });
  if (!stored) return { status: "duplicate" };
  const delaySeconds = Math.ceil((decision.sendAt - now) / 1000);
  if (delaySeconds <= MAX_QUEUE_DELAY_S) {
    await deps.queues.outbound.send({ v: 1, messageId: id }, delaySeconds > 0 ? { delaySeconds } : undefined);
  }
  return { status, messageId: id, sendAt: decision.sendAt };
}

/** The origin of links sent to people (PUBLIC_URL). */
export function publicOriginOf(deps: Deps): string {
  return deps.vars.PUBLIC_URL ? new URL(deps.vars.PUBLIC_URL).origin : "http://localhost:8787";
}

/** The clinic's public page: the link of a message that has no patient link. */
export function clinicLink(deps: Deps, clinicId: string): string {
  return `${publicOriginOf(deps)}/c/${clinicId}`;
}

/** Which kind of patient link a message carries (its expiry follows the kind). */
function linkPurposeFor(purpose: TemplatePurpose): LinkPurpose | null {
  switch (purpose) {
    case "visit_reminder":
    case "reschedule_link":
      return "reminder";
    case "referral_first_contact":
    case "referral_follow_up":
    case "missed_visit_outreach":
    case "at_risk_outreach":
    case "reactivation":
      return "outreach";
    // A "survey" link lands on the discharge survey's form (src/surveys); a questionnaire's opens the portal.
    case "discharge_survey":
      return "survey";
    case "questionnaire_request":
    case "alumni_check_in":
    case "hep_nudge":
    case "pain_check_in":
      return "general";
    default:
      return null;
  }
}

/**
 * Used by the journey effect: the machine's purpose maps 1:1 to a template. Message keys are unique per
 * clinic, and a machine key without an episode ("reactivation:none:0") is the same for every such patient,
 * so the patient id is part of the stored key.
 */
export function journeyMessage(
  deps: Deps,
  clinicId: string,
  patientId: string,
  effect: { purpose: MessagePurpose; dedupeKey: string; category: "reminder" | "automated"; appointmentId?: string },
) {
  return requestMessage(deps, {
    clinicId,
    patientId,
    purpose: effect.purpose,
    category: effect.category,
    dedupeKey: `${effect.dedupeKey}:p:${patientId}`,
    appointmentId: effect.appointmentId ?? null,
  });
}

export async function patientExists(deps: Deps, clinicId: string, patientId: string) {
  return Boolean(await findPatient(deps.db, clinicId, patientId));
}
