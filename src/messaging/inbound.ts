import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { localDateIn } from "../clinics/model";
import { clinics } from "../clinics/tables";
import { commitWithEvents, type DomainEvent } from "../events/publish";
import { consents, patients } from "../patients/tables";
import type { Actor } from "../platform/audit";
import type { BatchItem } from "../platform/db";
import type { Deps } from "../platform/env";
import { newId } from "../platform/ids";
import { changeStatus } from "../scheduling/service";
import { appointments } from "../scheduling/tables";
import { recordAnswer } from "../surveys/service";
import { smsSurveyAnswer } from "../surveys/sms";
import { insertRuleTask } from "../worklist/repo";
import { recordConsentChange } from "./consent-change";
import { classifyReply, type Intent, isConsentRestore } from "./intent";
import { threadReceived } from "./repo";
import { requestMessage } from "./service";
import { inboundReceipts, messages } from "./tables";

export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
}

export type InboundOutcome =
  | { status: "unknown_number" | "unknown_patient" | "duplicate" }
  | { status: "handled"; messageId: string; intent: Intent; action: string };

/**
 * One text from a patient: matched by phone within the clinic that owns the number, stored once
 * per MessageSid, acted on (opt-out, confirm, cancel, reschedule link, help, pain task, the discharge
 * survey's score) and handed to the patient's journey. Replies go through the same message pipeline
 * as everything else.
 */
export async function handleInboundSms(deps: Deps, sms: InboundSms): Promise<InboundOutcome> {
  const clinic = await deps.db.select().from(clinics).where(eq(clinics.smsNumber, sms.to)).get();
  if (!clinic) return { status: "unknown_number" };
  // Several patients can share a phone (a parent and a child): the most recently updated one answers.
  const patient = await deps.db
    .select()
    .from(patients)
    .where(and(eq(patients.clinicId, clinic.id), eq(patients.phone, sms.from)))
    .orderBy(sql`${patients.updatedAt} DESC`)
    .get();
  if (!patient) return { status: "unknown_patient" };
  const now = deps.clock.now();
  const receipt = await deps.db
    .insert(inboundReceipts)
    .values({ key: `twilio:${sms.messageSid}`, receivedAt: now })
    .onConflictDoNothing()
    .returning({ key: inboundReceipts.key })
    .get();
  if (!receipt) return { status: "duplicate" };

  const intent = classifyReply(sms.body);
  const actor: Actor = {
    clinicId: clinic.id,
    actorType: "patient",
    actorId: patient.id,
    route: "POST /webhooks/sms/twilio",
    clientIp: null,
    userAgent: null,
    requestId: null,
  };
  const messageId = newId(now);
  const statements: BatchItem[] = [
    deps.db.insert(messages).values({
      id: messageId,
      clinicId: clinic.id,
      patientId: patient.id,
      direction: "inbound",
      channel: "sms",
      category: "staff",
      toAddress: sms.to,
      fromAddress: sms.from,
      body: sms.body,
      status: "received",
      sendAt: now,
      provider: "twilio",
      providerMessageId: sms.messageSid,
      intent,
      createdAt: now,
      updatedAt: now,
    }),
  ];
  const events: DomainEvent[] = [{ type: "message.received", patientId: patient.id, payload: { messageId, intent, channel: "sms" } }];

  // A bare score ("9", "nueve") while a discharge survey waits is its answer, stored with the text in one
  // batch; it does not open an inbox thread (a detractor's answer opens a task for the manager instead).
  const survey = await smsSurveyAnswer(deps, clinic.id, patient.id, sms.body);
  if (survey) {
    const answer = { patientId: patient.id, episodeId: survey.episodeId, score: survey.score, comment: null, channel: "sms" as const };
    const answered = await recordAnswer(deps, actor, answer, { statements, events });
    if (answered.ok) return { status: "handled", messageId, intent, action: "survey_answered" };
  }
  statements.push(threadReceived(deps.db, clinic.id, patient.id, now));

  const smsConsent = await deps.db
    .select({ status: consents.status })
    .from(consents)
    .where(and(eq(consents.clinicId, clinic.id), eq(consents.patientId, patient.id), eq(consents.channel, "sms")))
    .orderBy(sql`${consents.recordedAt} DESC`, sql`${consents.id} DESC`)
    .get();
  // STOP and START change consent exactly as the portal's preferences page does.
  const consentChange = (status: "granted" | "revoked") => {
    const change = recordConsentChange(deps.db, {
      clinicId: clinic.id,
      patientId: patient.id,
      channel: "sms",
      status,
      source: "sms_keyword",
      now,
    });
    statements.push(...change.statements);
    events.push(change.event);
  };

  let action = "thread";
  let reply: "stop_confirmation" | "start_confirmation" | "help" | "reschedule_link" | null = null;
  if (intent === "opt_out") {
    consentChange("revoked");
    action = smsConsent?.status === "revoked" ? "already_opted_out" : "opted_out";
    if (action === "opted_out") reply = "stop_confirmation";
  } else if (isConsentRestore(sms.body) && smsConsent?.status !== "granted") {
    consentChange("granted");
    action = "opted_in";
    reply = "start_confirmation";
  } else if (intent === "help") {
    action = "help";
    reply = "help";
  } else if (intent === "reschedule") {
    action = "reschedule_link";
    reply = "reschedule_link";
  } else if (intent === "pain") {
    action = "pain_task";
    statements.push(
      insertRuleTask(deps.db, {
        id: newId(now),
        clinicId: clinic.id,
        patientId: patient.id,
        type: "message_follow_up",
        title: "Patient texted about pain or a flare: call back",
        dueDate: localDateIn(now, clinic.timeZone),
        status: "open",
        ruleKey: `pain:${messageId}`,
        createdBy: "inbound",
        createdAt: now,
      }),
    );
  }
  await commitWithEvents(deps, actor, statements, events);

  if (intent === "confirm" || intent === "cancel") {
    const next = await deps.db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.clinicId, clinic.id),
          eq(appointments.patientId, patient.id),
          gt(appointments.startsAt, now),
          inArray(appointments.status, intent === "confirm" ? ["booked"] : ["booked", "confirmed"]),
        ),
      )
      .orderBy(asc(appointments.startsAt))
      .get();
    if (next) {
      const changed = await changeStatus(
        deps,
        actor,
        next.id,
        intent === "confirm" ? "confirmed" : "cancelled",
        intent === "cancel" ? "Patient replied to cancel" : null,
      );
      action = changed.ok ? (intent === "confirm" ? "visit_confirmed" : "visit_cancelled") : "visit_unchanged";
    } else {
      action = "no_upcoming_visit";
    }
  }
  if (reply) {
    await requestMessage(deps, {
      clinicId: clinic.id,
      patientId: patient.id,
      purpose: reply,
      category: "transactional",
      channel: "sms",
      dedupeKey: `reply:${messageId}`,
    });
  }
  return { status: "handled", messageId, intent, action };
}
