import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../../../src/platform/ids";
import { appointments, domainEvents, staffUsers } from "../../../src/platform/schema";
import { localParts } from "../../../src/platform/time";
import { bookAppointment, setAvailability } from "../../../src/scheduling/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { openPortal } from "../../helpers/portal";

const NY = "America/New_York";
const everyDay = (startTime: string, endTime: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime, endTime }));

/** A clinic whose therapist works 08:00-12:00 every day, and a 45-minute visit three days out at 10:00. */
async function setup(language: "en" | "es" = "en") {
  const clinic = await makeClinic("Harbor PT");
  const patient = await makePatient(clinic.id, { preferredLanguage: language });
  const { deps } = testDeps(Date.now());
  const desk = staffActorFor(clinic.id, clinic.staff.owner.id);
  await setAvailability(deps, desk, clinic.staff.therapist.id, everyDay("08:00", "12:00"));
  const day = localParts(Date.now() + 3 * 86_400_000, NY).date;
  const booked = await bookAppointment(deps, desk, NY, {
    patientId: patient.id,
    therapistId: clinic.staff.therapist.id,
    episodeId: null,
    date: day,
    time: "10:00",
    durationMinutes: 45,
    type: "follow_up",
    allowOutsideAvailability: false,
  });
  if (!booked.ok) throw new Error("booking failed");
  return { clinic, patient, deps, desk, visit: booked.value };
}

const offered = (html: string) =>
  [...html.matchAll(/<input type="radio" name="startsAt" id="s\d+" value="(\d+)"/g)].map((m) => Number(m[1]));
const visitRow = (id: string) => db().select().from(appointments).where(eq(appointments.id, id)).get();
const rescheduledEvents = (patientId: string) =>
  db()
    .select()
    .from(domainEvents)
    .where(and(eq(domainEvents.patientId, patientId), eq(domainEvents.type, "appointment.rescheduled")))
    .all();

