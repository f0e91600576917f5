import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { localDateIn } from "../../../src/clinics/model";
import { createDb } from "../../../src/platform/db";
import { auditEvents, domainEvents, staffUsers, tasks } from "../../../src/platform/schema";
import { addDays, startOfWeek } from "../../../src/platform/time";
import { createTask, type TaskInput } from "../../../src/worklist/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { BASE, env, signIn } from "../../helpers/http";

const TZ = "America/New_York";
/** The routes run on the real clock: "today" is the clinic's real local date. */
const today = () => localDateIn(Date.now(), TZ);
const htmx = { headers: { "hx-request": "true" } };

async function setup() {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id, { givenName: "José", familyName: "Pérez" });
  const { deps, clock } = testDeps(Date.now());
  const actor = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const add = async (over: Partial<TaskInput>) => {
    clock.advance(1);
    const made = await createTask(deps, actor, {
      type: "other",
      title: "A task",
      patientId: null,
      assigneeId: null,
      dueDate: today(),
      ...over,
    });
    if (!made.ok) throw new Error(made.error);
    return made.value;
  };
  const desk = await signIn(clinic.staff.front_desk.email);
  return { clinic, patient, deps, actor, add, desk };
}

const clinicTasks = (clinicId: string) => db().select().from(tasks).where(eq(tasks.clinicId, clinicId)).all();
const taskById = async (id: string) => (await db().select().from(tasks).where(eq(tasks.id, id)).all())[0];
const auditOf = (clinicId: string, action: string) =>
  db()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.clinicId, clinicId), eq(auditEvents.action, action)))
    .all();
const eventsOf = (clinicId: string, type: string) =>
  db()
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.clinicId, clinicId), eq(domainEvents.type, type)))
    .all();
/** Rows written for a clinic's tasks: tasks, their audit rows and their events. */
async function writes(clinicId: string) {
  const [t, a, e] = await Promise.all([
    clinicTasks(clinicId),
    db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, clinicId), like(auditEvents.action, "task.%")))
      .all(),
    db()
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.clinicId, clinicId), like(domainEvents.type, "task.%")))
      .all(),
  ]);
  return {
    tasks: t.map((x) => `${x.id}:${x.status}:${x.assigneeId}:${x.outcomeNote}`).sort(),
    audit: a.filter((x) => x.action !== "task.list").length,
    events: e.length,
  };
}

/** The titles listed on a worklist page, in order. */
async function titles(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/<tr id="task-[^"]+"[^>]*>(?:<td>.*?<\/td>){2}<td>(.*?)<\/td>/g)].map((m) => m[1] ?? "");
}

describe("worklist filters", () => {
  it("assignee, type and due each narrow the list to exactly the matching tasks", async () => {
    const { clinic, patient, add, desk } = await setup();
    const t = today();
    const weekEnd = addDays(startOfWeek(t), 6);
    const specs: Partial<TaskInput>[] = [
      { title: "Mine overdue", assigneeId: clinic.staff.front_desk.id, dueDate: addDays(t, -1), type: "call_to_schedule" },
      { title: "Therapist today", assigneeId: clinic.staff.therapist.id, dueDate: t, type: "progress_note_due", patientId: patient.id },
      // On a Sunday the week ends today; otherwise this one is due later this week.
      { title: "Unassigned week end", dueDate: weekEnd, type: "call_to_schedule" },
      { title: "Unassigned next week", dueDate: addDays(weekEnd, 1), type: "other" },
    ];
    for (const spec of specs) await add(spec);
    const dueBy = (date: string) => specs.filter((s) => (s.dueDate ?? "") <= date).map((s) => s.title);

    const all = ["Mine overdue", "Therapist today", "Unassigned week end", "Unassigned next week"];
    expect(await titles(await desk.get("/worklist"))).toEqual(all);
    expect(await titles(await desk.get("/worklist?assignee=anyone&due=all"))).toEqual(all);
    expect(await titles(await desk.get("/worklist?assignee=me"))).toEqual(["Mine overdue"]);
    expect(await titles(await desk.get("/worklist?assignee=unassigned"))).toEqual(["Unassigned week end", "Unassigned next week"]);
    expect(await titles(await desk.get(`/worklist?assignee=${clinic.staff.therapist.id}`))).toEqual(["Therapist today"]);
    expect(await titles(await desk.get("/worklist?type=call_to_schedule"))).toEqual(["Mine overdue", "Unassigned week end"]);
    expect(await titles(await desk.get("/worklist?type=progress_note_due"))).toEqual(["Therapist today"]);
    expect(await titles(await desk.get("/worklist?due=overdue"))).toEqual(["Mine overdue"]);
    expect(await titles(await desk.get("/worklist?due=today"))).toEqual(dueBy(t));
    expect(dueBy(t)).toContain("Therapist today");
    expect(await titles(await desk.get("/worklist?due=week"))).toEqual(["Mine overdue", "Therapist today", "Unassigned week end"]);
    expect(await titles(await desk.get("/worklist?type=call_to_schedule&due=overdue&assignee=me"))).toEqual(["Mine overdue"]);
    // A filter value it does not know falls back to showing everything, not an error.
    expect(await titles(await desk.get("/worklist?type=bogus&due=someday"))).toEqual(all);

    // htmx gets the table alone, with the same narrowing.
    const fragment = await desk.get("/worklist?assignee=me", htmx);
    const html = await fragment.text();
    expect(html).not.toContain("<html");
    expect(html).toContain("Mine overdue");
    expect(html).not.toContain("Therapist today");
  });

  it("shows type, patient link, assignee, due date with overdue highlighted, and status", async () => {
    const { clinic, patient, add, desk } = await setup();
    const overdue = await add({ title: "Late call", dueDate: addDays(today(), -2), patientId: patient.id, type: "call_to_schedule" });
    const onTime = await add({ title: "On time", dueDate: today(), assigneeId: clinic.staff.therapist.id });
    const html = await (await desk.get("/worklist")).text();
    const row = (id: string) => new RegExp(`<tr id="task-${id}"[^>]*>.*?</tr>`, "s").exec(html)?.[0] ?? "";
    expect(row(overdue)).toContain('class="task overdue"');
    expect(row(overdue)).toContain("Overdue");
    expect(row(overdue)).toContain(`href="/patients/${patient.id}"`);
    expect(row(overdue)).toContain("José Pérez");
    expect(row(overdue)).toContain("Call to schedule");
    expect(row(overdue)).toContain("Unassigned");
    expect(row(overdue)).toContain("Open");
    expect(row(onTime)).not.toContain("Overdue");
    expect(row(onTime)).toContain("therapist Test Clinic");
    expect(row(onTime)).toContain(`href="/schedule?date=${today()}"`);
  });
});

