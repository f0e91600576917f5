import { runInDurableObject } from "cloudflare:test";
import { expect } from "vitest";
import { episodes } from "../../../src/episodes/tables";
import type { PatientJourney } from "../../../src/journey/journey-object";
import { DAY, fixedClock, HOUR } from "../../../src/platform/clock";
import type { RiskEnvelope } from "../../../src/platform/env";
import { newId } from "../../../src/platform/ids";
import {
  appointmentChanges,
  appointments,
  authorizations,
  hepLogs,
  hepProgramItems,
  messages,
  questionnaireResponses,
} from "../../../src/platform/schema";
import type { RiskFeatures } from "../../../src/risk/features";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { env } from "../../helpers/http";

/** The scoring time of the hand-built patient: 10:00 in the clinic's New York time zone. */
export const AS_OF = Date.parse("2026-11-30T15:00:00Z");
/** 10:00 New York on a November day. */
export const at = (date: string, hours = 15) => Date.parse(`${date}T${String(hours).padStart(2, "0")}:00:00Z`);
const BEFORE = AS_OF - 29 * DAY;

export async function insertEpisode(
  clinicId: string,
  patientId: string,
  over: Partial<typeof episodes.$inferInsert> = {},
): Promise<string> {
  const id = newId();
  await db()
    .insert(episodes)
    .values({
      id,
      clinicId,
      patientId,
      bodyRegion: "knee",
      diagnosis: "Knee pain",
      startDate: "2026-11-01",
      visitsPrescribed: 12,
      frequencyPerWeek: 2,
      durationWeeks: 6,
      createdAt: BEFORE,
      updatedAt: BEFORE,
      ...over,
    });
  return id;
}

export async function insertVisit(
  clinicId: string,
  patientId: string,
  therapistId: string,
  episodeId: string,
  startsAt: number,
  status: (typeof appointments.$inferInsert)["status"],
  createdAt = BEFORE,
): Promise<string> {
  const id = newId();
  await db()
    .insert(appointments)
    .values({
      id,
      clinicId,
      patientId,
      therapistId,
      episodeId,
      startsAt,
      endsAt: startsAt + 45 * 60_000,
      durationMinutes: 45,
      type: "follow_up",
      status,
      createdAt,
      updatedAt: createdAt,
    });
  return id;
}

/** A later status change, as the scheduling service records it: the row and its history. */
export async function changeLater(clinicId: string, appointmentId: string, from: string, to: string, startsAt: number, when: number) {
  await db()
    .insert(appointmentChanges)
    .values({
      id: newId(),
      clinicId,
      appointmentId,
      fromStatus: from as never,
      toStatus: to as never,
      fromStartsAt: startsAt,
      toStartsAt: startsAt,
      actorType: "staff",
      at: when,
    });
}

export function message(clinicId: string, patientId: string, direction: "inbound" | "outbound", when: number, purpose: string | null) {
  return db()
    .insert(messages)
    .values({
      id: newId(),
      clinicId,
      patientId,
      direction,
      channel: "sms",
      category: direction === "outbound" ? "reminder" : "staff",
      purpose,
      toAddress: "+16175550111",
      body: direction === "outbound" ? "Reply C to confirm" : "C",
      status: direction === "outbound" ? "delivered" : "received",
      sendAt: when,
      createdAt: when,
      updatedAt: when,
    });
}

export function response(
  clinicId: string,
  patientId: string,
  episodeId: string | null,
  instrumentId: "nprs" | "lefs" | "psfs",
  score: number,
  when: number,
) {
  return db()
    .insert(questionnaireResponses)
    .values({
      id: newId(),
      clinicId,
      patientId,
      episodeId,
      instrumentId,
      kind: instrumentId === "nprs" ? "check_in" : "questionnaire",
      score,
      resource: "{}",
      source: "portal",
      authoredAt: when,
    });
}

export function hepLog(clinicId: string, patientId: string, date: string, when = at(date, 17)) {
  return db().insert(hepLogs).values({ id: newId(), clinicId, patientId, exerciseId: "session", date, loggedAt: when });
}

/**
 * One patient with a little of everything, each feature worked out by hand (see EXPECTED):
 * 8 past visits of a knee episode (5 attended, 1 cancelled, 2 no-shows, two of them in the last 3),
 * the next visit booked, a daily home program done on 7 of the last 14 days, pain falling a point a
 * week, LEFS 40 -> 48, 2 of 3 reminders answered (after 2 h and 12 h), 10 authorized visits, and an
 * earlier discharged episode.
 */
