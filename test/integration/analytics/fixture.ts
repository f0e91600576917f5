import { episodes } from "../../../src/episodes/tables";
import { newId } from "../../../src/platform/ids";
import {
  appointments,
  hepLogs,
  hepProgramItems,
  messages,
  questionnaireResponses,
  referralSources,
  surveyAnswers,
} from "../../../src/platform/schema";
import { zonedToUtc } from "../../../src/platform/time";
import { db, makeClinic, makePatient } from "../../helpers/factories";

/**
 * A small clinic with hand-counted numbers (New York time). The range under test is 2026-11-01..2026-11-28,
 * its previous period 2026-10-04..2026-10-31. The expected value of every KPI is worked out in
 * analytics.test.ts beside each assertion.
 *
 * Episodes: E0 (P1, May-July, completed), E1 (P1, Nov 2-20, goals met), E2 (P2, from Nov 9, open),
 * E3 (P3, from Nov 16, open, no visit), E4 (P4, Sep 1-Nov 5, dropped out), E5 (P5, Oct 5-30, completed);
 * for retention only: P4 in Nov-Dec 2025 (before the 12 months) and in June-July 2026 (moved), and P5
 * again from Nov 29 (after the range).
 */
export const RANGE = { from: "2026-11-01", to: "2026-11-28" };
/** Two days after the range: nothing in the fixture is cut short by "now". */
export const NOW = Date.parse("2026-11-30T14:00:00Z");

const NY = "America/New_York";
export const at = (date: string, time = "10:00") => zonedToUtc(date, time, NY);

type Status = (typeof appointments.$inferInsert)["status"];

