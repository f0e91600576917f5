import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { addAuthorization, dischargeEpisode, startEpisode } from "../../../src/episodes/service";
import { addProgramItem, changeProgramItem } from "../../../src/hep/service";
import { recordCheckIn, recordQuestionnaire } from "../../../src/outcomes/service";
import { recordConsent } from "../../../src/patients/service";
import { createDb } from "../../../src/platform/db";
import { newId } from "../../../src/platform/ids";
import { auditEvents, hepLogs, referralSources } from "../../../src/platform/schema";
import { bookAppointment, changeStatus } from "../../../src/scheduling/service";
import { closeTask, createTask } from "../../../src/worklist/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { BASE, signIn } from "../../helpers/http";

const TZ = "America/New_York";
/** The clinic-local date `days` from the real today (the page uses the real clock). */
const localDay = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(Date.now() + days * 86_400_000);

async function setup() {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id, { givenName: "Marta", familyName: "Quintero" });
  const { deps, clock } = testDeps(Date.parse("2026-11-30T14:00:00Z"));
  const desk = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const sourceId = newId();
  await db()
    .insert(referralSources)
    .values({ id: sourceId, clinicId: clinic.id, name: "Dr. Ortiz", kind: "physician", createdAt: Date.now() });
  const episode = async (over: Partial<Parameters<typeof startEpisode>[3]> = {}) => {
    clock.advance(1000);
    const r = await startEpisode(deps, desk, patient.id, {
      bodyRegion: "low_back",
      diagnosis: "Lumbar radiculopathy",
      icd10Code: "M54.16",
      referralSourceId: sourceId,
      referringPhysician: "Dr. Ortiz",
      startDate: "2026-11-30",
      visitsPrescribed: 12,
      frequencyPerWeek: 2,
      durationWeeks: 6,
      goals: "Sit through a movie",
      ...over,
    });
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  const visit = async (episodeId: string | null, date: string, time: string, status?: "attended" | "cancelled" | "no_show") => {
    clock.advance(1000);
    const booked = await bookAppointment(deps, desk, TZ, {
      patientId: patient.id,
      therapistId: clinic.staff.therapist.id,
      episodeId,
      date,
      time,
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));
    if (status) {
      clock.advance(1000);
      // Nobody attends or misses a visit before it starts: the clock moves on to the visit's end if needed.
      if (status !== "cancelled") clock.set(Math.max(clock.now(), booked.value.endsAt));
      const changed = await changeStatus(deps, desk, booked.value.id, status);
      if (!changed.ok) throw new Error(changed.error);
    }
    return booked.value;
  };
  return { clinic, patient, deps, clock, desk, sourceId, episode, visit };
}

const section = (html: string, id: string) => new RegExp(`<section[^>]*id="${id}"[^>]*>([\\s\\S]*?)</section>`).exec(html)?.[1] ?? "";

