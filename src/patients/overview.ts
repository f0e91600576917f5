import { localDateIn } from "../clinics/model";
import { listStaff } from "../clinics/repo";
import { dischargeReasonLabels } from "../episodes/schemas";
import { patientCare } from "../episodes/service";
import type { BodyRegion, DischargeReason } from "../episodes/tables";
import { listPatientEvents } from "../events/publish";
import { exerciseById } from "../hep/library";
import { loadHep } from "../hep/service";
import { patientMessages } from "../messaging/repo";
import { instruments, isInstrumentId } from "../outcomes/questionnaires";
import { patientResponses } from "../outcomes/repo";
import type { Deps } from "../platform/env";
import { referralSourceNames } from "../referrals/patients";
import type { AppointmentStatus, AppointmentType } from "../scheduling/tables";
import { patientAnswers } from "../surveys/repo";
import { listTasks } from "../worklist/service";
import type { TaskType } from "../worklist/tables";

/** The timeline shows the newest events up to this many; older ones stay in the audit log. */
export const TIMELINE_LIMIT = 100;

/**
 * Everything the patient page shows beyond the profile: episodes with progress and
 * authorizations, visits, open tasks, the timeline and the names they refer to. A fixed
 * number of statements whatever the patient's history (two of them the home exercise program, one the
 * check-ins and questionnaires, one the discharge survey's answers): nothing per row.
 */
export async function loadPatientOverview(deps: Deps, clinicId: string, patientId: string, timeZone: string) {
  const now = deps.clock.now();
  const today = localDateIn(now, timeZone);
  const [care, tasks, events, staff, messages, hep, responses, surveyAnswers] = await Promise.all([
    careWithSources(deps, clinicId, patientId, today, timeZone),
    listTasks(deps, clinicId, { patientId, status: "open" }),
    listPatientEvents(deps.db, clinicId, patientId, TIMELINE_LIMIT),
    listStaff(deps.db, clinicId),
    patientMessages(deps.db, clinicId, patientId, TIMELINE_LIMIT),
    loadHep(deps, clinicId, patientId, today),
    patientResponses(deps.db, clinicId, patientId),
    patientAnswers(deps.db, clinicId, patientId),
  ]);
  const staffNames = new Map(staff.map((s) => [s.id, s.name]));
  return { now, today, timeZone, ...care, tasks, events, messages, staffNames, hep, responses, surveyAnswers };
}
export type PatientOverview = Awaited<ReturnType<typeof loadPatientOverview>>;

/** One episode's card (after an htmx action): the episode only if it belongs to this patient. */
export async function loadEpisodeCare(deps: Deps, clinicId: string, patientId: string, episodeId: string, timeZone: string) {
  const now = deps.clock.now();
  const today = localDateIn(now, timeZone);
  const care = await careWithSources(deps, clinicId, patientId, today, timeZone);
  const entry = care.episodes.find((e) => e.episode.id === episodeId);
  return entry && { entry, today, sourceNames: care.sourceNames };
}

async function careWithSources(deps: Deps, clinicId: string, patientId: string, today: string, timeZone: string) {
  const care = await patientCare(deps, clinicId, patientId, today, timeZone);
  const ids = [...new Set(care.episodes.map((e) => e.episode.referralSourceId).filter((id): id is string => id !== null))];
  const sources = await referralSourceNames(deps.db, clinicId, ids);
  return { ...care, sourceNames: new Map(sources.map((s) => [s.id, s.name])) };
}

// ---- Wording: what the page says about dates and events --------------------------------------

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function parts(at: number, timeZone: string) {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { weekday: p.weekday, day: p.day, month: p.month, year: p.year, time: `${p.hour === "24" ? "00" : p.hour}:${p.minute}` };
}

/** "Tue 1 Dec 10:00" in the clinic's time zone. */
export function visitTime(at: number, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.time}`;
}

/** "Tue 1 Dec 2026 10:00" in the clinic's time zone. */
export function fullTime(at: number, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.weekday} ${p.day} ${p.month} ${p.year} ${p.time}`;
}