export async function handBuiltPatient() {
  const clinic = await makeClinic("Risk Fixture Clinic");
  const patient = await makePatient(clinic.id);
  const c = clinic.id;
  const p = patient.id;
  const t = clinic.staff.therapist.id;
  await insertEpisode(c, p, {
    startDate: "2026-03-01",
    status: "discharged",
    dischargeReason: "goals_met",
    dischargedAt: AS_OF - 100 * DAY,
    createdAt: AS_OF - 280 * DAY,
  });
  const episodeId = await insertEpisode(c, p);
  const visits: [string, (typeof appointments.$inferInsert)["status"]][] = [
    ["2026-11-02", "attended"],
    ["2026-11-05", "attended"],
    ["2026-11-09", "attended"],
    ["2026-11-12", "cancelled"],
    ["2026-11-16", "attended"],
    ["2026-11-19", "no_show"],
    ["2026-11-23", "attended"],
    ["2026-11-26", "no_show"],
    ["2026-12-03", "booked"],
  ];
  const ids: Record<string, string> = {};
  for (const [date, status] of visits) ids[date] = await insertVisit(c, p, t, episodeId, at(date), status);
  await db().insert(authorizations).values({
    id: newId(),
    clinicId: c,
    episodeId,
    patientId: p,
    payer: "Acme Health",
    visitsAuthorized: 10,
    startDate: "2026-11-01",
    endDate: "2026-12-31",
    createdAt: BEFORE,
  });
  await db().insert(hepProgramItems).values({
    id: newId(),
    clinicId: c,
    patientId: p,
    episodeId,
    exerciseId: "quad-sets",
    sets: 2,
    reps: 10,
    holdSeconds: 5,
    timesPerDay: 1,
    daysPerWeek: 7,
    startDate: "2026-11-01",
    createdAt: BEFORE,
  });
  for (const date of ["2026-11-17", "2026-11-19", "2026-11-21", "2026-11-23", "2026-11-25", "2026-11-27", "2026-11-29"]) {
    await hepLog(c, p, date);
  }
  // An older program day outside the window counts for nothing.
  await hepLog(c, p, "2026-11-10");
  await response(c, p, episodeId, "nprs", 6, at("2026-11-09"));
  await response(c, p, episodeId, "nprs", 5, at("2026-11-16"));
  await response(c, p, episodeId, "nprs", 4, at("2026-11-23"));
  await response(c, p, episodeId, "lefs", 40, at("2026-11-02"));
  await response(c, p, episodeId, "lefs", 48, at("2026-11-23"));
  await response(c, p, episodeId, "psfs", 3, at("2026-11-02"));
  await response(c, p, episodeId, "psfs", 9, at("2026-11-23"));
  await message(c, p, "outbound", at("2026-11-10"), "visit_reminder");
  await message(c, p, "inbound", at("2026-11-10") + 2 * HOUR, null);
  await message(c, p, "outbound", at("2026-11-17"), "visit_reminder");
  await message(c, p, "inbound", at("2026-11-17") + 12 * HOUR, null);
  await message(c, p, "outbound", at("2026-11-24"), "visit_reminder");
  // Sent less than 72 hours before the scoring time: its reply window is still open, so it is not counted.
  await message(c, p, "outbound", at("2026-11-29"), "visit_reminder");
  // Not a message that asks for a reply.
  await message(c, p, "outbound", at("2026-11-20"), "hep_nudge");
  return { clinic, patient, episodeId, visitIds: ids };
}

export const EXPECTED: RiskFeatures = {
  visitsAttended: 5,
  visitsPrescribed: 12,
  visitNumber: 6,
  plannedVisitsPerWeek: 2,
  recentVisits: 3,
  recentCancellations: 0,
  recentNoShows: 2,
  cancellationsTotal: 1,
  noShowsTotal: 2,
  daysSinceLastVisit: 7,
  nextVisitBooked: 1,
  hepAdherence14d: 0.5,
  painTrendPerWeek: -1,
  outcomeChange: 0.1,
  messageResponseRate: 0.667,
  medianReplyDelayHours: 7,
  authorizationVisitsLeft: 5,
  returningPatient: 1,
};

/**
 * A patient in active care (the journey heard an attended visit): "lapsing" shows a dropout pattern
 * (two no-shows, nothing since); "steady" came two days ago and has the next visit booked.
 */
export async function lapsingPatient(kind: "lapsing" | "steady" = "lapsing") {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const t = clinic.staff.therapist.id;
  const episodeId = await insertEpisode(clinic.id, patient.id, { startDate: "2026-11-01", createdAt: AS_OF - 30 * DAY });
  const attendedAt = kind === "lapsing" ? Date.parse("2026-11-05T15:00:00Z") : AS_OF - 2 * DAY;
  await insertVisit(clinic.id, patient.id, t, episodeId, attendedAt, "attended", AS_OF - 30 * DAY);
  if (kind === "lapsing") {
    await insertVisit(clinic.id, patient.id, t, episodeId, Date.parse("2026-11-09T15:00:00Z"), "no_show", AS_OF - 30 * DAY);
    await insertVisit(clinic.id, patient.id, t, episodeId, Date.parse("2026-11-12T15:00:00Z"), "no_show", AS_OF - 30 * DAY);
  } else {
    await insertVisit(clinic.id, patient.id, t, episodeId, AS_OF + 2 * DAY, "booked", AS_OF - 30 * DAY);
  }
  const stub = env.PATIENT_JOURNEY.get(env.PATIENT_JOURNEY.idFromName(patient.id));
  await runInDurableObject(stub, (instance: PatientJourney) => {
    instance.clockOverride = fixedClock(AS_OF);
  });
  const attended = await stub.dispatch({
    clinicId: clinic.id,
    patientId: patient.id,
    event: {
      type: "appointment.attended",
      eventId: `test:${episodeId}`,
      occurredAt: attendedAt,
      appointmentId: "a1",
      startsAt: attendedAt,
      endsAt: attendedAt + HOUR,
      episodeId,
    },
  });
  expect(attended).toMatchObject({ outcome: "applied", stage: "active" });
  return { clinic, patient, episodeId, stub };
}

/** A queue producer that records what is sent. */
export function recordingQueue() {
  const sent: RiskEnvelope[] = [];
  const queue = {
    send: async (body: RiskEnvelope) => void sent.push(body),
    sendBatch: async (messages: Iterable<MessageSendRequest<RiskEnvelope>>) => {
      for (const m of messages) sent.push(m.body);
    },
  } as unknown as Queue<RiskEnvelope>;
  return { queue, sent };
}