describe("creating a task", () => {
  it("creates it with an audit row and a task.created event, then lists it", async () => {
    const { clinic, patient, desk } = await setup();
    const due = addDays(today(), 3);
    const res = await desk.post("/worklist", {
      type: "call_to_schedule",
      title: "Call about next visit",
      patientId: patient.id,
      assigneeId: clinic.staff.therapist.id,
      dueDate: due,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/worklist");
    const [task, ...rest] = await clinicTasks(clinic.id);
    expect(rest).toHaveLength(0);
    expect(task).toMatchObject({
      type: "call_to_schedule",
      title: "Call about next visit",
      patientId: patient.id,
      assigneeId: clinic.staff.therapist.id,
      dueDate: due,
      status: "open",
      createdBy: clinic.staff.front_desk.id,
    });
    const audit = await auditOf(clinic.id, "task.create");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: clinic.staff.front_desk.id, patientId: patient.id });
    const events = await eventsOf(clinic.id, "task.created");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.payload ?? "{}")).toMatchObject({ taskId: task?.id, taskType: "call_to_schedule", source: "manual" });
    expect(await (await desk.get("/worklist")).text()).toContain("Call about next visit");
  });

  it("a task without patient or assignee is fine", async () => {
    const { clinic, desk } = await setup();
    const res = await desk.post("/worklist", { type: "other", title: "Order theraband", patientId: "", assigneeId: "", dueDate: today() });
    expect(res.status).toBe(303);
    expect(await clinicTasks(clinic.id)).toMatchObject([{ title: "Order theraband", patientId: null, assigneeId: null }]);
  });

  it("refuses bad input with a message beside the field, 422, and writes nothing", async () => {
    const { clinic, patient, desk } = await setup();
    const foreign = await makeClinic("Foreign");
    const foreignPatient = await makePatient(foreign.id, { givenName: "Secret", familyName: "Stranger" });
    await db().update(staffUsers).set({ active: false }).where(eq(staffUsers.id, clinic.staff.billing.id));
    const good = { type: "other", title: "Something", patientId: patient.id, assigneeId: "", dueDate: today() };
    const cases: [Record<string, string>, string][] = [
      [{ ...good, title: "   " }, "Enter what needs doing"],
      [{ ...good, dueDate: "" }, "Enter the due date"],
      [{ ...good, dueDate: "tomorrow" }, "Use the format YYYY-MM-DD"],
      [{ ...good, dueDate: "2027-02-30" }, "That date does not exist"],
      [{ ...good, dueDate: addDays(today(), -1) }, "A new task cannot be due in the past"],
      [{ ...good, type: "" }, "Choose a type"],
      [{ ...good, type: "hack" }, "Choose a type"],
      [{ ...good, patientId: "no-such-patient" }, "That patient is not a patient of this clinic."],
      [{ ...good, patientId: foreignPatient.id }, "That patient is not a patient of this clinic."],
      [{ ...good, assigneeId: foreign.staff.owner.id }, "Choose a current staff member of this clinic."],
      [{ ...good, assigneeId: clinic.staff.billing.id }, "Choose a current staff member of this clinic."],
    ];
    const { dueDate: _absent, ...noDue } = good;
    cases.push([noDue, "Enter the due date"]);
    for (const [form, message] of cases) {
      const res = await desk.post("/worklist", form);
      const html = await res.text();
      expect(`${JSON.stringify(form)} -> ${res.status}`).toBe(`${JSON.stringify(form)} -> 422`);
      expect(html).toContain(message);
      expect(html).toContain("Nothing was saved");
      expect(html).not.toContain("Stranger");
    }
    expect(await writes(clinic.id)).toEqual({ tasks: [], audit: 0, events: 0 });
    expect(await clinicTasks(foreign.id)).toHaveLength(0);
  });
});

