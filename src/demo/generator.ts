import type { BusinessHours } from "../clinics/model";
import type { StaffRole } from "../clinics/tables";
import { DAY } from "../platform/clock";
import { localParts, minutesOf } from "../platform/time";
import type { AvailabilityWindow } from "../scheduling/model";
import { appointmentRows } from "./appointments";
import { buildAuthorizations } from "./authorizations";
import { type CareQuotas, HISTORY_DAYS, planEpisodes } from "./care";
import { conversations } from "./conversations";
import { instantMaker, TherapistDiary } from "./diary";
import { dischargeOf, episodeRow } from "./episodes";
import { historyRows } from "./history";
import { buildPatients, buildStaff } from "./people";
import { portalRows } from "./portal";
import { type Random, seededRandom } from "./random";
import { buildReferralSources } from "./referrals";
import { buildTasks } from "./tasks";
import { type DemoClinic, idMaker } from "./types";
import { simulateVisits } from "./visits";

export type { DemoClinic, DemoPatient } from "./types";

export const DEMO_SEED = 20261127;

export const demoLogins = [
  { email: "owner@demo-clinic.test", clinic: "Demo Physical Therapy", role: "owner" },
  { email: "frontdesk@demo-clinic.test", clinic: "Demo Physical Therapy", role: "front_desk" },
  { email: "therapist@demo-clinic.test", clinic: "Demo Physical Therapy", role: "therapist" },
  { email: "owner@second-clinic.test", clinic: "Second Street Rehab", role: "owner" },
] as const;

interface ClinicSpec {
  id: string;
  name: string;
  phone: string;
  smsNumber: string;
  mrnPrefix: string;
  phoneOffset: number;
  businessHours: BusinessHours;
  staff: (readonly [string, string, StaffRole])[];
  /** Weekly hours per therapist email: [ISO weekdays, from, to] in the clinic's time zone. */
  hours: Record<string, (readonly [number[], string, string])[]>;
  patients: number;
  quotas: CareQuotas;
  referrals: { physicians: number; practices: number; phoneBase: number };
  authorizations: { runningLow: number; endingSoon: number };
  /** The clinic's review page (settings reviewUrl): promoters of the discharge survey are sent it. */
  reviewUrl?: string;
  /** The clinic's charge per visit (settings visitRate): the analytics page's revenue per episode. */
  visitRate?: number;
}

const weekdays = [1, 2, 3, 4, 5];

const clinics: ClinicSpec[] = [
  {
    id: "clinic-demo-pt",
    name: "Demo Physical Therapy",
    phone: "+14135550100",
    smsNumber: "+18455550100",
    mrnPrefix: "DPT",
    phoneOffset: 0,
    businessHours: {
      mon: [["07:00", "19:00"]],
      tue: [["07:00", "19:00"]],
      wed: [["07:00", "19:00"]],
      thu: [["07:00", "19:00"]],
      fri: [["07:00", "19:00"]],
      sat: [["08:00", "12:00"]],
    },
    staff: [
      ["owner@demo-clinic.test", "Olivia Owner", "owner"],
      ["frontdesk@demo-clinic.test", "Frank Desk", "front_desk"],
      ["therapist@demo-clinic.test", "Theresa Therapist", "therapist"],
      ["therapist2@demo-clinic.test", "Tomás Terapeuta", "therapist"],
      ["billing@demo-clinic.test", "Bella Billing", "billing"],
      ["therapist3@demo-clinic.test", "Morgan Mobility", "therapist"],
    ],
    hours: {
      "therapist@demo-clinic.test": [
        [weekdays, "07:30", "12:00"],
        [weekdays, "13:00", "18:00"],
      ],
      "therapist2@demo-clinic.test": [[weekdays, "09:00", "17:00"]],
      "therapist3@demo-clinic.test": [
        [weekdays, "09:00", "17:00"],
        [[6], "08:00", "12:00"],
      ],
    },
    patients: 480,
    quotas: { withoutEpisode: 40, twoEpisodes: 90, active: 96, fresh: 10, lapsing: 8 },
    referrals: { physicians: 7, practices: 3, phoneBase: 20 },
    authorizations: { runningLow: 4, endingSoon: 3 },
    reviewUrl: "https://g.page/r/demo-clinic-review",
    visitRate: 115,
  },
  {
    id: "clinic-second-st",
    name: "Second Street Rehab",
    phone: "+14135550101",
    smsNumber: "+18455550101",
    mrnPrefix: "SSR",
    phoneOffset: 500,
    businessHours: {
      mon: [["07:00", "19:00"]],
      tue: [["07:00", "19:00"]],
      wed: [["07:00", "19:00"]],
      thu: [["07:00", "19:00"]],
      fri: [["07:00", "17:00"]],
    },
    staff: [
      ["owner@second-clinic.test", "Sam Second", "owner"],
      ["therapist@second-clinic.test", "Riley Rehab", "therapist"],
    ],
    hours: {
      "therapist@second-clinic.test": [
        [[1, 2, 3, 4], "08:00", "16:00"],
        [[5], "08:00", "12:00"],
      ],
    },
    patients: 25,
    quotas: { withoutEpisode: 15, twoEpisodes: 1, active: 5, fresh: 1, lapsing: 1 },
    referrals: { physicians: 2, practices: 1, phoneBase: 40 },
    authorizations: { runningLow: 1, endingSoon: 1 },
  },
];

