import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/hep/model";
import { addProgramItem, logExercise } from "../../../src/hep/service";
import type { Actor } from "../../../src/platform/audit";
import { newId } from "../../../src/platform/ids";
import { auditEvents, domainEvents, hepLogs, hepProgramItems } from "../../../src/platform/schema";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

const TZ = "America/New_York";
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(Date.now());
const blankDose = { sets: "", reps: "", holdSeconds: "", timesPerDay: "", daysPerWeek: "" };

async function setup() {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id, { givenName: "Rosa", familyName: "Mendez" });
  return { clinic, patient, base: `/patients/${patient.id}` };
}

const rowsOf = (patientId: string) => db().select().from(hepProgramItems).where(eq(hepProgramItems.patientId, patientId)).all();
const eventsOf = (patientId: string, type: string) =>
  db()
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.patientId, patientId), eq(domainEvents.type, type)))
    .all();

describe("home exercise program (staff)", () => {
  it("a therapist adds an exercise at its usual dose, and the patient page shows it", async () => {
    const { clinic, patient, base } = await setup();
    const therapist = await signIn(clinic.staff.therapist.email);
    const res = await therapist.post(`${base}/exercises`, { exerciseId: "chin-tuck", ...blankDose });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${base}#home-exercises`);
    const [row] = await rowsOf(patient.id);
    expect(row).toMatchObject({ clinicId: clinic.id, exerciseId: "chin-tuck", sets: 2, reps: 10, holdSeconds: 5, timesPerDay: 2 });
    expect(row).toMatchObject({ startDate: today(), endDate: null, createdBy: clinic.staff.therapist.id });
    const [event] = await eventsOf(patient.id, "hep.program_changed");
    expect(JSON.parse(event?.payload ?? "{}")).toEqual({
      change: "added",
      exerciseId: "chin-tuck",
      itemId: row?.id,
      episodeId: null,
      items: 1,
      intervalDays: 1,
    });
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.action, "hep.program_add")).all();
    expect(audit.some((a) => a.patientId === patient.id && a.actorId === clinic.staff.therapist.id)).toBe(true);

    const html = await (await therapist.get(base)).text();
    expect(html).toContain('id="home-exercises"');
    expect(html).toContain("Chin tucks");
    expect(html).toContain("2 × 10, hold 5 s, 2×/day, 7 days/week");
    expect(html).toContain("Home exercise added: Chin tucks");
  });

  it("changing a dose ends the old row yesterday and starts a new one today; removing ends it", async () => {
    const { clinic, patient, base } = await setup();
    const admin = await signIn(clinic.staff.admin.email);
    await admin.post(`${base}/exercises`, { exerciseId: "bridge", ...blankDose });
    const [first] = await rowsOf(patient.id);
    if (!first) throw new Error("not added");
    const changed = await admin.post(`${base}/exercises/${first.id}`, {
      sets: "3",
      reps: "12",
      holdSeconds: "0",
      timesPerDay: "1",
      daysPerWeek: "5",
    });
    expect(changed.status).toBe(303);
    const rows = await rowsOf(patient.id);
    expect(rows).toHaveLength(2);
    const old = rows.find((r) => r.id === first.id);
    const current = rows.find((r) => r.id !== first.id);
    expect(old).toMatchObject({ endDate: addDays(today(), -1), endedAt: expect.any(Number) });
    expect(current).toMatchObject({ exerciseId: "bridge", sets: 3, reps: 12, startDate: today(), endDate: null, endedAt: null });
    let html = await (await admin.get(base)).text();
    expect(html).toContain("3 × 12, 1×/day, 5 days/week");

    // The same dose again changes nothing.
    await admin.post(`${base}/exercises/${current?.id}`, { sets: "3", reps: "12", holdSeconds: "0", timesPerDay: "1", daysPerWeek: "5" });
    expect(await rowsOf(patient.id)).toHaveLength(2);

    const removed = await admin.post(`${base}/exercises/${current?.id}/remove`);
    expect(removed.status).toBe(303);
    const ended = (await rowsOf(patient.id)).find((r) => r.id === current?.id);
    expect(ended).toMatchObject({ endDate: addDays(today(), -1), endedAt: expect.any(Number) });
    const changes = (await eventsOf(patient.id, "hep.program_changed")).map((e) => JSON.parse(e.payload).change);
    expect(changes.sort()).toEqual(["added", "changed", "removed"]);
    html = await (await admin.get(base)).text();
    expect(html).toContain("No home exercise program yet.");
    // An ended row cannot be changed or removed again.
    expect((await admin.post(`${base}/exercises/${current?.id}/remove`)).status).toBe(404);
  });

  it("htmx gets the section back with a notice", async () => {
    const { clinic, base } = await setup();
    const therapist = await signIn(clinic.staff.therapist.email);
    const res = await therapist.post(`${base}/exercises`, { exerciseId: "clamshell", ...blankDose }, { headers: { "hx-request": "true" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).toMatch(/^<section[^>]*id="home-exercises"/);
    expect(html).toContain("Clamshell added to the program.");
  });

  it("refuses bad input inline with 422 and writes nothing", async () => {
    const { clinic, patient, base } = await setup();
    const therapist = await signIn(clinic.staff.therapist.email);
    const unknown = await therapist.post(`${base}/exercises`, { exerciseId: "moonwalk", ...blankDose });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("Choose an exercise from the library");
    const tooMany = await therapist.post(`${base}/exercises`, { exerciseId: "bridge", ...blankDose, sets: "11" });
    expect(tooMany.status).toBe(422);
    const page = await tooMany.text();
    expect(page).toContain("Enter a whole number from 1 to 10");
    expect(page).toContain('aria-invalid="true"');
    expect(await rowsOf(patient.id)).toEqual([]);

    await therapist.post(`${base}/exercises`, { exerciseId: "bridge", ...blankDose });
    const twice = await therapist.post(`${base}/exercises`, { exerciseId: "bridge", ...blankDose }, { headers: { "hx-request": "true" } });
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain("already in the program");
    const [row] = await rowsOf(patient.id);
    const badDose = await therapist.post(`${base}/exercises/${row?.id}`, {
      sets: "2",
      reps: "60",
      holdSeconds: "0",
      timesPerDay: "1",
      daysPerWeek: "7",
    });
    expect(badDose.status).toBe(422);
    expect(await badDose.text()).toContain("Enter a whole number from 1 to 50");
    expect(await rowsOf(patient.id)).toHaveLength(1);
    expect(await eventsOf(patient.id, "hep.program_changed")).toHaveLength(1);
  });

  it("front desk sees the program but cannot change it", async () => {
    const { clinic, patient, base } = await setup();
    const { deps } = testDeps(Date.now());
    const added = await addProgramItem(
      deps,
      staffActorFor(clinic.id, clinic.staff.therapist.id),
      patient.id,
      { exerciseId: "heel-slide", dose: { sets: 2, reps: 15, holdSeconds: 0, timesPerDay: 2, daysPerWeek: 7 } },
      today(),
    );
    if (!added.ok) throw new Error(added.error);
    const desk = await signIn(clinic.staff.front_desk.email);
    const html = await (await desk.get(base)).text();
    expect(html).toContain("Heel slides");
    expect(html).not.toContain("Add to program");
    expect(html).toContain("Only therapists and administrators can change the program.");
    const before = await rowsOf(patient.id);
    expect((await desk.post(`${base}/exercises`, { exerciseId: "bridge", ...blankDose })).status).toBe(403);
    expect(
      (await desk.post(`${base}/exercises/${added.value}`, { sets: "1", reps: "1", holdSeconds: "0", timesPerDay: "1", daysPerWeek: "1" }))
        .status,
    ).toBe(403);
    expect((await desk.post(`${base}/exercises/${added.value}/remove`)).status).toBe(403);
    expect(await rowsOf(patient.id)).toEqual(before);
  });

  it("shows 14-day adherence once the patient logs", async () => {
    const { clinic, patient, base } = await setup();
    const now = Date.now();
    const start = addDays(today(), -6);
    // 1×/day, 7 days a week, for the last 7 days: 7 sessions prescribed in the window.
    await db()
      .insert(hepProgramItems)
      .values({
        id: newId(),
        clinicId: clinic.id,
        patientId: patient.id,
        exerciseId: "quad-set",
        sets: 2,
        reps: 10,
        holdSeconds: 5,
        timesPerDay: 1,
        daysPerWeek: 7,
        startDate: start,
        createdAt: now - 7 * 86_400_000,
      });
    const past = [-1, -3, -4].map((d) => addDays(today(), d));
    await db()
      .insert(hepLogs)
      .values(
        past.map((date, i) => ({
          id: newId(),
          clinicId: clinic.id,
          patientId: patient.id,
          exerciseId: "quad-set",
          date,
          loggedAt: now - (i + 1) * 86_400_000,
        })),
      );
    const patientActor: Actor = {
      clinicId: clinic.id,
      actorType: "patient",
      actorId: patient.id,
      route: "test",
      clientIp: null,
      userAgent: null,
      requestId: null,
    };
    const logged = await logExercise(testDeps(now).deps, patientActor, patient.id, "quad-set", today());
    expect(logged).toEqual({ ok: true, value: "logged" });
    const desk = await signIn(clinic.staff.front_desk.email);
    const html = await (await desk.get(base)).text();
    expect(html).toContain("Adherence (14 days): 57% — 4 of 7 sessions");
    expect(html).toContain("Home exercise done: Quad sets");
  });

  it("another clinic's staff cannot see or change the program", async () => {
    const { clinic, patient, base } = await setup();
    const { deps } = testDeps(Date.now());
    const added = await addProgramItem(
      deps,
      staffActorFor(clinic.id, clinic.staff.therapist.id),
      patient.id,
      { exerciseId: "bridge", dose: { sets: 2, reps: 10, holdSeconds: 0, timesPerDay: 1, daysPerWeek: 7 } },
      today(),
    );
    if (!added.ok) throw new Error(added.error);
    const other = await makeClinic("Elsewhere PT");
    const ownPatient = await makePatient(other.id);
    const intruder = await signIn(other.staff.therapist.email);
    const before = await rowsOf(patient.id);
    const calls = [
      intruder.get(`${base}/exercises`),
      intruder.post(`${base}/exercises`, { exerciseId: "clamshell", ...blankDose }),
      intruder.post(`${base}/exercises/${added.value}`, { sets: "5", reps: "5", holdSeconds: "0", timesPerDay: "1", daysPerWeek: "7" }),
      intruder.post(`${base}/exercises/${added.value}/remove`),
      // Their own patient's URL with this clinic's row.
      intruder.post(`/patients/${ownPatient.id}/exercises/${added.value}/remove`),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Mendez");
    }
    expect(await rowsOf(patient.id)).toEqual(before);
    expect(await rowsOf(ownPatient.id)).toEqual([]);
  });
});
