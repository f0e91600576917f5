import type { StaffRole } from "../clinics/tables";
import type { authorizations, episodes } from "../episodes/tables";
import type { domainEvents } from "../events/tables";
import type { hepLogs, hepProgramItems } from "../hep/tables";
import type { messages, messageThreads } from "../messaging/tables";
import type { questionnaireResponses } from "../outcomes/tables";
import type { referralSources } from "../referrals/tables";
import type { appointmentChanges, appointments, availability } from "../scheduling/tables";
import type { surveyAnswers } from "../surveys/tables";
import type { tasks } from "../worklist/tables";

/** Rows exactly as inserted: every column spelled out, so the seed is the same wherever it runs. */
export type AvailabilityRow = typeof availability.$inferSelect;
export type ReferralSourceRow = typeof referralSources.$inferSelect;
export type EpisodeRow = typeof episodes.$inferSelect;
export type AuthorizationRow = typeof authorizations.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;
export type AppointmentChangeRow = typeof appointmentChanges.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type DomainEventRow = typeof domainEvents.$inferSelect;
export type HepProgramItemRow = typeof hepProgramItems.$inferSelect;
export type HepLogRow = typeof hepLogs.$inferSelect;
export type QuestionnaireResponseRow = typeof questionnaireResponses.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type MessageThreadRow = typeof messageThreads.$inferSelect;
export type SurveyAnswerRow = typeof surveyAnswers.$inferSelect;

export interface DemoStaff {
  id: string;
  clinicId: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: number;
}

export interface DemoPatient {
  id: string;
  clinicId: string;
  givenName: string;
  familyName: string;
  searchName: string;
  dateOfBirth: string;
  sex: "female" | "male" | "other" | "unknown";
  phone: string | null;
  email: string | null;
  preferredLanguage: "en" | "es";
  timeZone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface DemoIdentifier {
  id: string;
  clinicId: string;
  patientId: string;
  system: string;
  value: string;
  createdAt: number;
}

export interface DemoConsent {
  id: string;
  clinicId: string;
  patientId: string;
  channel: "sms" | "email";
  status: "granted" | "revoked";
  source: "staff" | "patient" | "import";
  recordedAt: number;
  recordedBy: string | null;
}

export interface DemoClinic {
  clinic: {
    id: string;
    name: string;
    timeZone: string;
    phone: string;
    /** Texts to this number belong to the clinic (the local "reply as this patient" loop uses it). */
    smsNumber: string;
    businessHours: string;
    settings: string;
    createdAt: number;
  };
  staff: DemoStaff[];
  patients: DemoPatient[];
  identifiers: DemoIdentifier[];
  consents: DemoConsent[];
  availability: AvailabilityRow[];
  referralSources: ReferralSourceRow[];
  episodes: EpisodeRow[];
  authorizations: AuthorizationRow[];
  appointments: AppointmentRow[];
  appointmentChanges: AppointmentChangeRow[];
  tasks: TaskRow[];
  domainEvents: DomainEventRow[];
  /** The patient portal: home exercise programs, what patients logged, pain check-ins and questionnaires. */
  hepProgramItems: HepProgramItemRow[];
  hepLogs: HepLogRow[];
  questionnaireResponses: QuestionnaireResponseRow[];
  /** Texts and emails over the history (reminders, missed-visit texts, surveys) and the patients' answers, and inbox threads. */
  messages: MessageRow[];
  messageThreads: MessageThreadRow[];
  /** The discharge survey's answers (NPS), with review requests and service-recovery tasks. */
  surveyAnswers: SurveyAnswerRow[];
}

/** Deterministic ids: the same seed gives the same demo on every machine. */
export function idMaker(prefix: string) {
  let n = 0;
  return () => `${prefix}${(n++).toString(36).padStart(6, "0")}`;
}