const regionWords: Record<BodyRegion, string> = {
  neck: "neck",
  shoulder: "shoulder",
  elbow: "elbow",
  wrist_hand: "wrist and hand",
  thoracic: "mid back",
  low_back: "low back",
  hip: "hip",
  knee: "knee",
  ankle_foot: "ankle and foot",
  other: "other",
};

export const taskWords: Record<TaskType, string> = {
  call_to_schedule: "call to schedule",
  at_risk_outreach: "at-risk outreach",
  authorization_expiring: "authorization expiring",
  progress_note_due: "progress note due",
  service_recovery: "service recovery",
  message_follow_up: "message follow-up",
  portal_locked: "portal locked",
  pain_increase: "pain increase",
  other: "other",
};

export const appointmentTypeWords: Record<AppointmentType, string> = {
  evaluation: "evaluation",
  follow_up: "follow-up",
  re_evaluation: "re-evaluation",
  discharge: "discharge visit",
};

export const appointmentStatusWords: Record<AppointmentStatus, string> = {
  booked: "booked",
  confirmed: "confirmed",
  arrived: "checked in",
  attended: "attended",
  cancelled: "cancelled",
  no_show: "no-show",
};

export interface TimelineEntry {
  /** Epoch ms, for merging events and messages in time order. */
  at: number;
  when: string;
  who: string;
  text: string;
}

const purposeWords: Record<string, string> = {
  referral_first_contact: "referral welcome",
  referral_follow_up: "referral follow-up",
  visit_reminder: "visit reminder",
  missed_visit_outreach: "missed-visit outreach",
  at_risk_outreach: "at-risk check-in",
  reactivation: "reactivation",
  discharge_survey: "satisfaction survey",
  alumni_check_in: "alumni check-in",
  hep_nudge: "home exercise nudge",
  pain_check_in: "check-in request",
  questionnaire_request: "questionnaire request",
  reschedule_link: "reschedule link",
  stop_confirmation: "opt-out confirmation",
  start_confirmation: "opt-in confirmation",
  help: "help answer",
  staff_reply: "staff reply",
  review_request: "review request",
};

/** An outbound message as a timeline line, with its delivery status and, if it did not go, why. */
export function messageEntry(
  m: {
    direction: string;
    channel: string;
    purpose: string | null;
    status: string;
    suppressedReason: string | null;
    lastError: string | null;
    sentBy: string | null;
    createdAt: number;
  },
  staffNames: Map<string, string>,
  timeZone: string,
): TimelineEntry | null {
  if (m.direction !== "outbound") return null; // inbound texts are already "message received" events
  const what = `${m.channel === "sms" ? "Text" : "Email"}: ${purposeWords[m.purpose ?? ""] ?? "message"}`;
  const why =
    m.status === "suppressed" || m.status === "cancelled"
      ? ` (${m.suppressedReason ?? "no reason"})`
      : m.status === "failed"
        ? ` (${m.lastError ?? "failed"})`
        : "";
  const who = m.sentBy ? (staffNames.get(m.sentBy) ?? "A former staff member") : "Rapport (automatic)";
  return { at: m.createdAt, when: fullTime(m.createdAt, timeZone), who, text: `${what} — ${m.status}${why}` };
}

type Payload = Record<string, unknown>;

/** One plain-words line per domain event ("Visit booked for Tue 1 Dec 10:00"), with who and when. */
export function timelineEntry(
  e: { type: string; payload: string; actorType: string; actorId: string | null; occurredAt: number },
  staffNames: Map<string, string>,
  timeZone: string,
): TimelineEntry {
  let p: Payload = {};
  try {
    p = JSON.parse(e.payload) as Payload;
  } catch {
    p = {};
  }
  const who =
    e.actorType === "staff"
      ? ((e.actorId && staffNames.get(e.actorId)) ?? "A former staff member")
      : e.actorType === "patient"
        ? "The patient"
        : e.actorType === "integration"
          ? "An integration"
          : "Rapport (automatic)";
  return { at: e.occurredAt, when: fullTime(e.occurredAt, timeZone), who, text: describe(e.type, p, timeZone) };
}

