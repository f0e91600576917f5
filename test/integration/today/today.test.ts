import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { dischargeEpisode, startEpisode } from "../../../src/episodes/service";
import { fixedClock } from "../../../src/platform/clock";
import { createDb } from "../../../src/platform/db";
import { auditEvents } from "../../../src/platform/schema";
import { bookAppointment, changeStatus } from "../../../src/scheduling/service";
import type { AppointmentStatus } from "../../../src/scheduling/tables";
import { closeTask, createTask } from "../../../src/worklist/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { BASE, env, fetchApp, latestLoginToken } from "../../helpers/http";

const TZ = "America/New_York";
/** Monday 30 November 2026, 12:00 in New York (17:00 UTC). */
const NOW = Date.parse("2026-11-30T17:00:00Z");

const form = (data: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
  body: new URLSearchParams(data).toString(),
});

/** An app on a fixed clock, and a staff member signed in through it. */
async function signedInApp(email: string, clock = fixedClock(NOW), d1: D1Database = env.DB) {
  const app = createApp({ clock, db: createDb(d1) });
  await app.request(`${BASE}/login`, form({ email }), env);
  const verified = await app.request(`${BASE}/login/verify`, form({ token: await latestLoginToken(email) }), env);
  const cookie = /rapport_session=([^;]+)/.exec(verified.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) throw new Error("sign-in failed");
  return { get: (path: string) => app.request(`${BASE}${path}`, { headers: { cookie: `rapport_session=${cookie}` } }, env) };
}

const episodeInput = {
  bodyRegion: "low_back" as const,
  diagnosis: "Low back pain",
  icd10Code: null,
  referralSourceId: null,
  referringPhysician: null,
  startDate: "2026-11-01",
  visitsPrescribed: 12,
  frequencyPerWeek: 2,
  durationWeeks: 6,
  goals: "",
};

