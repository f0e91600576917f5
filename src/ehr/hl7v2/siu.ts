/**
 * HL7 v2 scheduling messages (SIU S12 new, S13 reschedule, S14 modify, S15 cancel, S16
 * discontinue, S17 delete, S26 no-show) -> a FHIR R4 batch Bundle of Patient, Practitioners and
 * the Appointment, so that the EHR consumer applies them exactly like any FHIR delivery.
 * Pure: no runtime, framework or database imports.
 */
import { codeableConcept, compact, identifierSystem, identifierType, type Json, text } from "./datatypes";
import { fieldValue, firstSegment, type Hl7Message, type Hl7Segment, repetitions } from "./parse";
import { patientFromPid } from "./patient";
import { type BookedPractitioner, bookedPractitioners } from "./practitioner";
import { scheduleTimes } from "./schedule-times";
import { nameBasedUuid } from "./stable-id";
import { fhirInstant, isKnownTimeZone, type OffsetSource, parseHl7Timestamp } from "./time";

export interface FhirBundleLike {
  resourceType: "Bundle";
  type: "batch";
  entry: { fullUrl: string; resource: Record<string, unknown>; request?: { method: string; url: string } }[];
}

export type SiuResult = { ok: true; bundle: FhirBundleLike; trigger: string; controlId: string } | { ok: false; reason: string };

export interface SiuOptions {
  /** The clinic's IANA time zone, for appointment times the sender wrote without an offset. */
  timeZone?: string;
}

const handledTriggers = new Set(["S12", "S13", "S14", "S15", "S16", "S17", "S26"]);

// Filler status (SCH-25, table 0278) -> Appointment.status, for new, rescheduled and modified appointments.
const fillerStatuses: Record<string, string> = {
  booked: "booked",
  overbook: "booked",
  pending: "pending",
  waitlist: "waitlist",
  started: "arrived",
  complete: "fulfilled",
  noshow: "noshow",
  cancelled: "cancelled",
  canceled: "cancelled",
  dc: "cancelled",
  deleted: "cancelled",
};

/**
 * An S17 deletes an appointment that should never have existed (booked for the wrong patient, a
 * duplicate). It is still "cancelled", so that the visit leaves the schedule, but carries the
 * standard "Error" reason so that nothing patient-facing treats it as the patient cancelling.
 */
const enteredInErrorReason = {
  system: "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason",
  code: "oth-err",
  display: "Error",
};

const fail = (reason: string): SiuResult => ({ ok: false, reason });