describe("patient page", { timeout: 20_000 }, () => {
  it("shows visits against the plan moving after an attended visit", async () => {
    const { clinic, patient, episode, visit } = await setup();
    const episodeId = await episode();
    const browser = await signIn(clinic.staff.front_desk.email);
    let html = await (await browser.get(`/patients/${patient.id}`)).text();
    expect(html).toContain("0 of 12 visits");
    expect(html).toMatch(/<progress id="plan-[0-9a-z]+" value="0" max="12"/);
    expect(html).toContain("12 visits, 2 a week for 6 weeks");
    expect(html).toContain("Sit through a movie");
    expect(html).toContain("Dr. Ortiz");

    await visit(episodeId, "2026-12-01", "10:00", "attended");
    await visit(episodeId, "2026-12-03", "10:00", "cancelled");
    await visit(episodeId, "2026-12-04", "10:00", "no_show");
    await visit(episodeId, "2026-12-07", "10:00");
    html = await (await browser.get(`/patients/${patient.id}`)).text();
    expect(html).toContain("1 of 12 visits");
    expect(html).toMatch(/<progress id="plan-[0-9a-z]+" value="1" max="12"/);
  });

  it("caps the bar at the plan when visits exceed it, and keeps the true count in words", async () => {
    const { clinic, patient, episode, visit } = await setup();
    const episodeId = await episode({ visitsPrescribed: 2, frequencyPerWeek: 1, durationWeeks: 2 });
    for (const day of ["01", "02", "03"]) await visit(episodeId, `2026-12-${day}`, "10:00", "attended");
    const browser = await signIn(clinic.staff.front_desk.email);
    const html = await (await browser.get(`/patients/${patient.id}`)).text();
    expect(html).toContain("3 of 2 visits");
    expect(html).toMatch(/<progress id="plan-[0-9a-z]+" value="2" max="2"[^>]*>100%<\/progress>/);
  });

  it("shows the open episode in full and the others listed below", async () => {
    const { clinic, patient, deps, desk, episode } = await setup();
    const old = await episode({ bodyRegion: "knee", diagnosis: "Old knee sprain", startDate: "2026-01-10" });
    await dischargeEpisode(deps, desk, old, "goals_met");
    const current = await episode({ bodyRegion: "shoulder", diagnosis: "Frozen shoulder", startDate: "2026-11-20" });
    await addAuthorization(deps, desk, current, {
      payer: "Medicare",
      visitsAuthorized: 10,
      startDate: "2026-11-20",
      endDate: "2027-02-20",
    });
    const browser = await signIn(clinic.staff.front_desk.email);
    const html = await (await browser.get(`/patients/${patient.id}`)).text();
    const card = section(html, `episode-${current}`);
    expect(card).toContain("Frozen shoulder");
    expect(card).toContain("Medicare");
    expect(card).toContain('name="reason"');
    expect(html).toContain("Other episodes");
    expect(html).toMatch(new RegExp(`<tr id="episode-${old}"><td>Knee: Old knee sprain</td>`));
    expect(html).toContain("discharged");
    expect(html).not.toMatch(new RegExp(`<section[^>]*id="episode-${old}"`));
  });

  it("lists upcoming and past appointments in clinic time with therapist, type and status, and links to booking", async () => {
    const { clinic, patient, visit } = await setup();
    const next = await visit(null, localDay(7), "15:30");
    await visit(null, localDay(-7), "08:15", "attended");
    await visit(null, localDay(-3), "09:45", "no_show");
    const browser = await signIn(clinic.staff.front_desk.email);
    const html = await (await browser.get(`/patients/${patient.id}`)).text();
    const visits = section(html, "appointments");
    expect(visits).toContain(`href="/schedule/book?patient=${patient.id}"`);
    const [upcoming, past] = visits.split("<h3>Past</h3>");
    expect(upcoming).toMatch(
      /<td>\w{3} \d{1,2} \w{3} 15:30<\/td><td>therapist Test Clinic<\/td><td>follow-up<\/td><td><span class="badge visit-booked">booked/,
    );
    expect(upcoming).not.toContain("08:15");
    expect(past).toMatch(/09:45<\/td><td>therapist Test Clinic<\/td><td>follow-up<\/td><td><span class="badge visit-no_show">no-show/);
    expect(past).toMatch(/08:15<\/td>[\s\S]*attended/);
    // Newest past visit first.
    expect(past?.indexOf("09:45")).toBeLessThan(past?.indexOf("08:15") ?? 0);
    expect(next.id).toBeTruthy();
  });

  it("lists the patient's open tasks with type, due date and assignee, and links to the worklist", async () => {
    const { clinic, patient, deps, desk } = await setup();
    const other = await makePatient(clinic.id, { familyName: "Someone" });
    const make = async (title: string, patientId: string, assigneeId: string | null) => {
      const r = await createTask(deps, desk, { type: "call_to_schedule", title, patientId, assigneeId, dueDate: "2026-12-02" });
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    await make("Call about next week", patient.id, clinic.staff.therapist.id);
    const done = await make("Already handled", patient.id, null);
    await closeTask(deps, desk, done, "done", "Called");
    await make("Another patient's task", other.id, null);
    const browser = await signIn(clinic.staff.front_desk.email);
    const html = await (await browser.get(`/patients/${patient.id}`)).text();
    const tasks = section(html, "tasks");
    expect(tasks).toContain('href="/worklist"');
    expect(tasks).toMatch(
      /<td>Call about next week<\/td><td>call to schedule<\/td><td[^>]*>2026-12-02[^<]*<\/td><td>therapist Test Clinic<\/td>/,
    );
    expect(tasks).not.toContain("Already handled");
    expect(tasks).not.toContain("Another patient");
  });

  it("shows a timeline of every change, newest first, in plain words with who and when", async () => {
    const { clinic, patient, deps, desk, episode, visit, clock } = await setup();
    await episode();
    clock.advance(60_000);
    const booked = await visit(null, "2026-12-01", "10:00");
    // The next day, once the visit is over, it is marked attended; a minute later the patient revokes SMS consent.
    clock.set(Date.parse("2026-12-01T15:50:00Z"));
    expect((await changeStatus(deps, desk, booked.id, "attended")).ok).toBe(true);
    clock.advance(60_000);
    await recordConsent(deps, staffActorFor(clinic.id, clinic.staff.therapist.id), patient.id, { channel: "sms", status: "revoked" });
    const browser = await signIn(clinic.staff.front_desk.email);
    const html = await (await browser.get(`/patients/${patient.id}`)).text();
    const lines = [
      ...section(html, "timeline").matchAll(/<span class="timeline-text">([^<]*)<\/span><span class="timeline-meta">([^<]*)<\/span>/g),
    ].map((m) => `${m[1]} | ${m[2]}`);
    expect(lines).toEqual([
      "Consent to SMS revoked | therapist Test Clinic · Tue 1 Dec 2026 10:51",
      "Visit attended (Tue 1 Dec 10:00) | front_desk Test Clinic · Tue 1 Dec 2026 10:50",
      "Visit booked for Tue 1 Dec 10:00 | front_desk Test Clinic · Mon 30 Nov 2026 09:01",
      "Episode started: low back | front_desk Test Clinic · Mon 30 Nov 2026 09:00",
    ]);
  });

  it("is audited as a view and answers 404 for another clinic's patient", async () => {
    const { clinic, patient } = await setup();
    const browser = await signIn(clinic.staff.front_desk.email);
    expect((await browser.get(`/patients/${patient.id}`)).status).toBe(200);
    const views = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, patient.id), eq(auditEvents.action, "patient.view")))
      .all();
    expect(views).toHaveLength(1);
    const other = await makeClinic();
    const intruder = await signIn(other.staff.owner.email);
    const res = await intruder.get(`/patients/${patient.id}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Quintero");
  });

  it("loads with the same number of D1 statements whatever the history", async () => {
    const statementsFor = async (patientId: string, cookie: string) => {
      const seen: string[] = [];
      const counted = new Proxy(env.DB, {
        get(target, prop) {
          if (prop === "prepare") {
            return (query: string) => {
              seen.push(query);
              return target.prepare(query);
            };
          }
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const app = createApp({ db: createDb(counted) });
      const res = await app.fetch(new Request(`${BASE}/patients/${patientId}`, { headers: { cookie: `rapport_session=${cookie}` } }), env);
      expect(res.status).toBe(200);
      await res.text();
      // The session check may or may not touch its row; the page's own reads are what must not grow.
      return seen.filter((q) => !/"sessions"/.test(q));
    };

    const small = await setup();
    const smallEpisode = await small.episode();
    await small.visit(smallEpisode, "2026-12-01", "10:00", "attended");

    const big = await setup();
    for (let e = 0; e < 3; e++) {
      const id = await big.episode({ startDate: `2026-0${e + 1}-10`, visitsPrescribed: 40, frequencyPerWeek: 3, durationWeeks: 14 });
      for (let a = 0; a < 2; a++) {
        await addAuthorization(big.deps, big.desk, id, {
          payer: `Payer ${a}`,
          visitsAuthorized: 10,
          startDate: "2026-01-01",
          endDate: "2026-12-31",
        });
      }
      for (let v = 0; v < 6; v++) {
        const status = (["attended", "cancelled", "no_show", undefined] as const)[v % 4];
        await big.visit(id, `2026-12-${String(v + 1).padStart(2, "0")}`, `${String(8 + e * 2).padStart(2, "0")}:00`, status);
      }
      if (e < 2) await dischargeEpisode(big.deps, big.desk, id, "goals_met");
    }
    for (let t = 0; t < 6; t++) {
      await createTask(big.deps, big.desk, {
        type: "other",
        title: `Task ${t}`,
        patientId: big.patient.id,
        assigneeId: null,
        dueDate: "2026-12-10",
      });
    }
    // A home exercise program with changes and logs reads in the same statements too.
    const therapist = staffActorFor(big.clinic.id, big.clinic.staff.therapist.id);
    for (const exerciseId of ["bridge", "clamshell", "bird-dog"]) {
      const dose = { sets: 2, reps: 10, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 7 };
      const added = await addProgramItem(big.deps, therapist, big.patient.id, { exerciseId, dose }, localDay(-3));
      if (!added.ok) throw new Error(added.error);
      await changeProgramItem(big.deps, therapist, big.patient.id, added.value, { ...dose, reps: 12 }, localDay(0));
    }
    await db()
      .insert(hepLogs)
      .values(
        [0, -1, -2, -3].map((d) => ({
          id: newId(),
          clinicId: big.clinic.id,
          patientId: big.patient.id,
          exerciseId: "session",
          date: localDay(d),
          loggedAt: Date.now() + d * 86_400_000,
        })),
      );
    // Check-ins and questionnaires (one opening a pain task) read in one statement too.
    const patientActor = { ...therapist, actorType: "patient" as const, actorId: big.patient.id };
    for (const pain of [3, 4, 6, 2]) await recordCheckIn(big.deps, patientActor, big.patient.id, { pain, note: `Note ${pain}` });
    await recordQuestionnaire(big.deps, patientActor, big.patient.id, "psfs", { "psfs-1-activity": "Stairs", "psfs-1-rating": 4 });
    // Two clinics' staff sign in separately; each looks at their own patient.
    const smallBrowser = await signIn(small.clinic.staff.front_desk.email);
    const bigBrowser = await signIn(big.clinic.staff.front_desk.email);
    const few = await statementsFor(small.patient.id, smallBrowser.cookie);
    const many = await statementsFor(big.patient.id, bigBrowser.cookie);
    expect(many.length).toBe(few.length);
    // 12 for the page, plus 2 for the home exercise program (its rows and its recent logs), plus 1 for check-ins and questionnaires,
    // plus 1 for the discharge survey's answers.
    expect(many.length).toBeLessThanOrEqual(16);
    // Sanity check that the big page really shows its long history.
    const html = await (await bigBrowser.get(`/patients/${big.patient.id}`)).text();
    expect(html).toContain("Task 5");
    expect(html.match(/class="timeline-text"/g)?.length).toBeGreaterThan(40);
  }, 30_000);
});