/** Ids of the demo clinics, oldest first. */
export const demoClinicIds: readonly string[] = clinics.map((c) => c.id);

/**
 * The demo clinics: "Demo Physical Therapy" (480 patients, three therapists, fifteen months of care
 * and a full day today) and "Second Street Rehab" (a handful), so that tenant isolation can be
 * seen on every page. Pure: same (now, seed) -> same data.
 */
export function generateDemo(now: number, seed = DEMO_SEED, origin = DEFAULT_ORIGIN): DemoClinic[] {
  const people = seededRandom(seed);
  const npis = new Set<string>();
  // The portal and the messages have streams of their own: adding to one leaves the rest of the clinic as it was.
  return clinics.map((spec, i) =>
    buildClinic(
      {
        people,
        care: seededRandom((seed ^ 0x5bd1e995) + i),
        portal: seededRandom((seed ^ 0x27d4eb2f) + i),
        messages: seededRandom((seed ^ 0x165667b1) + i),
      },
      { now, origin },
      spec,
      npis,
    ),
  );
}

/** Links in the demo's messages when the caller names no origin: the app's own fallback (src/messaging/service.ts). */
export const DEFAULT_ORIGIN = "http://localhost:8787";

function buildClinic(
  streams: { people: Random; care: Random; portal: Random; messages: Random },
  { now, origin }: { now: number; origin: string },
  spec: ClinicSpec,
  npis: Set<string>,
): DemoClinic {
  const { people, care } = streams;
  const timeZone = "America/New_York";
  // The clinic opened a little before the oldest history (care.ts HISTORY_DAYS).
  const createdAt = now - (HISTORY_DAYS + 30) * DAY;
  const today = localParts(now, timeZone).date;
  const instant = instantMaker(timeZone);
  const staff = buildStaff(spec.id, spec.staff, createdAt);
  const nextAvailability = idMaker(`${spec.id}-a`);
  const therapists = Object.entries(spec.hours).map(([email, blocks]) => {
    const id = staff.find((s) => s.email === email)?.id ?? "";
    const hours: AvailabilityWindow[] = blocks.flatMap(([days, startTime, endTime]) =>
      days.map((weekday) => ({ weekday, startTime, endTime })),
    );
    hours.sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
    return { id, hours, weight: hours.reduce((sum, h) => sum + minutesOf(h.endTime) - minutesOf(h.startTime), 0) };
  });
  const sources = buildReferralSources(care, { clinicId: spec.id, ...spec.referrals, createdAt }, npis);
  const plans = planEpisodes(care, {
    clinicId: spec.id,
    patients: spec.patients,
    quotas: spec.quotas,
    therapists,
    referralWeights: sources.weights,
    today,
    now,
    instant,
  });
  const firstSeen = new Map<number, number>();
  for (const p of plans) firstSeen.set(p.patientIndex, Math.min(firstSeen.get(p.patientIndex) ?? p.createdAt, p.createdAt));
  const peopleSpec = {
    clinicId: spec.id,
    staff: spec.staff,
    patients: spec.patients,
    mrnPrefix: spec.mrnPrefix,
    phoneOffset: spec.phoneOffset,
  };
  const { patients, identifiers, consents } = buildPatients(people, now, peopleSpec, staff, (i) => firstSeen.get(i) ?? null);

  const diaries = therapists.map((t) => new TherapistDiary(t.id, t.hours));
  const states = simulateVisits(care, { now, today, timeZone, plans, diaries, instant });
  const patientIdOf = (s: (typeof states)[number]) => patients[s.plan.patientIndex]?.id ?? "";
  const sourceOf = (s: (typeof states)[number]) => sources.rows[s.plan.referralSourceIndex];
  const discharges = states.map((s, i) => {
    const next = states[i + 1];
    return dischargeOf(care, s, now, next && next.plan.patientIndex === s.plan.patientIndex ? next.plan.createdAt : null);
  });
  const episodes = states.map((s, i) => episodeRow(s, spec.id, patientIdOf(s), sourceOf(s), discharges[i] ?? null));
  const therapistIds = therapists.map((t) => t.id);
  const visits = appointmentRows(care, { clinicId: spec.id, now, states, discharges, patientIdOf, therapistIds });
  const authorizations = buildAuthorizations(care, { clinicId: spec.id, now, today, states, patientIdOf, ...spec.authorizations });
  const tasks = buildTasks(care, {
    clinicId: spec.id,
    now,
    today,
    instant,
    states,
    authorizations,
    patientIdOf,
    therapistIds,
    frontDeskId: staff.find((s) => s.role === "front_desk")?.id ?? null,
    referringPhysicianOf: (s) => {
      const source = sourceOf(s);
      return source?.kind === "physician" ? source.name : source?.kind === "practice" ? source.name : null;
    },
  });
  const portal = portalRows(streams.portal, {
    clinicId: spec.id,
    now,
    today,
    timeZone,
    states,
    discharges,
    therapistIds,
    patientOf: (s) => patients[s.plan.patientIndex],
  });
  const talk = conversations(streams.messages, {
    clinic: { id: spec.id, name: spec.name, phone: spec.phone, smsNumber: spec.smsNumber, timeZone },
    now,
    origin,
    states,
    discharges,
    visits,
    patientOf: (s) => patients[s.plan.patientIndex],
    consents,
    staff,
    reviewUrl: spec.reviewUrl,
  });
  const history = historyRows({
    clinicId: spec.id,
    episodes,
    authorizations: authorizations.rows,
    visits,
    more: [...portal.events, ...talk.events],
  });
  return {
    clinic: {
      id: spec.id,
      name: spec.name,
      timeZone,
      phone: spec.phone,
      smsNumber: spec.smsNumber,
      businessHours: JSON.stringify(spec.businessHours),
      settings: JSON.stringify({ reviewUrl: spec.reviewUrl, visitRate: spec.visitRate }),
      createdAt,
    },
    staff,
    patients,
    identifiers,
    consents,
    availability: therapists.flatMap((t) => t.hours.map((h) => ({ id: nextAvailability(), clinicId: spec.id, therapistId: t.id, ...h }))),
    referralSources: sources.rows,
    episodes,
    authorizations: authorizations.rows,
    appointments: visits.map((v) => v.row),
    appointmentChanges: history.changes,
    tasks: [...tasks, ...portal.tasks, ...talk.tasks],
    domainEvents: history.domainEvents,
    hepProgramItems: portal.items,
    hepLogs: portal.logs,
    questionnaireResponses: portal.responses,
    messages: talk.messages,
    messageThreads: talk.threads,
    surveyAnswers: talk.answers,
  };
}
