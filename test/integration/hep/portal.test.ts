import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/hep/model";
import { addProgramItem } from "../../../src/hep/service";
import { newId } from "../../../src/platform/ids";
import { auditEvents, domainEvents, hepLogs, hepProgramItems } from "../../../src/platform/schema";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { openPortal } from "../../helpers/portal";

const TZ = "America/New_York";
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(Date.now());

/** A patient (clinic time zone New York) with chin tucks twice a day and bridges once a day, from today. */
async function setup(language: "en" | "es" = "en", program = true) {
  const clinic = await makeClinic("Harbor PT");
  const patient = await makePatient(clinic.id, { givenName: language === "es" ? "Lucía" : "Ana", preferredLanguage: language });
  if (program) {
    const { deps } = testDeps(Date.now());
    const therapist = staffActorFor(clinic.id, clinic.staff.therapist.id);
    for (const [exerciseId, timesPerDay] of [
      ["chin-tuck", 2],
      ["bridge", 1],
    ] as const) {
      const dose = { sets: 2, reps: 10, holdSeconds: exerciseId === "chin-tuck" ? 5 : 0, timesPerDay, daysPerWeek: 7 };
      const added = await addProgramItem(deps, therapist, patient.id, { exerciseId, dose }, today());
      if (!added.ok) throw new Error(added.error);
    }
  }
  const portal = await openPortal({ clinicId: clinic.id, patientId: patient.id });
  return { clinic, patient, portal };
}

const logsOf = (patientId: string) => db().select().from(hepLogs).where(eq(hepLogs.patientId, patientId)).all();
const loggedEvents = (patientId: string) =>
  db()
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.patientId, patientId), eq(domainEvents.type, "hep.logged")))
    .all();