export async function buildClinic(name: string) {
  const clinic = await makeClinic(name);
  const c = clinic.id;
  const t1 = clinic.staff.therapist.id;
  const t2 = clinic.staff.admin.id;
  const sourceId = newId();
  await db()
    .insert(referralSources)
    .values({ id: sourceId, clinicId: c, name: `Dr. Knee of ${name}`, kind: "physician", createdAt: NOW });

  const episode = async (patientId: string, over: Partial<typeof episodes.$inferInsert>) => {
    const id = newId();
    await db()
      .insert(episodes)
      .values({
        id,
        clinicId: c,
        patientId,
        bodyRegion: "knee",
        diagnosis: "Knee pain",
        startDate: "2026-11-01",
        visitsPrescribed: 8,
        frequencyPerWeek: 2,
        durationWeeks: 4,
        createdAt: NOW,
        updatedAt: NOW,
        ...over,
      });
    return id;
  };
  const visit = async (patientId: string, episodeId: string, therapistId: string, date: string, status: Status) => {
    const startsAt = at(date);
    const id = newId();
    await db()
      .insert(appointments)
      .values({
        id,
        clinicId: c,
        patientId,
        therapistId,
        episodeId,
        startsAt,
        endsAt: startsAt + 45 * 60_000,
        durationMinutes: 45,
        type: "follow_up",
        status,
        createdAt: NOW,
        updatedAt: NOW,
      });
    return id;
  };
  const message = (patientId: string, direction: "inbound" | "outbound", when: number, over: Partial<typeof messages.$inferInsert> = {}) =>
    db()
      .insert(messages)
      .values({
        id: newId(),
        clinicId: c,
        patientId,
        direction,
        channel: "sms",
        category: direction === "outbound" ? "automated" : "staff",
        toAddress: "+16175550111",
        body: direction === "outbound" ? "How is your knee?" : "Better, thanks",
        status: direction === "outbound" ? "sent" : "received",
        sendAt: when,
        createdAt: when,
        updatedAt: when,
        ...over,
      });
  const checkIn = (patientId: string, when: number) =>
    db().insert(questionnaireResponses).values({
      id: newId(),
      clinicId: c,
      patientId,
      instrumentId: "nprs",
      kind: "check_in",
      score: 4,
      resource: "{}",
      source: "portal",
      authoredAt: when,
    });
  /** A home exercise, once a day every day unless said otherwise. */
  const exercise = (
    patientId: string,
    episodeId: string | null,
    startDate: string,
    over: Partial<typeof hepProgramItems.$inferInsert> = {},
  ) =>
    db()
      .insert(hepProgramItems)
      .values({
        id: newId(),
        clinicId: c,
        patientId,
        episodeId,
        exerciseId: "wall-slide",
        sets: 2,
        reps: 10,
        holdSeconds: 0,
        timesPerDay: 1,
        daysPerWeek: 7,
        startDate,
        endDate: null,
        createdAt: NOW,
        ...over,
      });
  const logged = (patientId: string, date: string, time = "08:00") =>
    db()
      .insert(hepLogs)
      .values({ id: newId(), clinicId: c, patientId, exerciseId: "wall-slide", date, loggedAt: at(date, time) });
  const answer = (
    patientId: string,
    episodeId: string,
    score: number,
    answeredAt: number,
    review: { asked?: number; opened?: number } = {},
  ) =>
    db()
      .insert(surveyAnswers)
      .values({
        id: newId(),
        clinicId: c,
        patientId,
        episodeId,
        score,
        channel: "portal",
        answeredAt,
        reviewAskedAt: review.asked ?? null,
        reviewOpenedAt: review.opened ?? null,
      });

  const [p1, p2, p3, p4, p5] = await Promise.all([1, 2, 3, 4, 5].map((i) => makePatient(c, { givenName: `Pat${i}` })));
  if (!p1 || !p2 || !p3 || !p4 || !p5) throw new Error("patients");

  // P1 came back: an earlier episode, discharged in July, then E1 in this range.
  const e0 = await episode(p1.id, {
    startDate: "2026-05-01",
    status: "discharged",
    dischargeReason: "plan_completed",
    dischargedAt: at("2026-07-01"),
  });
  const e1 = await episode(p1.id, {
    startDate: "2026-11-02",
    referralSourceId: sourceId,
    status: "discharged",
    dischargeReason: "goals_met",
    dischargedAt: at("2026-11-20", "12:00"),
  });
  await visit(p1.id, e1, t1, "2026-11-03", "attended");
  await visit(p1.id, e1, t1, "2026-11-06", "attended");
  await visit(p1.id, e1, t1, "2026-11-10", "no_show");
  await visit(p1.id, e1, t2, "2026-11-13", "attended");
  await visit(p1.id, e1, t1, "2026-11-17", "cancelled");
  await visit(p1.id, e1, t1, "2026-11-20", "attended");
  await checkIn(p1.id, at("2026-11-04"));
  await checkIn(p1.id, at("2026-11-05"));
  await checkIn(p1.id, at("2026-11-18"));

  const e2 = await episode(p2.id, { startDate: "2026-11-09" });
  const e2Evaluation = await visit(p2.id, e2, t2, "2026-11-10", "attended");
  await visit(p2.id, e2, t2, "2026-11-24", "booked");
  await visit(p2.id, e2, t2, "2026-12-02", "booked");
  await checkIn(p2.id, at("2026-11-10"));
  await checkIn(p2.id, at("2026-11-17"));

  const e3 = await episode(p3.id, { startDate: "2026-11-16", referralSourceId: sourceId });

  const e4 = await episode(p4.id, {
    startDate: "2026-09-01",
    referralSourceId: sourceId,
    status: "discharged",
    dischargeReason: "dropped_out",
    dischargedAt: at("2026-11-05", "09:00"),
  });
  await visit(p4.id, e4, t2, "2026-09-02", "attended");
  await visit(p4.id, e4, t2, "2026-09-09", "attended");
  await visit(p4.id, e4, t2, "2026-10-07", "no_show");

  const e5 = await episode(p5.id, {
    startDate: "2026-10-05",
    referralSourceId: sourceId,
    status: "discharged",
    dischargeReason: "plan_completed",
    dischargedAt: at("2026-10-30", "12:00"),
  });
  await visit(p5.id, e5, t1, "2026-10-06", "attended");
  await visit(p5.id, e5, t1, "2026-10-13", "attended");
  await visit(p5.id, e5, t1, "2026-10-20", "cancelled");
  await visit(p5.id, e5, t1, "2026-10-27", "attended");
  await checkIn(p5.id, at("2026-10-06"));

  await message(p1.id, "outbound", at("2026-11-02"));
  await message(p1.id, "inbound", at("2026-11-03", "09:00"));
  // The reminder of E2's evaluation: sent before E2's start date, it belongs to E2 through its visit.
  await message(p2.id, "outbound", at("2026-11-08"), { category: "reminder", status: "delivered", appointmentId: e2Evaluation });
  await message(p2.id, "inbound", at("2026-11-11"));
  await message(p3.id, "outbound", at("2026-11-10"), { category: "staff" });
  await message(p3.id, "outbound", at("2026-11-12"), { status: "failed" });
  await message(p3.id, "outbound", at("2026-11-14"));
  await message(p5.id, "outbound", at("2026-10-10"));
  await message(p5.id, "inbound", at("2026-10-10", "15:00"));

  // Home exercise (hand-counted in analytics.test.ts).
  // E1: every day from Nov 7; in care to its discharge on Nov 20.
  await exercise(p1.id, e1, "2026-11-07");
  await logged(p1.id, "2026-10-30"); // before E1 started
  await logged(p1.id, "2026-11-06"); // before the exercise started
  await logged(p1.id, "2026-11-07", "10:00");
  await logged(p1.id, "2026-11-07", "10:30"); // same session
  await logged(p1.id, "2026-11-08");
  await logged(p1.id, "2026-11-09", "08:00");
  await logged(p1.id, "2026-11-09", "20:00"); // a second session on a once-a-day day
  await logged(p1.id, "2026-11-21"); // after discharge
  // E2: twice a day on 3 days a week, Nov 9-22.
  await exercise(p2.id, e2, "2026-11-09", { timesPerDay: 2, daysPerWeek: 3, endDate: "2026-11-22", endedAt: at("2026-11-23") });
  await logged(p2.id, "2026-11-10", "08:00");
  await logged(p2.id, "2026-11-10", "12:00");
  await logged(p2.id, "2026-11-10", "13:00"); // within two hours of the 12:00 session
  await logged(p2.id, "2026-11-12", "08:00");
  await logged(p2.id, "2026-11-14", "08:00");
  await logged(p2.id, "2026-11-14", "09:00");
  await logged(p2.id, "2026-11-14", "20:00");
  await logged(p2.id, "2026-11-25"); // after the program ended
  // P3: prescribed outside any episode (it counts for E3, as in the risk features), 3 days a week from Nov 23.
  await exercise(p3.id, null, "2026-11-23", { daysPerWeek: 3 });
  for (const day of ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"]) await logged(p3.id, day);
  // E4: every day from Sep 2, never ended; two days logged in October.
  await exercise(p4.id, e4, "2026-09-02");
  await logged(p4.id, "2026-10-05");
  await logged(p4.id, "2026-10-06");
  // E5: every day Oct 6-19, done the first seven.
  await exercise(p5.id, e5, "2026-10-06", { endDate: "2026-10-19" });
  for (let day = 6; day <= 12; day++) await logged(p5.id, `2026-10-${String(day).padStart(2, "0")}`);
  await logged(p5.id, "2026-10-25");

  // More episodes, for retention by start month.
  await episode(p4.id, { startDate: "2025-11-30", status: "discharged", dischargeReason: "other", dischargedAt: at("2025-12-15") });
  const e4June = await episode(p4.id, {
    startDate: "2026-06-01",
    status: "discharged",
    dischargeReason: "moved",
    dischargedAt: at("2026-07-15"),
  });
  await episode(p5.id, { startDate: "2026-11-29" });

  // Discharge survey answers.
  await answer(p1.id, e0, 8, at("2026-10-08"));
  await answer(p5.id, e5, 9, at("2026-10-30", "20:00"), { asked: at("2026-10-30", "20:05"), opened: at("2026-11-02", "12:00") });
  await answer(p4.id, e4, 6, at("2026-11-06"));
  await answer(p4.id, e4June, 10, at("2026-11-12"), { asked: at("2026-11-12", "10:05") });
  await answer(p1.id, e1, 10, at("2026-11-20", "18:00"), { asked: at("2026-11-20", "18:05"), opened: at("2026-11-22", "09:00") });

  return { clinic, sourceId, t1, t2, patients: { p1, p2, p3, p4, p5 }, episodes: { e0, e1, e2, e3, e4, e5 } };
}