describe("rescheduling from the portal", () => {
  it("lists the therapist's open times by day and moves the visit like staff would, as the patient", async () => {
    const t = await setup();
    // The link alone: no date-of-birth check needed.
    const phone = await openPortal({ clinicId: t.clinic.id, patientId: t.patient.id, stepUp: false });
    const home = await (await phone.get("/portal")).text();
    expect(home).toContain(`href="/portal/visits/${t.visit.id}/reschedule"`);
    expect(home).toContain("Choose another time");

    const page = await phone.get(`/portal/visits/${t.visit.id}/reschedule`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.length).toBeLessThan(50_000);
    expect(html).toContain("<legend>");
    const slots = offered(html);
    expect(slots.length).toBeGreaterThan(20);
    expect(slots.every((s) => s > Date.now())).toBe(true);
    expect(slots).not.toContain(t.visit.startsAt);
    expect(slots.every((s) => s < Date.now() + 15 * 86_400_000)).toBe(true);
    for (const s of slots) {
      const local = localParts(s, NY);
      expect(local.minutes >= 8 * 60 && local.minutes + 45 <= 12 * 60).toBe(true);
    }

    const target = slots.find((s) => s > t.visit.startsAt + 86_400_000) ?? 0;
    const moved = await phone.post(`/portal/visits/${t.visit.id}/reschedule`, { startsAt: String(target) });
    expect(moved.status).toBe(303);
    expect(moved.headers.get("location")).toBe("/portal?done=rescheduled");
    expect(await visitRow(t.visit.id)).toMatchObject({ startsAt: target, endsAt: target + 45 * 60_000, status: "booked" });
    const events = await rescheduledEvents(t.patient.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "patient", actorId: t.patient.id });
    expect(JSON.parse(events[0]?.payload ?? "{}")).toMatchObject({
      appointmentId: t.visit.id,
      startsAt: target,
      previousStartsAt: t.visit.startsAt,
    });
    const after = await (await phone.get("/portal?done=rescheduled")).text();
    expect(after).toContain("Your visit was moved");
  });

  it("a time taken meanwhile: 409 in the patient's language, the list shown again, nothing written", async () => {
    const t = await setup("es");
    const phone = await openPortal({ clinicId: t.clinic.id, patientId: t.patient.id });
    const slots = offered(await (await phone.get(`/portal/visits/${t.visit.id}/reschedule`)).text());
    const wanted = slots[slots.length - 1] ?? 0;
    const other = await makePatient(t.clinic.id, { givenName: "Otro" });
    const local = localParts(wanted, NY);
    const taken = await bookAppointment(t.deps, t.desk, NY, {
      patientId: other.id,
      therapistId: t.clinic.staff.therapist.id,
      episodeId: null,
      date: local.date,
      time: local.time,
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: false,
    });
    expect(taken.ok).toBe(true);

    const res = await phone.post(`/portal/visits/${t.visit.id}/reschedule`, { startsAt: String(wanted) });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('lang="es"');
    expect(html).toContain("Ese horario se acaba de ocupar, elija otro por favor.");
    expect(html).toContain('role="alert"');
    const again = offered(html);
    expect(again.length).toBeGreaterThan(0);
    expect(again).not.toContain(wanted);
    expect((await visitRow(t.visit.id))?.startsAt).toBe(t.visit.startsAt);
    expect(await rescheduledEvents(t.patient.id)).toHaveLength(0);
  });

  it("a time that was never offered (tampered, past, off the grid, another therapist's hours) is refused with 422", async () => {
    const t = await setup();
    const second = newId();
    await db()
      .insert(staffUsers)
      .values({
        id: second,
        clinicId: t.clinic.id,
        email: `t2-${second}@clinic.test`,
        name: "Second",
        role: "therapist",
        active: true,
        createdAt: Date.now(),
      });
    await setAvailability(t.deps, t.desk, second, everyDay("13:00", "17:00"));
    const phone = await openPortal({ clinicId: t.clinic.id, patientId: t.patient.id });
    const slots = offered(await (await phone.get(`/portal/visits/${t.visit.id}/reschedule`)).text());
    const first = slots[0] ?? 0;
    const secondsHours = Date.parse(`${localParts(first + 86_400_000, NY).date}T18:00:00Z`); // 13:00 or 14:00 in New York
    for (const startsAt of [String(first + 5 * 60_000), String(first - 86_400_000 * 7), String(secondsHours), "abc", "", "1e12"]) {
      const res = await phone.post(`/portal/visits/${t.visit.id}/reschedule`, { startsAt });
      expect(res.status, startsAt).toBe(422);
      expect(await res.text()).toContain("Please choose one of the times shown.");
    }
    expect((await visitRow(t.visit.id))?.startsAt).toBe(t.visit.startsAt);
    expect(await rescheduledEvents(t.patient.id)).toHaveLength(0);
  });

  it("another patient's visit is not found, on GET and POST, and stays where it was", async () => {
    const t = await setup();
    const other = await makePatient(t.clinic.id, { givenName: "Bea" });
    const phone = await openPortal({ clinicId: t.clinic.id, patientId: other.id, stepUp: false });
    const page = await phone.get(`/portal/visits/${t.visit.id}/reschedule`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("We couldn&#39;t find that visit.");
    const slot = t.visit.startsAt + 86_400_000 - 2 * 60 * 60_000; // 08:00 the next day: on the grid
    const res = await phone.post(`/portal/visits/${t.visit.id}/reschedule`, { startsAt: String(slot) });
    expect(res.status).toBe(404);
    expect((await visitRow(t.visit.id))?.startsAt).toBe(t.visit.startsAt);
    expect(await rescheduledEvents(t.patient.id)).toHaveLength(0);
  });

  it("a cancelled visit cannot be moved (409)", async () => {
    const t = await setup();
    await db().update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, t.visit.id));
    const phone = await openPortal({ clinicId: t.clinic.id, patientId: t.patient.id, stepUp: false });
    expect((await phone.get(`/portal/visits/${t.visit.id}/reschedule`)).status).toBe(409);
  });
});