async function setup() {
  const clinic = await makeClinic();
  const { deps, clock } = testDeps(NOW);
  const actor = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const visit = async (
    patientId: string,
    date: string,
    time: string,
    status: AppointmentStatus = "booked",
    episodeId: string | null = null,
  ) => {
    const booked = await bookAppointment(deps, actor, TZ, {
      patientId,
      therapistId: clinic.staff.therapist.id,
      episodeId,
      date,
      time,
      durationMinutes: 30,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    if (!booked.ok) throw new Error(booked.error.code);
    if (status !== "booked") {
      const changed = await changeStatus(deps, actor, booked.value.id, status);
      if (!changed.ok) throw new Error(changed.error);
    }
    return booked.value.id;
  };
  const episode = async (patientId: string) => {
    const started = await startEpisode(deps, actor, patientId, episodeInput);
    if (!started.ok) throw new Error(started.error);
    return started.value;
  };
  return { clinic, deps, clock, actor, visit, episode };
}

/** The number shown for a count on the Today page. */
function countOf(html: string, key: string): number {
  const m = new RegExp(`data-count="${key}"><dt>[^<]*</dt><dd>(\\d+)</dd>`).exec(html);
  if (!m) throw new Error(`no count ${key}`);
  return Number(m[1]);
}

// Booking wakes each patient's journey, so the setups take a few seconds.
describe("Today page", { timeout: 30_000 }, () => {
  it("an anonymous visitor is sent to sign in", async () => {
    const res = await fetchApp("/");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
  });

  it("shows today's visits in the clinic's time zone: 23:30 local belongs to today, 00:30 tomorrow does not", async () => {
    const { clinic, visit } = await setup();
    const early = await makePatient(clinic.id, { givenName: "Early", familyName: "Bird" });
    const late = await makePatient(clinic.id, { givenName: "Late", familyName: "Owl" });
    const tomorrow = await makePatient(clinic.id, { givenName: "Tomorrow", familyName: "Person" });
    const yesterday = await makePatient(clinic.id, { givenName: "Yesterday", familyName: "Person" });
    await visit(early.id, "2026-11-30", "00:30"); // 05:30 UTC, today
    await visit(late.id, "2026-11-30", "23:30"); // 04:30 UTC on December 1st, still today here
    await visit(tomorrow.id, "2026-12-01", "00:30");
    await visit(yesterday.id, "2026-11-29", "23:30");

    const desk = await signedInApp(clinic.staff.front_desk.email);
    const res = await desk.get("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Good afternoon, front_desk Test Clinic");
    expect(html).toContain("Monday, November 30, 2026");
    expect(html).toContain(`href="/patients/${early.id}"`);
    expect(html).toContain(`href="/patients/${late.id}"`);
    expect(html).not.toContain(`/patients/${tomorrow.id}`);
    expect(html).not.toContain(`/patients/${yesterday.id}`);
    expect(html).toContain(">00:30<");
    expect(html).toContain(">23:30<");
    expect(html.indexOf("Early Bird")).toBeLessThan(html.indexOf("Late Owl"));
    expect(html).toContain('href="/schedule?date=2026-11-30"');
    expect(countOf(html, "visits")).toBe(2);

    // Late in the evening in New York it is already December 1st in UTC: still the 30th here.
    const evening = await signedInApp(clinic.staff.therapist.email, fixedClock(Date.parse("2026-12-01T04:45:00Z")));
    const eveningHtml = await (await evening.get("/")).text();
    expect(eveningHtml).toContain("Good evening");
    expect(eveningHtml).toContain("Monday, November 30, 2026");
    expect(eveningHtml).toContain("Late Owl");
    expect(eveningHtml).not.toContain("Tomorrow Person");
  });

  it("shows each visit's therapist, type and status with its confirmation, and the day's counts", async () => {
    const { clinic, visit } = await setup();
    // It is noon: the morning's visits have happened (attended, missed, one patient checked in); the afternoon's are ahead.
    const statuses: [string, AppointmentStatus][] = [
      ["08:00", "attended"],
      ["09:00", "attended"],
      ["10:00", "no_show"],
      ["11:30", "arrived"],
      ["13:00", "booked"],
      ["14:00", "confirmed"],
      ["15:00", "confirmed"],
      ["16:00", "cancelled"],
    ];
    for (const [time, status] of statuses) {
      const p = await makePatient(clinic.id, { givenName: `At${time.slice(0, 2)}`, familyName: status });
      await visit(p.id, "2026-11-30", time, status);
    }
    const html = await (await (await signedInApp(clinic.staff.owner.email)).get("/")).text();
    expect(countOf(html, "visits")).toBe(7);
    expect(countOf(html, "not-confirmed")).toBe(1);
    expect(countOf(html, "confirmed")).toBe(2);
    expect(countOf(html, "arrived")).toBe(1);
    expect(countOf(html, "attended")).toBe(2);
    expect(countOf(html, "no-shows")).toBe(1);
    expect(countOf(html, "cancellations")).toBe(1);
    expect(html).toContain("Booked, not confirmed");
    expect(html).toContain("Checked in");
    expect(html).toContain("No-show");
    expect(html).toContain("therapist Test Clinic");
    expect(html).toContain("Follow-up");
  });

  it("lists open tasks due today or overdue, with their count", async () => {
    const { clinic, deps, actor } = await setup();
    const patient = await makePatient(clinic.id, { givenName: "Task", familyName: "Patient" });
    const add = async (title: string, dueDate: string) => {
      const made = await createTask(deps, actor, { type: "call_to_schedule", title, patientId: patient.id, assigneeId: null, dueDate });
      if (!made.ok) throw new Error(made.error);
      return made.value;
    };
    const overdue = await add("Overdue call", "2026-11-27");
    await add("Due today call", "2026-11-30");
    await add("Tomorrow call", "2026-12-01");
    const closed = await add("Closed call", "2026-11-29");
    await closeTask(deps, actor, closed, "done", "Reached them");
    const foreign = await makeClinic("Foreign");
    await createTask(deps, staffActorFor(foreign.id, foreign.staff.owner.id), {
      type: "other",
      title: "Foreign call",
      patientId: null,
      assigneeId: null,
      dueDate: "2026-11-30",
    });

    const html = await (await (await signedInApp(clinic.staff.front_desk.email)).get("/")).text();
    expect(countOf(html, "tasks-due")).toBe(2);
    expect(html).toContain("Overdue call");
    expect(html).toContain("Due today call");
    expect(html).not.toContain("Tomorrow call");
    expect(html).not.toContain("Closed call");
    expect(html).not.toContain("Foreign call");
    const row = new RegExp(`<tr class="task overdue" data-task="${overdue}">.*?</tr>`, "s").exec(html)?.[0] ?? "";
    expect(row).toContain("2026-11-27");
    expect(row).toContain("Overdue");
    expect(row).toContain("Call to schedule");
    expect(row).toContain(`<a href="/patients/${patient.id}">Task Patient</a>`);
    expect(row).toContain("Unassigned");
    expect(html).toContain('href="/worklist?due=today"');
  });

  it("counts patients with an open episode and no next visit booked", async () => {
    const { clinic, visit, episode, deps, actor } = await setup();
    const make = (givenName: string) => makePatient(clinic.id, { givenName, familyName: "Care" });
    const noVisit = await make("Novisit");
    await episode(noVisit.id);
    const booked = await make("Booked");
    await episode(booked.id);
    await visit(booked.id, "2026-12-03", "10:00");
    const laterToday = await make("Latertoday");
    await episode(laterToday.id);
    await visit(laterToday.id, "2026-11-30", "15:00", "confirmed");
    const onlyPast = await make("Onlypast");
    const pastEpisode = await episode(onlyPast.id);
    await visit(onlyPast.id, "2026-11-30", "08:00", "attended", pastEpisode);
    const cancelledNext = await make("Cancellednext");
    await episode(cancelledNext.id);
    await visit(cancelledNext.id, "2026-12-04", "10:00", "cancelled");
    const twoEpisodes = await make("Twoepisodes");
    await episode(twoEpisodes.id);
    await episode(twoEpisodes.id);
    const discharged = await make("Discharged");
    const done = await episode(discharged.id);
    await dischargeEpisode(deps, actor, done, "goals_met");
    await make("Noepisode");
    const foreign = await makeClinic("Foreign");
    const foreignPatient = await makePatient(foreign.id, { givenName: "Foreigner" });
    await startEpisode(deps, staffActorFor(foreign.id, foreign.staff.owner.id), foreignPatient.id, episodeInput);

    const html = await (await (await signedInApp(clinic.staff.front_desk.email)).get("/")).text();
    expect(countOf(html, "unbooked")).toBe(4);
    // Only the list itself: the same patients may also show in the schedule or in tasks the journey made.
    const list = html.slice(html.indexOf('id="unbooked-h"'));
    for (const p of [noVisit, onlyPast, cancelledNext, twoEpisodes]) expect(list).toContain(`href="/patients/${p.id}"`);
    expect(list.match(/href="\/patients\//g)).toHaveLength(4);
    // A visit later today is still a next visit.
    for (const name of ["Booked Care", "Latertoday", "Discharged Care", "Noepisode Care", "Foreigner"]) expect(list).not.toContain(name);
    expect(html).not.toContain("Foreigner");
  });

  it("records the view in the audit log and uses the same number of D1 statements for a quiet and a busy clinic", async () => {
    const { clinic, visit, episode, deps, actor } = await setup();
    let statements = 0;
    const counting = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare") {
          return (query: string) => {
            statements++;
            return target.prepare(query);
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const desk = await signedInApp(clinic.staff.front_desk.email, fixedClock(NOW), counting);
    const measure = async () => {
      statements = 0;
      expect((await desk.get("/")).status).toBe(200);
      return statements;
    };
    const one = await makePatient(clinic.id);
    await visit(one.id, "2026-11-30", "06:00");
    const quiet = await measure();

    for (let i = 0; i < 20; i++) {
      const p = await makePatient(clinic.id, { givenName: `Busy${i}` });
      await episode(p.id);
      await visit(p.id, "2026-11-30", `${String(7 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`, "confirmed");
      await createTask(deps, actor, { type: "other", title: `Task ${i}`, patientId: p.id, assigneeId: null, dueDate: "2026-11-29" });
    }
    const busy = await measure();
    expect(busy).toBe(quiet);
    expect(quiet).toBeLessThan(12);

    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, clinic.id), eq(auditEvents.action, "today.view")))
      .all();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(audit[0]?.actorId).toBe(clinic.staff.front_desk.id);
  });
});