export function siuMessageToBundle(message: Hl7Message, options: SiuOptions = {}): SiuResult {
  const msh = message.segments[0] as Hl7Segment;
  const messageType = fieldValue(msh, 9);
  const kind = text(messageType, 1).toUpperCase();
  const trigger = text(messageType, 2).toUpperCase();
  if (!kind) return fail("The message does not say what kind of message it is (MSH-9 is empty).");
  if (kind !== "SIU") return fail(`This is ${describeType(kind, trigger)}; only HL7 scheduling messages (SIU) are taken here.`);
  if (!handledTriggers.has(trigger)) {
    return fail(
      `${safeCode(trigger) ? `SIU^${trigger}` : "This SIU event"} is not handled: Rapport takes new, rescheduled, modified, cancelled, discontinued, deleted and no-show appointments (SIU S12 to S17 and S26).`,
    );
  }
  const controlId = text(fieldValue(msh, 10), 1);
  if (!controlId) return fail("The message has no control id (MSH-10).");
  if (options.timeZone && !isKnownTimeZone(options.timeZone)) return fail("The clinic's time zone is not one this system recognises.");

  const sch = firstSegment(message, "SCH");
  if (!sch) return fail("The scheduling message has no SCH segment, so it describes no appointment.");
  const identifiers = appointmentIdentifiers(sch);
  const key = identifiers.find((i) => i.code === "FILL") ?? identifiers[0];
  if (!key) return fail("The message gives no appointment id (SCH-1 placer or SCH-2 filler appointment id).");
  const pid = firstSegment(message, "PID");
  if (!pid) return fail("The message names no patient (it has no PID segment).");

  const messageTime = parseHl7Timestamp(text(fieldValue(msh, 7), 1));
  const source: OffsetSource = { timeZone: options.timeZone, messageOffsetMinutes: messageTime?.offsetMinutes };
  // The message time orders deliveries: an older message never overwrites what a newer one said.
  const lastUpdated = messageTime ? fhirInstant(messageTime, source)?.text : undefined;

  const patient = patientFromPid(pid, source, lastUpdated);
  if (!patient) return fail("The patient in the message has no identifier (PID-3).");
  const status = appointmentStatus(trigger, text(fieldValue(sch, 25), 1));
  const times = scheduleTimes(message, sch, source);
  if (!times.ok) return times;
  let { start, end } = times;
  if (!start || !end) {
    // FHIR lets only proposed, cancelled and waitlisted appointments go without both times.
    if (status !== "cancelled" && status !== "waitlist") {
      return fail(
        start
          ? "The message gives the appointment's start but no end time or duration (TQ1-8, SCH-9 or AIS-7)."
          : "The message gives no appointment start time (TQ1-7, SCH-11 or AIS-4).",
      );
    }
    start = undefined;
    end = undefined;
  }

  const practitioners = bookedPractitioners(message, lastUpdated);
  const appointmentId = nameBasedUuid(`Appointment|${key.code}|${key.identifier.system ?? ""}|${key.identifier.value}`);
  const appointment = compact({
    resourceType: "Appointment",
    id: appointmentId,
    // Each message is a version of the appointment. Two can share a message time (MSH-7 is often
    // written to the minute), so the control id tells them apart: a different message with the same
    // time still applies, a redelivery of the same one does not. Hashed, because a FHIR versionId
    // allows only [A-Za-z0-9.-] and a numeric control id would otherwise be compared as a number.
    meta: compact({ lastUpdated, versionId: nameBasedUuid(`SIU message|${controlId}`) }),
    identifier: identifiers.map((i) => i.identifier),
    status,
    cancelationReason: status === "cancelled" ? cancelationReason(sch, trigger) : undefined,
    serviceType: serviceTypes(message),
    appointmentType: appointmentType(sch),
    start: start?.text,
    end: end?.text,
    comment: appointmentComment(message),
    participant: [
      { actor: { reference: `urn:uuid:${patient.id}`, type: "Patient" }, status: "accepted" },
      ...practitioners.map((p) => practitionerParticipant(p, status)),
    ],
  });

  const entries = [patient.resource, ...practitioners.map((p) => p.resource), appointment].map((resource) => {
    const type = String(resource.resourceType);
    const id = String(resource.id);
    return { fullUrl: `urn:uuid:${id}`, resource, request: { method: "PUT", url: `${type}/${id}` } };
  });
  return { ok: true, trigger, controlId, bundle: { resourceType: "Bundle", type: "batch", entry: entries } };
}

// Only echo what looks like a message type: the reason is shown to staff and must carry nothing else.
function safeCode(s: string): boolean {
  return /^[A-Z0-9_]{1,8}$/.test(s);
}

function describeType(kind: string, trigger: string): string {
  if (!safeCode(kind)) return "not an HL7 scheduling message";
  return `an ${kind}${safeCode(trigger) ? `^${trigger}` : ""} message`;
}

function appointmentStatus(trigger: string, fillerStatus: string): string {
  if (trigger === "S15" || trigger === "S16" || trigger === "S17") return "cancelled";
  if (trigger === "S26") return "noshow";
  return fillerStatuses[fillerStatus.toLowerCase()] ?? "booked";
}

/** SCH-1 (placer, PLAC) and SCH-2 (filler, FILL), as the HL7 v2-to-FHIR mapping writes them. */
function appointmentIdentifiers(sch: Hl7Segment): { code: "PLAC" | "FILL"; identifier: Json }[] {
  const out: { code: "PLAC" | "FILL"; identifier: Json }[] = [];
  for (const [field, code] of [
    [1, "PLAC"],
    [2, "FILL"],
  ] as const) {
    const ei = fieldValue(sch, field);
    const value = text(ei, 1);
    if (!value) continue;
    // EI-2..4 are the assigning authority's namespace, universal id and its type, read like an HD.
    const system = identifierSystem([[text(ei, 2)], [text(ei, 3)], [text(ei, 4)]]);
    out.push({ code, identifier: compact({ value, system, type: identifierType(code) }) });
  }
  return out;
}

