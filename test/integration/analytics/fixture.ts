import { episodes } from "../../../src/episodes/tables";
import { newId } from "../../../src/platform/ids";
import { appointments, messages, questionnaireResponses, referralSources } from "../../../src/platform/schema";
import { zonedToUtc } from "../../../src/platform/time";
import { db, makeClinic, makePatient } from "../../helpers/factories";

/**
 * A small clinic with hand-counted numbers (New York time). The range under test is 2026-11-01..2026-11-28,
 * its previous period 2026-10-04..2026-10-31. The expected value of every KPI is worked out in
 * analytics.test.ts beside each assertion.
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
  const visit = (patientId: string, episodeId: string, therapistId: string, date: string, status: Status) => {
    const startsAt = at(date);
    return db()
      .insert(appointments)
      .values({
        id: newId(),
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

  const [p1, p2, p3, p4, p5] = await Promise.all([1, 2, 3, 4, 5].map((i) => makePatient(c, { givenName: `Pat${i}` })));
  if (!p1 || !p2 || !p3 || !p4 || !p5) throw new Error("patients");

  // P1 came back: an earlier episode, discharged in July, then E1 in this range.
  await episode(p1.id, {
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
  await visit(p2.id, e2, t2, "2026-11-10", "attended");
  await visit(p2.id, e2, t2, "2026-11-24", "booked");
  await visit(p2.id, e2, t2, "2026-12-02", "booked");
  await checkIn(p2.id, at("2026-11-10"));
  await checkIn(p2.id, at("2026-11-17"));

  await episode(p3.id, { startDate: "2026-11-16", referralSourceId: sourceId });

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
  await message(p2.id, "outbound", at("2026-11-08"), { category: "reminder", status: "delivered" });
  await message(p2.id, "inbound", at("2026-11-11"));
  await message(p3.id, "outbound", at("2026-11-10"), { category: "staff" });
  await message(p3.id, "outbound", at("2026-11-12"), { status: "failed" });
  await message(p3.id, "outbound", at("2026-11-14"));
  await message(p5.id, "outbound", at("2026-10-10"));
  await message(p5.id, "inbound", at("2026-10-10", "15:00"));

  return { clinic, sourceId, t1, t2 };
}