describe("closing and assigning a task", () => {
  it("completes with an outcome note: audit row, task.completed event, back to the list without JS", async () => {
    const { clinic, add, desk } = await setup();
    const id = await add({ title: "Call back" });
    const back = "/worklist?assignee=me&due=today";
    const res = await desk.post(`/worklist/${id}/complete`, { outcome: "Left a voicemail, booked Tuesday", back });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(back);
    expect(await taskById(id)).toMatchObject({ status: "done", outcomeNote: "Left a voicemail, booked Tuesday" });
    expect((await taskById(id))?.completedAt).not.toBeNull();
    expect(await auditOf(clinic.id, "task.done")).toHaveLength(1);
    const events = await eventsOf(clinic.id, "task.completed");
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]?.payload ?? "{}")).toMatchObject({ taskId: id, status: "done" });

    // Gone from the open list, shown with its outcome under ?status=done.
    expect(await titles(await desk.get("/worklist"))).toEqual([]);
    const done = await (await desk.get("/worklist?status=done")).text();
    expect(done).toContain("Call back");
    expect(done).toContain("Left a voicemail, booked Tuesday");
  });

  it("with htmx each action answers the row alone, swapped in place", async () => {
    const { clinic, add, desk } = await setup();
    const a = await add({ title: "Row A" });
    const b = await add({ title: "Row B" });
    const c = await add({ title: "Row C" });

    const done = await desk.post(`/worklist/${a}/complete`, { outcome: "Sorted" }, htmx);
    expect(done.status).toBe(200);
    const doneHtml = await done.text();
    expect(doneHtml).toMatch(new RegExp(`^<tr id="task-${a}"`));
    expect(doneHtml).toContain("Done");
    expect(doneHtml).toContain("Sorted");
    expect(doneHtml).not.toContain("Row B");

    const assigned = await desk.post(`/worklist/${b}/assign`, { assigneeId: clinic.staff.therapist.id }, htmx);
    expect(assigned.status).toBe(200);
    expect(await assigned.text()).toContain("therapist Test Clinic");
    expect((await taskById(b))?.assigneeId).toBe(clinic.staff.therapist.id);
    expect(await auditOf(clinic.id, "task.assign")).toHaveLength(1);

    const unassigned = await desk.post(`/worklist/${b}/assign`, { assigneeId: "" }, htmx);
    expect(await unassigned.text()).toContain("Unassigned");
    expect((await taskById(b))?.assigneeId).toBeNull();

    const cancelled = await desk.post(`/worklist/${c}/cancel`, {}, htmx);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain("Cancelled");
    expect((await taskById(c))?.status).toBe("cancelled");
    expect(await auditOf(clinic.id, "task.cancelled")).toHaveLength(1);
    const events = await eventsOf(clinic.id, "task.completed");
    expect(events.map((e) => JSON.parse(e.payload).status).sort()).toEqual(["cancelled", "done"]);
  });

  it("refuses an empty outcome, an unknown assignee and a closed task, changing nothing", async () => {
    const { clinic, add, desk } = await setup();
    const foreign = await makeClinic("Foreign");
    const id = await add({ title: "Keep me open", assigneeId: clinic.staff.therapist.id });
    const closed = await add({ title: "Already done" });
    expect((await desk.post(`/worklist/${closed}/complete`, { outcome: "Done earlier" })).status).toBe(303);
    const before = await writes(clinic.id);

    const empty = await desk.post(`/worklist/${id}/complete`, { outcome: "  " });
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Write down what happened");
    expect(emptyHtml).toContain("Keep me open");
    const emptyHtmx = await desk.post(`/worklist/${id}/complete`, { outcome: "" }, htmx);
    expect(emptyHtmx.status).toBe(422);
    expect(await emptyHtmx.text()).toContain("Write down what happened");

    for (const assigneeId of [foreign.staff.owner.id, "nobody"]) {
      const res = await desk.post(`/worklist/${id}/assign`, { assigneeId });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain("Choose a current staff member of this clinic.");
    }
    for (const action of ["complete", "cancel"]) {
      const res = await desk.post(`/worklist/${closed}/${action}`, { outcome: "Again" });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain("already closed");
    }
    expect((await desk.post(`/worklist/${closed}/assign`, { assigneeId: "" })).status).toBe(409);
    expect(await writes(clinic.id)).toEqual(before);
  });

  it("a plain form's way back cannot point off the worklist", async () => {
    const { add, desk } = await setup();
    for (const back of ["https://evil.example/", "//evil.example", "/settings/staff", "/worklist/../settings"]) {
      const id = await add({ title: "Redirect me" });
      const res = await desk.post(`/worklist/${id}/cancel`, { back });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/worklist");
    }
  });
});

