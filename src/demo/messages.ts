import type { Language } from "../messaging/default-templates";
import { classifyReply } from "../messaging/intent";
import { DAY, HOUR, MINUTE } from "../platform/clock";
import type { BookedVisit } from "./appointments";
import type { Discharge } from "./episodes";
import type { EventDraft } from "./history";
import { consentLookup, sendable, sender } from "./outgoing";
import type { Random } from "./random";
import { type DemoConsent, type DemoPatient, idMaker, type MessageRow } from "./types";

export { consentLookup, sendable, sender } from "./outgoing";

import type { EpisodeState } from "./visits";

export interface MessageInput {
  clinic: { id: string; name: string; phone: string; smsNumber: string; timeZone: string };
  now: number;
  /** The origin of links in messages (the clinic's public page stands in for personal links long expired). */
  origin: string;
  states: readonly EpisodeState[];
  discharges: readonly (Discharge | null)[];
  /** Every appointment row, with when it reached its status. */
  visits: readonly BookedVisit[];
  patientOf: (s: EpisodeState) => DemoPatient | undefined;
  consents: readonly DemoConsent[];
}

/** An outbound message the demo history sends, and who answers it (see replies below). */
export interface Sent {
  row: MessageRow;
  /** The patient's answer, if any. */
  reply: { at: number; body: string } | null;
}

/** The journey's default reminder times (src/journey/policy.ts remindersHoursBefore). */
const REMINDER_HOURS = [48, 2] as const;

/** What patients text back, by what they mean; each reads as that intent to the reply classifier. */
const replyWords = {
  confirm: { en: ["C", "c", "C thanks", "Yes", "Confirm", "C 👍", "Yes, see you then"], es: ["C", "Sí", "C gracias", "Confirmo"] },
  cancel: { en: ["X", "X sorry, can't make it", "Need to cancel, sorry"], es: ["X", "X lo siento", "No puedo ir, lo siento"] },
  late: { en: ["On my way", "👍", "Thanks"], es: ["Voy en camino", "Gracias"] },
  rebook: {
    en: ["Sorry I forgot! Can I come in Thursday?", "So sorry, car trouble. Can we reschedule?", "Sorry, overslept. Next week ok?"],
    es: ["¡Perdón, se me olvidó! ¿Puedo ir el jueves?", "Lo siento, tuve un problema con el carro. ¿Podemos cambiar la cita?"],
  },
} as const;

/**
 * The texts (and emails) the journey would have sent over the clinic's history, and the patients' answers:
 * two reminders per visit, a text after each no-show that left nothing booked, each as the messaging
 * pipeline stores it (consent, quiet hours, rendered from the default templates, delivered). Patients answer
 * as their traits say (traits.ts replies), and stop answering once they are on their way out, so the reply
 * rate the risk model reads carries the same signal that drove the outcome.
 */
export function visitMessages(rnd: Random, input: MessageInput): Sent[] {
  const out: Sent[] = [];
  const consentOf = consentLookup(input.consents);
  const byEpisode = new Map<string, BookedVisit[]>();
  for (const v of input.visits) {
    const list = byEpisode.get(v.row.episodeId ?? "") ?? [];
    list.push(v);
    byEpisode.set(v.row.episodeId ?? "", list);
  }
  input.states.forEach((s) => {
    const patient = input.patientOf(s);
    if (!patient) return;
    const visits = (byEpisode.get(s.plan.id) ?? []).sort((a, b) => a.row.startsAt - b.row.startsAt);
    // On the way out (dropping out, lapsing, moving): after the last visit they came to, texts go unanswered.
    const lastAttended = visits.filter((v) => v.row.status === "attended").at(-1)?.row.startsAt ?? s.plan.createdAt;
    const leaving =
      s.plan.outcome === "dropped_out" || s.plan.outcome === "lapsing" || s.plan.outcome === "moved" || s.plan.outcome === "other";
    const answers = (at: number, share: number) => rnd.chance((leaving && at > lastAttended ? 0.1 : 1) * share * s.plan.traits.replies);
    const send = sender(rnd, input, patient, consentOf);
    const zone = patient.timeZone ?? input.clinic.timeZone;
    for (const [i, v] of visits.entries()) {
      const a = v.row;
      const cancelledAt = a.status === "cancelled" ? (v.statusAt ?? a.startsAt) : null;
      for (const hours of REMINDER_HOURS) {
        const at = sendable(a.startsAt - hours * HOUR, zone);
        // Not yet due, booked too late for it, or the visit was cancelled (or started) before it went.
        if (at >= input.now || at < a.createdAt || at >= a.startsAt - 30 * MINUTE || (cancelledAt !== null && at >= cancelledAt)) continue;
        const reason = `reminder:${a.id}:${hours}:${a.startsAt}`;
        const message = send({ purpose: "visit_reminder", category: "reminder", at, reason, appointmentId: a.id, visitAt: a.startsAt });
        if (!message) continue;
        let reply: Sent["reply"] = null;
        if (hours === 48 && cancelledAt !== null && cancelledAt - at < 40 * HOUR && answers(at, 0.8)) {
          // The cancellation came in as the answer to the reminder.
          reply = { at: cancelledAt, body: rnd.pick(replyWords.cancel[language(patient)]) };
        } else if (hours === 48 && answers(at, 1)) {
          reply = { at: at + replyDelay(rnd), body: rnd.pick(replyWords.confirm[language(patient)]) };
        } else if (hours === 2 && answers(at, 0.25)) {
          reply = { at: at + rnd.int(2, 40) * MINUTE, body: rnd.pick(replyWords.late[language(patient)]) };
        }
        out.push({ row: message, reply: reply && reply.at < Math.min(input.now, a.startsAt) ? reply : null });
      }
      // A no-show that leaves nothing booked: the journey texts to rebook (src/journey/machine.ts).
      const later = visits.slice(i + 1).some((n) => n.row.createdAt <= (v.statusAt ?? a.startsAt));
      if (a.status === "no_show" && !later && v.statusAt !== null) {
        const at = sendable(v.statusAt + rnd.int(1, 5) * MINUTE, zone);
        if (at >= input.now) continue;
        const message = send({
          purpose: "missed_visit_outreach",
          category: "automated",
          at,
          reason: `missed:${a.id}`,
          appointmentId: a.id,
        });
        if (!message) continue;
        const reply = answers(at, 0.8) ? { at: at + replyDelay(rnd), body: rnd.pick(replyWords.rebook[language(patient)]) } : null;
        out.push({ row: message, reply: reply && reply.at < input.now ? reply : null });
      }
    }
  });
  return out;
}

