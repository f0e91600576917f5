import type { MessagePurpose } from "../journey/machine";
import { defaultTemplates, type Language } from "../messaging/default-templates";
import { renderTemplate, smsSegments } from "../messaging/render";
import { DAY, MINUTE } from "../platform/clock";
import { offsetAt } from "../platform/time";
import type { Random } from "./random";
import type { DemoConsent, DemoPatient, MessageRow } from "./types";

/** How the demo's history writes one outbound message, as the messaging pipeline would have stored it. */

const language = (p: DemoPatient): Language => p.preferredLanguage;

/** The messaging rules' default sending hours (src/messaging/rules.ts quiet hours: 08:00-21:00 local). */
const SEND_FROM = 8 * 60;
const SEND_TO = 21 * 60;

/** The first instant at or after `at` inside the recipient's sending hours, in their zone (quiet hours defer, never drop). */
export function sendable(at: number, zone: string): number {
  const minute = localMinute(at, zone);
  if (minute >= SEND_FROM && minute < SEND_TO) return at;
  const wait = minute < SEND_FROM ? SEND_FROM - minute : 24 * 60 - minute + SEND_FROM;
  return at + wait * MINUTE - (at % MINUTE);
}

const dayOffsets = new Map<string, number | null>();
/**
 * Local minute of the day. Asking the time zone database for each of thousands of messages is slow, so
 * the offset is looked up once per UTC day and zone, and used when it is the same at both ends of the day
 * (every day but the two with a clock change, when each instant is looked up).
 */
function localMinute(at: number, zone: string): number {
  const day = Math.floor(at / DAY);
  const key = `${zone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = offsetAt(day * DAY, zone);
    offset = first === offsetAt(day * DAY + DAY - 1, zone) ? first : null;
    dayOffsets.set(key, offset);
  }
  const local = at + (offset ?? offsetAt(at, zone));
  return Math.floor((((local % DAY) + DAY) % DAY) / MINUTE);
}

/** A patient's consent on a channel at an instant: the latest record at or before it. */
export function consentLookup(consents: readonly DemoConsent[]) {
  const byPatient = new Map<string, DemoConsent[]>();
  for (const c of consents) {
    const list = byPatient.get(c.patientId) ?? [];
    list.push(c);
    byPatient.set(c.patientId, list);
  }
  for (const list of byPatient.values()) list.sort((a, b) => a.recordedAt - b.recordedAt);
  return (patientId: string, channel: "sms" | "email", at: number) =>
    (byPatient.get(patientId) ?? []).filter((c) => c.channel === channel && c.recordedAt <= at).at(-1)?.status === "granted";
}

const formats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

export interface Outgoing {
  purpose: MessagePurpose | "review_request";
  category: MessageRow["category"];
  /** When it went (quiet hours already applied). */
  at: number;
  /** The reason it exists: the journey's message key (the patient is added), or a staff message's own key. */
  reason: string;
  appointmentId?: string | null;
  /** The visit a reminder is about: its date and time are in the text. */
  visitAt?: number | null;
  /** The {{link}}; by default the clinic's public page. */
  link?: string;
}

/**
 * Builds one outbound message row as requestMessage stores it: SMS when the patient consented to texts,
 * else email, else nothing (a suppressed message is not worth a row in the demo). Sent and delivered.
 */
export function sender(
  rnd: Random,
  input: { clinic: { id: string; name: string; phone: string; smsNumber: string; timeZone: string }; origin: string },
  patient: DemoPatient,
  consentOf: (patientId: string, channel: "sms" | "email", at: number) => boolean,
) {
  const { clinic } = input;
  const zone = patient.timeZone ?? clinic.timeZone;
  const lang = language(patient);
  const locale = lang === "es" ? "es-US" : "en-US";
  const key = `${locale}|${zone}`;
  let f = formats.get(key);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: "short", month: "short", day: "numeric" }),
      time: new Intl.DateTimeFormat(locale, { timeZone: zone, hour: "numeric", minute: "2-digit" }),
    };
    formats.set(key, f);
  }
  const fmt = f;
  return ({ purpose, category, at, reason, appointmentId = null, visitAt = null, link }: Outgoing): MessageRow | null => {
    const channel =
      patient.phone && consentOf(patient.id, "sms", at) ? "sms" : patient.email && consentOf(patient.id, "email", at) ? "email" : null;
    if (!channel) return null;
    const template = defaultTemplates[purpose][lang];
    // Date and time are filled here with cached formatters; renderTemplate does the rest, as for a real message.
    const filled = (text: string) =>
      visitAt === null ? text : text.replaceAll("{{date}}", fmt.date.format(visitAt)).replaceAll("{{time}}", fmt.time.format(visitAt));
    const rendered = renderTemplate(
      { subject: filled(template.subject), body: filled(template.body) },
      {
        firstName: patient.givenName,
        clinicName: clinic.name,
        clinicPhone: clinic.phone,
        link: link ?? `${input.origin}/c/${clinic.id}`,
        timeZone: zone,
        language: lang,
      },
    );
    const createdAt = at - rnd.int(0, 3) * MINUTE;
    return {
      id: "",
      clinicId: clinic.id,
      patientId: patient.id,
      direction: "outbound",
      channel,
      category,
      purpose,
      // The journey's key plus the patient, as src/messaging/service.ts journeyMessage stores it.
      dedupeKey: category === "staff" ? reason : `${reason}:p:${patient.id}`,
      appointmentId,
      toAddress: (channel === "sms" ? patient.phone : patient.email) ?? "",
      fromAddress: channel === "sms" ? clinic.smsNumber : null,
      subject: channel === "email" ? rendered.subject : null,
      body: rendered.body,
      segments: channel === "sms" ? smsSegments(rendered.body).segments : null,
      status: channel === "sms" ? "delivered" : "sent",
      suppressedReason: null,
      sendAt: at,
      provider: "outbox",
      providerMessageId: null,
      attempts: 1,
      lastError: null,
      intent: null,
      sentBy: null,
      createdAt,
      updatedAt: at + (channel === "sms" ? rnd.int(2, 20) * 1000 : 0),
    };
  };
}