function cancelationReason(sch: Hl7Segment, trigger: string): Json | undefined {
  const given = codeableConcept(fieldValue(sch, 6));
  if (trigger !== "S17") return given;
  const coding = [enteredInErrorReason, ...((given?.coding as Json[] | undefined) ?? [])];
  return compact({ coding, text: (given?.text as string | undefined) ?? "Deleted in the EHR" });
}

// Appointment reason codes (table 0276): what FHIR R4 binds Appointment.appointmentType to.
const appointmentReasons: Record<string, string> = {
  CHECKUP: "A routine check-up, such as an annual physical",
  EMERGENCY: "Emergency appointment",
  FOLLOWUP: "A follow up visit from a previous appointment",
  ROUTINE: "Routine appointment - default if not valued",
  WALKIN: "A previously unscheduled walk-in visit",
};
// SCH-8's own table (0277) says how firm the booking is, not what kind of visit: not a type.
const bookingKinds = new Set(["NORMAL", "TENTATIVE", "COMPLETE"]);

/** SCH-7 (appointment reason), else a visit type in SCH-8. */
function appointmentType(sch: Hl7Segment): Json | undefined {
  const reason = fieldValue(sch, 7);
  const code = text(reason, 1).toUpperCase();
  const system = text(reason, 3).toUpperCase();
  if (appointmentReasons[code] && (system === "" || system === "HL70276")) {
    return { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0276", code, display: appointmentReasons[code] }] };
  }
  const fromReason = codeableConcept(reason);
  if (fromReason) return fromReason;
  const type = fieldValue(sch, 8);
  return bookingKinds.has(text(type, 1).toUpperCase()) ? undefined : codeableConcept(type);
}

/** The services booked (AIS-3 of every resource group), e.g. an initial evaluation. */
function serviceTypes(message: Hl7Message): Json[] {
  const seen = new Set<string>();
  const out: Json[] = [];
  for (const ais of message.segments.filter((s) => s.name === "AIS")) {
    const concept = codeableConcept(fieldValue(ais, 3));
    const key = JSON.stringify(concept);
    if (!concept || seen.has(key)) continue;
    seen.add(key);
    out.push(concept);
  }
  return out;
}

/** Notes (NTE) right after SCH and its timing (TQ1) are about the appointment itself. */
function appointmentComment(message: Hl7Message): string | undefined {
  const at = message.segments.findIndex((s) => s.name === "SCH");
  const notes: string[] = [];
  for (const segment of message.segments.slice(at + 1)) {
    if (segment.name === "TQ1" || segment.name === "TQ2") continue;
    if (segment.name !== "NTE") break;
    const d = segment.delimiters;
    // NTE-3 is free text: a separator inside it was meant as text, so put it back.
    for (const rep of repetitions(segment, 3))
      notes.push(
        rep
          .map((c) => c.join(d.subcomponent))
          .join(d.component)
          .trim(),
      );
  }
  const comment = notes.filter(Boolean).join("\n");
  return comment || undefined;
}

// Filler status of one booked person (AIP-12) -> Appointment.participant.status.
const participantStatuses: Record<string, string> = {
  booked: "accepted",
  overbook: "accepted",
  started: "accepted",
  complete: "accepted",
  noshow: "accepted",
  pending: "tentative",
  waitlist: "tentative",
  cancelled: "declined",
  canceled: "declined",
  dc: "declined",
  deleted: "declined",
  blocked: "declined",
};

function practitionerParticipant(p: BookedPractitioner, appointmentStatus: string): Json {
  const fromAppointment =
    appointmentStatus === "cancelled"
      ? "declined"
      : appointmentStatus === "pending" || appointmentStatus === "waitlist"
        ? "tentative"
        : "accepted";
  return compact({
    type: p.type ? [p.type] : undefined,
    actor: { reference: `urn:uuid:${p.id}`, type: "Practitioner" },
    status: participantStatuses[p.fillerStatus.toLowerCase()] ?? fromAppointment,
  });
}