const language = (p: DemoPatient): Language => p.preferredLanguage;

/** Most answer within the hour or two; some that evening or the next day. */
function replyDelay(rnd: Random): number {
  return rnd.chance(0.7) ? rnd.int(1, 120) * MINUTE : rnd.int(3, 30) * HOUR + rnd.int(0, 59) * MINUTE;
}

/**
 * Message rows with ids in time order, the patients' texts as inbound rows (classified by the real reply
 * classifier), a "message.received" event for each (the timeline shows inbound texts from those), and one
 * inbox thread per patient who wrote: done, except for a question still waiting from the last few days.
 */
export function messageRows(clinic: MessageInput["clinic"], now: number, sent: readonly Sent[]) {
  const intents = new Map<string, ReturnType<typeof classifyReply>>();
  const intentOf = (body: string) => {
    let intent = intents.get(body);
    if (!intent) {
      intent = classifyReply(body);
      intents.set(body, intent);
    }
    return intent;
  };
  const all: Omit<MessageRow, "id">[] = [];
  for (const { row, reply } of sent) {
    const { id: _, ...outbound } = row;
    all.push(outbound);
    if (!reply || row.channel !== "sms") continue;
    all.push({
      ...outbound,
      direction: "inbound",
      category: "staff",
      purpose: null,
      dedupeKey: null,
      appointmentId: null,
      toAddress: clinic.smsNumber,
      fromAddress: row.toAddress,
      subject: null,
      body: reply.body,
      segments: null,
      status: "received",
      provider: "twilio",
      intent: intentOf(reply.body),
      attempts: 0,
      sendAt: reply.at,
      createdAt: reply.at,
      updatedAt: reply.at,
    });
  }
  all.sort((a, b) => a.createdAt - b.createdAt || a.direction.localeCompare(b.direction));
  const nextId = idMaker(`${clinic.id}-m`);
  const rows: MessageRow[] = all.map((m) => ({ id: nextId(), ...m }));
  // Twilio's MessageSid for texts that came in, unique as the provider id index requires.
  for (const m of rows) if (m.direction === "inbound") m.providerMessageId = `SMdemo${m.id}`;
  const events: EventDraft[] = rows
    .filter((m) => m.direction === "inbound")
    .map((m) => ({
      type: "message.received",
      patientId: m.patientId,
      occurredAt: m.createdAt,
      payload: { messageId: m.id, intent: m.intent, channel: m.channel },
    }));
  return { rows, events, threads: threadRows(clinic.id, now, rows) };
}

function threadRows(clinicId: string, now: number, rows: readonly MessageRow[]) {
  const last = new Map<string, MessageRow>();
  const wrote = new Set<string>();
  for (const m of rows) {
    last.set(m.patientId, m);
    if (m.direction === "inbound") wrote.add(m.patientId);
  }
  const nextId = idMaker(`${clinicId}-w`);
  return [...wrote].sort().map((patientId) => {
    const m = last.get(patientId) as MessageRow;
    const waiting = m.direction === "inbound" && m.intent !== "confirm" && m.createdAt > now - 3 * DAY;
    return {
      id: nextId(),
      clinicId,
      patientId,
      status: waiting ? ("open" as const) : ("done" as const),
      assigneeId: null,
      unreadCount: waiting ? 1 : 0,
      lastMessageAt: m.createdAt,
    };
  });
}
