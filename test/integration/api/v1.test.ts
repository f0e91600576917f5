import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { domainEvents, tasks } from "../../../src/platform/schema";
import { bookAppointment } from "../../../src/scheduling/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makePatient } from "../../helpers/factories";
import { apiClinic, inAWeek, type Json, postJson, withKey } from "./setup";

const getJson = async (key: string, path: string) => {
  const res = await withKey(key, path);
  return { res, body: (await res.json()) as Json };
};

describe("/api/v1 reads", () => {
  it("lists patients with journey state and a null risk, paging by cursor to every patient exactly once", async () => {
    const s = await apiClinic();
    for (let i = 0; i < 4; i++) await makePatient(s.clinic.id, { givenName: `Page${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { res, body }: { res: Response; body: Json } = await getJson(
        s.key,
        `/api/v1/patients?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      for (const p of body.data) {
        expect(p.risk).toBeNull();
        seen.push(p.id);
      }
      cursor = body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const bad = await getJson(s.key, "/api/v1/patients?cursor=not-a-cursor");
    expect([bad.res.status, bad.body.detail]).toEqual([400, "cursor: not a cursor of this list"]);
    const unknown = await getJson(s.key, "/api/v1/patients?sort=name");
    expect(unknown.res.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe("sort");
    expect((await getJson(s.key, "/api/v1/patients?limit=0")).res.status).toBe(400);
    for (const path of ["/api/v1", "/api/v1/", "/api/v1/kpi", "/api/v1/patients/x/y/z"]) {
      const missing = await withKey(s.key, path);
      expect([missing.status, missing.headers.get("content-type")], path).toEqual([404, "application/problem+json"]);
    }
  });

  it("shows a patient and their journey: projection state, since, and the next touches from the journey object", async () => {
    const s = await apiClinic();
    const fresh = await getJson(s.key, `/api/v1/patients/${s.patient.id}/journey`);
    expect(fresh.body).toEqual({ patient_id: s.patient.id, state: "new", since: expect.any(String), next_touches: [] });

    const { deps } = testDeps(Date.now());
    const booked = await bookAppointment(deps, staffActorFor(s.clinic.id, s.clinic.staff.front_desk.id), "America/New_York", {
      patientId: s.patient.id,
      therapistId: s.clinic.staff.therapist.id,
      episodeId: null,
      date: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
      time: "10:00",
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    if (!booked.ok) throw new Error(JSON.stringify(booked.error));

    const patient = await getJson(s.key, `/api/v1/patients/${s.patient.id}`);
    expect(patient.body).toMatchObject({
      id: s.patient.id,
      given_name: "Rosa",
      date_of_birth: "1975-06-15",
      identifiers: [{ system: "MRN", value: s.patient.identifier.value }],
      journey: { state: "scheduled" },
      risk: null,
    });
    const journey = await getJson(s.key, `/api/v1/patients/${s.patient.id}/journey`);
    expect(journey.body.state).toBe("scheduled");
    const reminders = journey.body.next_touches.filter((t: Json) => t.kind === "visit_reminder");
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((t: Json) => t.appointment_id === booked.value.id && Date.parse(t.at) < booked.value.startsAt)).toBe(true);
    const times = journey.body.next_touches.map((t: Json) => Date.parse(t.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await getJson(s.key, "/api/v1/patients/nobody/journey")).res.status).toBe(404);
  });

  it("lists tasks, messages and appointments with their filters", async () => {
    const s = await apiClinic();
    const open = await getJson(s.key, `/api/v1/tasks?status=open&patient=${s.patient.id}`);
    expect(open.body.data.map((t: Json) => t.id)).toEqual([s.taskId]);
    expect(open.body.data[0]).toMatchObject({ source: "manual", status: "open", due_date: "2030-01-01" });
    expect((await getJson(s.key, "/api/v1/tasks?status=done")).body.data).toEqual([]);
    expect((await getJson(s.key, "/api/v1/tasks?status=finished")).res.status).toBe(400);

    const messages = await getJson(s.key, `/api/v1/messages?patient=${s.patient.id}`);
    expect(messages.body.data).toEqual([
      expect.objectContaining({ id: s.messageId, body: "See you tomorrow at 10:00", status: "delivered" }),
    ]);

    const all = await getJson(s.key, `/api/v1/appointments?patient=${s.patient.id}`);
    expect(all.body.data).toHaveLength(6);
    expect(all.body.data[0].therapist).toEqual({ id: s.clinic.staff.therapist.id, name: expect.any(String) });
    const noShows = await getJson(s.key, `/api/v1/appointments?patient=${s.patient.id}&status=no_show`);
    expect(noShows.body.data.map((a: Json) => a.id)).toEqual([s.visitIds.no_show]);
    const from = new Date(Date.now() - 12 * 3_600_000).toISOString();
    const upcoming = await getJson(s.key, `/api/v1/appointments?patient=${s.patient.id}&from=${encodeURIComponent(from)}&limit=2`);
    expect(upcoming.body.data.map((a: Json) => a.id)).toEqual([s.visitIds.attended, s.visitIds.cancelled]);
    const next = await getJson(
      s.key,
      `/api/v1/appointments?patient=${s.patient.id}&from=${encodeURIComponent(from)}&limit=2&cursor=${upcoming.body.next_cursor}`,
    );
    expect(next.body).toEqual({ data: [expect.objectContaining({ id: s.visitIds.no_show })], next_cursor: null });
    expect((await getJson(s.key, "/api/v1/appointments?from=yesterday")).res.status).toBe(400);
  });
});

describe("/api/v1 writes", () => {
  it("creates a task through the worklist, with its domain event and the integration as actor", async () => {
    const s = await apiClinic();
    const res = await postJson(s.key, "/api/v1/tasks", {
      type: "call_to_schedule",
      title: "Call to book the re-evaluation",
      patient_id: s.patient.id,
      due_date: inAWeek(),
    });
    expect(res.status).toBe(201);
    const task = (await res.json()) as Json;
    expect(task).toMatchObject({ type: "call_to_schedule", status: "open", patient_id: s.patient.id, source: "manual" });
    const row = await db().select().from(tasks).where(eq(tasks.id, task.id)).get();
    expect(row?.createdBy).toBe(s.integration.id);
    const events = await db()
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.clinicId, s.clinic.id), eq(domainEvents.type, "task.created")))
      .all();
    expect(events.map((e) => [e.actorType, e.actorId])).toEqual([["integration", s.integration.id]]);
  });

  it("refuses bad task input field by field, and nothing is written", async () => {
    const s = await apiClinic();
    const before = (await db().select().from(tasks).where(eq(tasks.clinicId, s.clinic.id)).all()).length;
    const cases: [unknown, string][] = [
      [{ due_date: inAWeek() }, "title"],
      [{ title: "x", due_date: "2001-01-01" }, "due_date"],
      [{ title: "x", due_date: "2026-02-30" }, "due_date"],
      [{ title: "x", due_date: inAWeek(), type: "errand" }, "type"],
      [{ title: "x", due_date: inAWeek(), priority: "high" }, "priority"],
      [{ title: "x", due_date: inAWeek(), patient_id: "someone-else" }, "patient_id"],
    ];
    for (const [body, field] of cases) {
      const res = await postJson(s.key, "/api/v1/tasks", body);
      expect(res.status, field).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(
        ((await res.json()) as Json).errors.map((e: Json) => e.field),
        field,
      ).toContain(field);
    }
    const notJson = await withKey(s.key, "/api/v1/tasks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{title",
    });
    expect(notJson.status).toBe(400);
    const form = await withKey(s.key, "/api/v1/tasks", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "title=x",
    });
    expect(form.status).toBe(415);
    const huge = await postJson(s.key, "/api/v1/tasks", { title: "x".repeat(20_000), due_date: inAWeek() });
    expect(huge.status).toBe(413);
    expect((await db().select().from(tasks).where(eq(tasks.clinicId, s.clinic.id)).all()).length).toBe(before);
  });

  it("completes a task once with its outcome; a second time is a conflict", async () => {
    const s = await apiClinic();
    const done = await postJson(s.key, `/api/v1/tasks/${s.taskId}/complete`, { outcome: "Brace ordered" });
    expect(done.status).toBe(200);
    expect((await done.json()) as Json).toMatchObject({
      id: s.taskId,
      status: "done",
      outcome_note: "Brace ordered",
      completed_at: expect.any(String),
    });
    expect((await postJson(s.key, `/api/v1/tasks/${s.taskId}/complete`, { outcome: "Again" })).status).toBe(409);
    expect((await postJson(s.key, `/api/v1/tasks/${s.taskId}/complete`, { outcome: "" })).status).toBe(422);
    expect((await postJson(s.key, "/api/v1/tasks/no-such-task/complete", { outcome: "x" })).status).toBe(404);
  });
});