function describe(type: string, p: Payload, timeZone: string): string {
  const at = (key: string) => (typeof p[key] === "number" ? visitTime(p[key] as number, timeZone) : "an unknown time");
  switch (type) {
    case "patient.created":
      return "Patient record created";
    case "patient.updated":
      return "Profile updated";
    case "preferences.changed":
      return p.field === "preferredLanguage"
        ? `Language set to ${p.value === "es" ? "Spanish" : "English"} in the portal`
        : `Preferred channel set to ${p.value === "email" ? "email" : "text messages"} in the portal`;
    case "consent.changed":
      return `Consent to ${p.channel === "sms" ? "SMS" : "email"} ${p.status === "granted" ? "granted" : "revoked"}`;
    case "episode.started":
      return `Episode started: ${regionWords[p.bodyRegion as BodyRegion] ?? "unknown region"}`;
    case "episode.updated":
      return `Plan of care updated: ${p.visitsPrescribed} visits, ${p.frequencyPerWeek} a week`;
    case "episode.discharged":
      return `Discharged: ${(dischargeReasonLabels[p.reason as DischargeReason] ?? "other").toLowerCase()} (${p.visitsAttended} of ${p.visitsPrescribed} visits)`;
    case "authorization.added":
      return `Authorization added: ${p.visitsAuthorized} visits`;
    case "appointment.booked":
      return `Visit booked for ${at("startsAt")}`;
    case "appointment.rescheduled":
      return `Visit moved from ${at("previousStartsAt")} to ${at("startsAt")}`;
    case "appointment.confirmed":
      return `Visit confirmed (${at("startsAt")})`;
    case "appointment.arrived":
      return `Checked in (${at("startsAt")})`;
    case "appointment.attended":
      return `Visit attended (${at("startsAt")})`;
    case "appointment.cancelled":
      return `Visit cancelled (${at("startsAt")})`;
    case "appointment.no_show":
      return `No-show (${at("startsAt")})`;
    case "task.created":
      return `Task created: ${taskWords[p.taskType as TaskType] ?? "other"}`;
    case "task.completed":
      return `Task ${p.status === "cancelled" ? "cancelled" : "done"}: ${taskWords[p.taskType as TaskType] ?? "other"}`;
    case "message.received":
      return `${p.channel === "email" ? "Email" : p.channel === "portal" ? "Portal message" : "Text message"} received${typeof p.intent === "string" && p.intent !== "other" ? ` (${p.intent.replace(/_/g, " ")})` : ""}`;
    case "hep.program_changed":
      return `Home exercise ${p.change === "added" ? "added" : p.change === "removed" ? "removed" : "dose changed"}: ${exerciseName(p.exerciseId)}`;
    case "checkin.recorded":
      return `Pain check-in: ${typeof p.score === "number" ? `${p.score}/10` : "score unknown"}${typeof p.baseline === "number" ? ` (baseline ${p.baseline}/10)` : ""}`;
    case "questionnaire.completed":
      return `Questionnaire completed: ${instrumentName(p.instrumentId)}${typeof p.score === "number" ? `, score ${p.score}` : ""}`;
    case "survey.answered":
      return `Satisfaction survey ${p.changed === true ? "answer changed" : "answered"}: ${typeof p.score === "number" ? `${p.score} of 10` : "score unknown"}${typeof p.category === "string" ? ` (${p.category})` : ""}`;
    case "hep.logged":
      return p.exerciseId === "session" ? "Home exercise session done" : `Home exercise done: ${exerciseName(p.exerciseId)}`;
    default:
      return type;
  }
}

const exerciseName = (id: unknown) => (typeof id === "string" && exerciseById(id)?.name) || "an exercise";

const instrumentName = (id: unknown) => (isInstrumentId(id) ? instruments[id].questionnaire.name : "unknown");
