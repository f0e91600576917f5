import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MINUTE } from "../../../src/platform/clock";
import { appointmentChanges, appointments, auditEvents, domainEvents } from "../../../src/platform/schema";
import { bookAppointment, changeStatus, rescheduleAppointment, setAvailability } from "../../../src/scheduling/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";

const TZ = "America/New_York";

async function setup() {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const other = await makePatient(clinic.id, { familyName: "Other" });
  const { deps, clock } = testDeps();
  const actor = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const therapistId = clinic.staff.therapist.id;
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: "08:00", endTime: "17:00" }));
  await setAvailability(deps, staffActorFor(clinic.id, clinic.staff.owner.id), therapistId, weekdays);
  const book = (over: Partial<Parameters<typeof bookAppointment>[3]> = {}) =>
    bookAppointment(deps, actor, TZ, {
      patientId: patient.id,
      therapistId,
      episodeId: null,
      date: "2026-12-01",
      time: "10:00",
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: false,
      ...over,
    });
  return { clinic, patient, other, deps, clock, actor, therapistId, book };
}

describe("booking", () => {
  it("books a visit at the clinic-local time and records history, audit and an event together", async () => {
    const { book, clinic } = await setup();
    const booked = await book();
    expect(booked.ok).toBe(true);
    if (!booked.ok) return;
    expect(new Date(booked.value.startsAt).toISOString()).toBe("2026-12-01T15:00:00.000Z");
    const id = booked.value.id;
    expect(await db().select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, id)).all()).toHaveLength(1);
    const events = await db().select().from(domainEvents).where(eq(domainEvents.clinicId, clinic.id)).all();
    expect(events.map((e) => e.type)).toEqual(["appointment.booked"]);
    expect(events[0]?.deliveredAt).not.toBeNull();
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, clinic.id), eq(auditEvents.action, "appointment.book")))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("refuses a double booking of the therapist and writes nothing", async () => {
    const { book, other, clinic } = await setup();
    expect((await book()).ok).toBe(true);
    for (const time of ["10:00", "10:30", "09:30"]) {
      const clash = await book({ patientId: other.id, time });
      expect(clash.ok).toBe(false);
      if (!clash.ok) expect(clash.error.code).toBe("conflict");
    }
    // Back to back is fine.
    expect((await book({ patientId: other.id, time: "10:45" })).ok).toBe(true);
    const rows = await db().select().from(appointments).where(eq(appointments.clinicId, clinic.id)).all();
    expect(rows).toHaveLength(2);
  });

  it("the database refuses the second of two racing bookings, with nothing half-written", async () => {
    const { book, other, clinic } = await setup();
    const [a, b] = await Promise.all([book(), book({ patientId: other.id })]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const rows = await db().select().from(appointments).where(eq(appointments.clinicId, clinic.id)).all();
    expect(rows).toHaveLength(1);
    const changes = await db().select().from(appointmentChanges).where(eq(appointmentChanges.clinicId, clinic.id)).all();
    expect(changes).toHaveLength(1);
    const events = await db().select().from(domainEvents).where(eq(domainEvents.clinicId, clinic.id)).all();
    expect(events).toHaveLength(1);
  });

  it("outside the therapist's hours only with an explicit override", async () => {
    const { book } = await setup();
    const refused = await book({ time: "18:00" });
    expect(!refused.ok && refused.error.code).toBe("outside_availability");
    const saturday = await book({ date: "2026-12-05" });
    expect(!saturday.ok && saturday.error.code).toBe("outside_availability");
    const forced = await book({ time: "18:00", allowOutsideAvailability: true });
    expect(forced.ok && forced.value.outsideAvailability).toBe(true);
  });

  it("walks the status guards: an attended visit cannot go back", async () => {
    const { book, deps, actor, clock } = await setup();
    const booked = await book();
    if (!booked.ok) throw new Error("booking failed");
    const id = booked.value.id;
    // The visit is at 10:00 New York on 1 December: check in a few minutes early, attend once it has started.
    clock.set(booked.value.startsAt - 5 * MINUTE);
    expect((await changeStatus(deps, actor, id, "arrived")).ok).toBe(true);
    clock.set(booked.value.startsAt + 40 * MINUTE);
    expect((await changeStatus(deps, actor, id, "attended")).ok).toBe(true);
    for (const to of ["booked", "confirmed", "arrived", "cancelled", "no_show"] as const) {
      const r = await changeStatus(deps, actor, id, to);
      expect(r.ok ? "ok" : r.error).toBe("invalid_transition");
    }
    const moved = await rescheduleAppointment(deps, actor, TZ, id, { date: "2026-12-02", time: "10:00", allowOutsideAvailability: false });
    expect(moved.ok ? "ok" : moved.error).toBe("not_movable");
  });

  it("no check-in more than an hour early, and nobody attends or misses a visit before it starts", async () => {
    const { book, other, deps, actor, clock, clinic } = await setup();
    const arriving = await book();
    const attending = await book({ patientId: other.id, time: "11:00" });
    const missing = await book({ time: "12:00" });
    if (!arriving.ok || !attending.ok || !missing.ok) throw new Error("booking failed");
    const statusOf = async (id: string) => (await db().select().from(appointments).where(eq(appointments.id, id)).get())?.status;
    const changesOf = async (id: string) =>
      (await db().select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, id)).all()).length;
    const statusEvents = async () =>
      (await db().select().from(domainEvents).where(eq(domainEvents.clinicId, clinic.id)).all()).filter(
        (e) => e.type !== "appointment.booked",
      );

    // Check-in: an hour and a minute early is refused, and nothing is written; 59 minutes early is fine.
    clock.set(arriving.value.startsAt - 61 * MINUTE);
    const tooEarly = await changeStatus(deps, actor, arriving.value.id, "arrived");
    expect(tooEarly.ok ? "ok" : tooEarly.error).toBe("too_early");
    expect(await statusOf(arriving.value.id)).toBe("booked");
    expect(await changesOf(arriving.value.id)).toBe(1);
    expect(await statusEvents()).toHaveLength(0);
    clock.set(arriving.value.startsAt - 59 * MINUTE);
    const early = await changeStatus(deps, actor, arriving.value.id, "arrived");
    expect(early.ok ? early.value.status : early.error).toBe("arrived");
    expect(await statusOf(arriving.value.id)).toBe("arrived");

    // Attended and no-show: one minute before the start is refused; at the start it is fine.
    for (const [visit, to] of [
      [attending.value, "attended"],
      [missing.value, "no_show"],
    ] as const) {
      clock.set(visit.startsAt - MINUTE);
      const before = await changeStatus(deps, actor, visit.id, to);
      expect(before.ok ? "ok" : before.error).toBe("too_early");
      expect(await statusOf(visit.id)).toBe("booked");
      expect(await changesOf(visit.id)).toBe(1);
      clock.set(visit.startsAt);
      const atStart = await changeStatus(deps, actor, visit.id, to);
      expect(atStart.ok ? atStart.value.status : atStart.error).toBe(to);
      expect(await statusOf(visit.id)).toBe(to);
    }
    expect((await statusEvents()).map((e) => e.type).sort()).toEqual([
      "appointment.arrived",
      "appointment.attended",
      "appointment.no_show",
    ]);
  });

  it("a cancelled visit frees the slot; a reschedule into a taken slot is refused", async () => {
    const { book, other, deps, actor, clock } = await setup();
    const first = await book();
    if (!first.ok) throw new Error("booking failed");
    const second = await book({ patientId: other.id, time: "11:00" });
    if (!second.ok) throw new Error("booking failed");
    const into = await rescheduleAppointment(deps, actor, TZ, second.value.id, {
      date: "2026-12-01",
      time: "10:15",
      allowOutsideAvailability: false,
    });
    expect(into.ok ? "ok" : into.error).toBe("conflict");
    clock.advance(1000);
    expect((await changeStatus(deps, actor, first.value.id, "cancelled", "sick")).ok).toBe(true);
    clock.advance(1000);
    const now = await rescheduleAppointment(deps, actor, TZ, second.value.id, {
      date: "2026-12-01",
      time: "10:15",
      allowOutsideAvailability: false,
    });
    expect(now.ok).toBe(true);
  });

  it("refuses unknown patients, therapists and another clinic's ids", async () => {
    const { book } = await setup();
    const foreign = await makeClinic();
    const foreignPatient = await makePatient(foreign.id);
    expect(await book({ patientId: foreignPatient.id })).toMatchObject({ ok: false, error: { code: "patient_not_found" } });
    expect(await book({ therapistId: foreign.staff.therapist.id })).toMatchObject({ ok: false, error: { code: "therapist_not_found" } });
    expect(await book({ episodeId: "nope" })).toMatchObject({ ok: false, error: { code: "episode_not_found" } });
  });
});