describe("another clinic's ids", () => {
  it("a foreign task id answers 404 on every action and nothing changes; the lists never show it", async () => {
    const home = await setup();
    const other = await makeClinic("Other Clinic");
    const taskId = await home.add({ title: "Home secret task", patientId: home.patient.id });
    const before = await writes(home.clinic.id);
    const intruder = await signIn(other.staff.owner.email);
    for (const [action, form] of [
      ["complete", { outcome: "hijacked" }],
      ["complete", { outcome: "" }],
      ["cancel", {}],
      ["assign", { assigneeId: other.staff.owner.id }],
      ["assign", { assigneeId: "" }],
    ] as const) {
      for (const init of [{}, htmx]) {
        const res = await intruder.post(`/worklist/${taskId}/${action}`, form, init);
        expect(`${action} ${JSON.stringify(form)} -> ${res.status}`).toBe(`${action} ${JSON.stringify(form)} -> 404`);
        expect(await res.text()).not.toContain("Home secret task");
      }
    }
    expect(await writes(home.clinic.id)).toEqual(before);
    for (const path of ["/worklist", "/worklist?status=done", `/worklist?assignee=${home.clinic.staff.front_desk.id}`, "/"]) {
      expect(await (await intruder.get(path)).text()).not.toContain("Home secret task");
    }
    // A patient of another clinic cannot be picked, searched or prefilled.
    expect((await intruder.get(`/worklist/new?patient=${home.patient.id}`)).status).toBe(404);
    expect(await (await intruder.get("/worklist/new?q=perez")).text()).not.toContain(home.patient.id);
    expect(await (await intruder.get("/worklist/patients?q=perez", htmx)).text()).not.toContain(home.patient.id);
  });
});

describe("the new-task form", () => {
  it("prefills the patient from ?patient=<id> and finds patients by name", async () => {
    const { patient, clinic, desk } = await setup();
    await makePatient(clinic.id, { givenName: "Maria", familyName: "Lopez" });
    const prefilled = await (await desk.get(`/worklist/new?patient=${patient.id}`)).text();
    expect(prefilled).toMatch(new RegExp(`value="${patient.id}"[^>]*checked`));
    expect(prefilled).toContain("José Pérez");
    expect(prefilled).toContain(`value="${today()}"`);

    const search = await (await desk.get("/worklist/new?q=perez")).text();
    expect(search).toContain(`value="${patient.id}"`);
    expect(search).not.toContain("Lopez");

    const fragment = await desk.get("/worklist/patients?q=lopez", htmx);
    const html = await fragment.text();
    expect(html).toMatch(/^<div id="patient-matches"/);
    expect(html).toContain("Maria Lopez");
    expect(html).not.toContain("Pérez");
    expect(await (await desk.get("/worklist/patients?q=zzz", htmx)).text()).toContain("No patient matches");
  });
});

describe("performance", { timeout: 30_000 }, () => {
  it("the worklist uses the same number of D1 statements for 2 tasks as for 60", async () => {
    const { add, desk, patient } = await setup();
    const counted = async () => {
      let statements = 0;
      const d1 = new Proxy(env.DB, {
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
      const app = createApp({ db: createDb(d1) });
      const res = await app.request(`${BASE}/worklist`, { headers: { cookie: `rapport_session=${desk.cookie}` } }, env);
      expect(res.status).toBe(200);
      return statements;
    };
    await add({ title: "One", patientId: patient.id });
    await add({ title: "Two" });
    const small = await counted();
    for (let i = 0; i < 58; i++) await add({ title: `Bulk ${i}`, patientId: patient.id });
    const large = await counted();
    expect(large).toBe(small);
    expect(small).toBeLessThan(10);
  });
});