describe("today's exercises (portal)", () => {
  it("lists each exercise with instructions, dose in words and a Done button, light and accessible", async () => {
    const { portal } = await setup();
    const res = await portal.get("/portal/exercises");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.length).toBeLessThan(50_000);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<h1>Today&#39;s exercises</h1>");
    expect(html).toMatch(/href="\/portal\/exercises" aria-current="page"/);
    expect(html).toContain("Chin tucks");
    expect(html).toContain("Gently draw your chin straight back");
    expect(html).toContain("2 sets of 10 repetitions, hold 5 seconds each time, twice a day, every day");
    expect(html).toContain("2 sets of 10 repetitions, once a day, every day");
    expect(html).toContain("0 of 2 sessions today");
    expect(html).toContain('action="/portal/exercises/chin-tuck/done"');
    expect(html).toContain('action="/portal/exercises/bridge/done"');
    expect(html).toContain('action="/portal/exercises/session/done"');
    expect(html).toContain('aria-label="Done: Bridge"');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("style=");
  });

  it("a tap on Done writes one log for the patient's local date, with its event and audit, and shows it done", async () => {
    const { clinic, patient, portal } = await setup();
    const res = await portal.post("/portal/exercises/bridge/done");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/portal/exercises?done=1");
    const logs = await logsOf(patient.id);
    expect(logs).toEqual([expect.objectContaining({ clinicId: clinic.id, exerciseId: "bridge", date: today() })]);
    const [event] = await loggedEvents(patient.id);
    expect(event).toMatchObject({ actorType: "patient", actorId: patient.id, clinicId: clinic.id });
    expect(JSON.parse(event?.payload ?? "{}")).toEqual({ date: today(), exerciseId: "bridge" });
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, patient.id), eq(auditEvents.action, "hep.log")))
      .all();
    expect(audit).toHaveLength(1);

    const html = await (await portal.get("/portal/exercises?done=1")).text();
    expect(html).toContain('role="status">Saved. Well done!');
    expect(html).toContain("✓ Done today");
    expect(html).not.toContain('action="/portal/exercises/bridge/done"');
    // Tapping an exercise that is done for today writes nothing more.
    expect((await portal.post("/portal/exercises/bridge/done")).status).toBe(303);
    expect(await logsOf(patient.id)).toHaveLength(1);
  });

  it("a double tap writes one log", async () => {
    const { patient, portal } = await setup();
    const [a, b] = await Promise.all([portal.post("/portal/exercises/chin-tuck/done"), portal.post("/portal/exercises/chin-tuck/done")]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect((await portal.post("/portal/exercises/chin-tuck/done")).status).toBe(303);
    expect(await logsOf(patient.id)).toHaveLength(1);
    expect(await loggedEvents(patient.id)).toHaveLength(1);
    const html = await (await portal.get("/portal/exercises")).text();
    expect(html).toContain("1 of 2 sessions today");
  });

  it("the whole session counts for every exercise", async () => {
    const { patient, portal } = await setup();
    expect((await portal.post("/portal/exercises/session/done")).status).toBe(303);
    expect(await logsOf(patient.id)).toEqual([expect.objectContaining({ exerciseId: "session", date: today() })]);
    const html = await (await portal.get("/portal/exercises")).text();
    expect(html).toContain("1 of 2 sessions today"); // chin tucks, twice a day
    expect(html).toContain("✓ Done today"); // bridges, once a day
  });

  it("refuses an exercise that is not in today's program, and a session with no program, writing nothing", async () => {
    const { patient, portal } = await setup();
    for (const id of ["moonwalk", "clamshell", "NOT-AN-ID!", "x".repeat(80)]) {
      const res = await portal.post(`/portal/exercises/${encodeURIComponent(id)}/done`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(html).toContain('role="alert">That exercise is not in your program for today.');
    }
    const empty = await setup("en", false);
    const none = await empty.portal.post("/portal/exercises/session/done");
    expect(none.status).toBe(409);
    expect(await none.text()).toContain("You have no exercises for today.");
    expect(await logsOf(patient.id)).toEqual([]);
    expect(await logsOf(empty.patient.id)).toEqual([]);
    expect(await loggedEvents(patient.id)).toEqual([]);
  });

  it("shows an empty state without a program, and the patient's own two weeks once there are some", async () => {
    const fresh = await setup("en", false);
    const html = await (await fresh.portal.get("/portal/exercises")).text();
    expect(html).toContain("You have no home exercises yet.");
    expect(html).not.toContain("I did my whole session");
    // A program that starts today has no past to speak of yet.
    const started = await setup();
    expect(await (await started.portal.get("/portal/exercises")).text()).not.toContain("Your last 2 weeks");

    // Bridges once a day for the last 4 days (today included): 4 sessions prescribed, 2 done before today.
    const { clinic, patient, portal } = fresh;
    await db()
      .insert(hepProgramItems)
      .values({
        id: newId(),
        clinicId: clinic.id,
        patientId: patient.id,
        exerciseId: "bridge",
        sets: 2,
        reps: 10,
        holdSeconds: 0,
        timesPerDay: 1,
        daysPerWeek: 7,
        startDate: addDays(today(), -3),
        createdAt: Date.now() - 3 * 86_400_000,
      });
    await db()
      .insert(hepLogs)
      .values(
        [-1, -2, -5].map((d) => ({
          id: newId(),
          clinicId: clinic.id,
          patientId: patient.id,
          exerciseId: "bridge",
          date: addDays(today(), d), // -5: before the program, does not count
          loggedAt: Date.now() + d * 86_400_000,
        })),
      );
    let page = await (await portal.get("/portal/exercises")).text();
    expect(page).toContain("Your last 2 weeks");
    expect(page).toContain("You did 2 of 4 sessions. Good going: every session helps.");
    await portal.post("/portal/exercises/bridge/done");
    page = await (await portal.get("/portal/exercises")).text();
    expect(page).toContain("You did 3 of 4 sessions. Good going: every session helps.");
  });

  it("speaks Spanish to a Spanish-speaking patient", async () => {
    const { portal } = await setup("es");
    const html = await (await portal.get("/portal/exercises")).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("<h1>Ejercicios de hoy</h1>");
    expect(html).toContain("Retracción de mentón");
    expect(html).toContain("Lleve el mentón suavemente hacia atrás");
    expect(html).toContain("2 series de 10 repeticiones, mantenga 5 segundos cada vez, dos veces al día, todos los días");
    expect(html).toContain("0 de 2 sesiones hoy");
    expect(html).toContain("Hice toda mi sesión");
    expect(html).not.toContain("Chin tucks");
    const refused = await portal.post("/portal/exercises/moonwalk/done");
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain("Ese ejercicio no está en su programa de hoy.");
  });

  it("needs the device check first", async () => {
    const { clinic, patient } = await setup();
    const unchecked = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    const res = await unchecked.get("/portal/exercises");
    expect(res.status).not.toBe(200);
    expect(await res.text()).not.toContain("Chin tucks");
    const tapped = await unchecked.post("/portal/exercises/bridge/done");
    expect(tapped.headers.get("location") ?? "").toMatch(/^\/portal\/verify\?/);
    expect(await logsOf(patient.id)).toEqual([]);
  });
});
