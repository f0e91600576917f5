import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localDateIn } from "../../../src/clinics/model";
import { appointmentChanges, appointments, domainEvents, waitlistEntries } from "../../../src/platform/schema";
import { addDays, startOfWeek } from "../../../src/platform/time";
import { bookAppointment, setAvailability } from "../../../src/scheduling/service";
import { addToWaitlist } from "../../../src/scheduling/waitlist";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { BASE, type Browser, fetchApp, signIn } from "../../helpers/http";

const TZ = "America/New_York";
const HX: RequestInit = { headers: { "hx-request": "true" } };
/** A Monday at least a week ahead in the clinic's zone, so every slot is still open. */
const monday = () => startOfWeek(addDays(localDateIn(Date.now(), TZ), 14));

async function setup() {
  const clinic = await makeClinic();
  const ana = await makePatient(clinic.id, { givenName: "Ana", familyName: "Alvarez" });
  const ben = await makePatient(clinic.id, { givenName: "Ben", familyName: "Brown" });
  const { deps } = testDeps(Date.now());
  const therapistId = clinic.staff.therapist.id;
  const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: "08:00", endTime: "17:00" }));
  await setAvailability(deps, staffActorFor(clinic.id, clinic.staff.owner.id), therapistId, weekdays);
  const desk = await signIn(clinic.staff.front_desk.email);
  const date = monday();
  const form = (over: Record<string, string> = {}) => ({
    patientId: ana.id,
    therapistId,
    episodeId: "",
    date,
    time: "10:00",
    durationMinutes: "45",
    type: "follow_up",
    ...over,
  });
  return { clinic, ana, ben, deps, therapistId, desk, date, form };
}

const rowsOf = (clinicId: string) => db().select().from(appointments).where(eq(appointments.clinicId, clinicId)).all();

async function bookVia(desk: Browser, form: Record<string, string>) {
  const res = await desk.post("/schedule/book", form);
  return { res, html: await res.text() };
}

describe("booking through the form", () => {
  it("books a visit and shows it on that day's schedule with a link to the patient", async () => {
    const { desk, form, date, therapistId, ana, clinic } = await setup();
    const { res } = await bookVia(desk, form());
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/schedule?date=${date}&therapist=${therapistId}`);
    const page = await (await desk.get(res.headers.get("location") ?? "")).text();
    expect(page).toContain("10:00–10:45");
    expect(page).toContain(`href="/patients/${ana.id}"`);
    expect(page).toContain("Ana Alvarez");
    expect(page).toContain('class="badge visit-booked"');
    const [row] = await rowsOf(clinic.id);
    expect(new Date(row?.startsAt ?? 0).toISOString().slice(11, 16)).toBe("15:00"); // 10:00 EST
  });

  it("refuses a double booking with the conflicting visit's times and writes nothing", async () => {
    const { desk, form, ben, clinic } = await setup();
    expect((await bookVia(desk, form())).res.status).toBe(303);
    const before = await db().select().from(appointmentChanges).where(eq(appointmentChanges.clinicId, clinic.id)).all();
    for (const time of ["10:00", "10:30", "09:30"]) {
      const { res, html } = await bookVia(desk, form({ patientId: ben.id, time }));
      expect(res.status).toBe(409);
      expect(html).toContain("therapist Test Clinic already has a visit 10:00-10:45");
      expect(html).toContain(`name="patientId" value="${ben.id}"`); // the form is shown again, as typed
    }
    expect(await rowsOf(clinic.id)).toHaveLength(1);
    const after = await db().select().from(appointmentChanges).where(eq(appointmentChanges.clinicId, clinic.id)).all();
    expect(after).toHaveLength(before.length);
    expect(await db().select().from(domainEvents).where(eq(domainEvents.clinicId, clinic.id)).all()).toHaveLength(1);
  });

  it("refuses a time outside the therapist's hours unless the override box is ticked", async () => {
    const { desk, form, clinic, date } = await setup();
    const refused = await bookVia(desk, form({ time: "18:00" }));
    expect(refused.res.status).toBe(422);
    expect(refused.html).toContain("outside therapist Test Clinic&#39;s hours");
    expect(refused.html).toContain("Book outside the therapist&#39;s hours");
    const saturday = await bookVia(desk, form({ date: addDays(date, 5) }));
    expect(saturday.res.status).toBe(422);
    expect(await rowsOf(clinic.id)).toHaveLength(0);
    const forced = await bookVia(desk, form({ time: "18:00", override: "on" }));
    expect(forced.res.status).toBe(303);
    const [row] = await rowsOf(clinic.id);
    expect(row?.outsideAvailability).toBe(true);
  });

  it.each([
    ["a zero duration", { durationMinutes: "0" }, "at least 1 minute"],
    ["a negative duration", { durationMinutes: "-45" }, "at least 1 minute"],
    ["more than 8 hours", { durationMinutes: "481" }, "at most 480 minutes"],
    ["a malformed date", { date: "2026-02-30" }, "Enter a date like"],
    ["a malformed time", { time: "25:61" }, "Enter a time like"],
    ["an unknown visit type", { type: "massage" }, "Choose the visit type"],
    ["an unknown episode", { episodeId: "01NOPE" }, "open episodes"],
  ])("refuses %s beside the field, with nothing written", async (_name, over, message) => {
    const { desk, form, clinic } = await setup();
    const { res, html } = await bookVia(desk, form(over));
    expect(res.status).toBe(422);
    expect(html).toContain(message);
    expect(html).toContain('class="error"');
    expect(await rowsOf(clinic.id)).toHaveLength(0);
  });

  it("refuses another clinic's patient or therapist in the form, and 404s them in the prefill links", async () => {
    const { desk, form, clinic } = await setup();
    const other = await makeClinic("Other Clinic");
    const theirs = await makePatient(other.id, { givenName: "Zed", familyName: "Foreign" });
    const p = await bookVia(desk, form({ patientId: theirs.id }));
    expect(p.res.status).toBe(422);
    expect(p.html).toContain("not in your clinic&#39;s records");
    expect(p.html).not.toContain("Foreign");
    const t = await bookVia(desk, form({ therapistId: other.staff.therapist.id }));
    expect(t.res.status).toBe(422);
    expect(t.html).toContain("Choose one of the clinic&#39;s therapists");
    expect(await rowsOf(clinic.id)).toHaveLength(0);
    expect(await rowsOf(other.id)).toHaveLength(0);
    expect((await desk.get(`/schedule/book?patient=${theirs.id}`)).status).toBe(404);
    expect((await desk.get(`/schedule/book?therapist=${other.staff.therapist.id}`)).status).toBe(404);
    expect((await desk.get(`/schedule?therapist=${other.staff.therapist.id}`)).status).toBe(404);
    expect((await desk.get(`/schedule/slot?therapist=${other.staff.therapist.id}&date=2030-01-07&time=10:00`)).status).toBe(404);
    expect((await desk.get(`/schedule/waitlist?patient=${theirs.id}`)).status).toBe(404);
  });

  it("finds a patient with the search box and prefills the form from a patient link", async () => {
    const { desk, ana, ben, therapistId } = await setup();
    const search = await (await desk.get(`/schedule/book?q=alvarez&therapist=${therapistId}`)).text();
    expect(search).toContain(`/schedule/book?therapist=${therapistId}&amp;patient=${ana.id}`);
    expect(search).not.toContain(ben.id);
    const chosen = await (await desk.get(`/schedule/book?patient=${ana.id}`)).text();
    expect(chosen).toContain(`name="patientId" value="${ana.id}"`);
    expect(chosen).toContain('name="durationMinutes" type="number" value="45"');
  });
});

describe("visit actions", () => {
  /**
   * A visit at 10:00 on `on` (by default the open Monday ahead). The routes run on the real clock, so a
   * visit that is to be checked in or marked attended is booked on a day that has already passed.
   */
  async function booked(on?: (s: Awaited<ReturnType<typeof setup>>) => string) {
    const s = await setup();
    const date = on ? on(s) : s.date;
    const r = await bookAppointment(s.deps, staffActorFor(s.clinic.id, s.clinic.staff.front_desk.id), TZ, {
      patientId: s.ana.id,
      therapistId: s.therapistId,
      episodeId: null,
      date,
      time: "10:00",
      durationMinutes: 45,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    if (!r.ok) throw new Error("booking failed");
    const status = (to: string, extra: Record<string, string> = {}, init = HX) =>
      s.desk.post(`/schedule/appointments/${r.value.id}/status`, { status: to, back: `/schedule?date=${date}`, ...extra }, init);
    const current = async () => (await db().select().from(appointments).where(eq(appointments.id, r.value.id)).get())?.status;
    return { ...s, date, id: r.value.id, startsAt: r.value.startsAt, status, current };
  }
  /** A Monday a week or more ago: the visit has happened, so it can be checked in and attended. */
  const lastWeek = () => startOfWeek(addDays(localDateIn(Date.now(), TZ), -7));

  it("htmx gets just the row back; attended cannot go back to booked (409, message in the row)", async () => {
    const { status, current, id } = await booked(lastWeek);
    const arrived = await status("arrived");
    expect(arrived.status).toBe(200);
    const row = await arrived.text();
    expect(row.trimStart().startsWith(`<tr id="visit-${id}"`)).toBe(true);
    expect(row).not.toContain("<html");
    expect(row).not.toContain("<nav");
    expect(row).toContain("Checked in");
    expect(row).not.toContain('value="cancelled"'); // a checked-in visit can no longer be cancelled
    expect(await current()).toBe("arrived");
    expect((await status("attended")).status).toBe(200);
    for (const to of ["booked", "arrived", "cancelled", "no_show"]) {
      const refused = await status(to);
      expect(refused.status).toBe(409);
      const html = await refused.text();
      expect(html.trimStart().startsWith("<tr")).toBe(true);
      expect(html).toContain("This visit is Attended; it cannot be marked");
    }
    expect(await current()).toBe("attended");
  });

  it("without JavaScript an action redirects back, and a refusal is a 409 page", async () => {
    const { status, current, date } = await booked(lastWeek);
    const res = await status("confirmed", {}, { headers: {} });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/schedule?date=${date}`);
    expect(await current()).toBe("confirmed");
    const refused = await status("booked", {}, { headers: {} });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("cannot be marked Booked");
    const evil = await status("arrived", { back: "https://evil.example/schedule" }, { headers: {} });
    expect(evil.headers.get("location")).toBe("/schedule");
  });

  it("refuses to mark a visit tomorrow attended, checked in or no-show, saying why, and changes nothing", async () => {
    const tomorrow = () => addDays(localDateIn(Date.now(), TZ), 1);
    const { status, current, id, clinic, date } = await booked(tomorrow);
    const historyOf = () => db().select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, id)).all();
    const eventsOf = () => db().select().from(domainEvents).where(eq(domainEvents.clinicId, clinic.id)).all();
    const [changesBefore, eventsBefore] = [await historyOf(), await eventsOf()];
    for (const to of ["attended", "arrived", "no_show"]) {
      const refused = await status(to);
      expect(refused.status).toBe(409);
      const row = await refused.text();
      expect(row.trimStart().startsWith(`<tr id="visit-${id}"`)).toBe(true);
      expect(row).toContain("This visit has not started yet");
      const page = await status(to, {}, { headers: {} });
      expect(page.status).toBe(409);
      expect(page.headers.get("location")).toBeNull();
      const html = await page.text();
      expect(html).toContain("<html");
      expect(html).toContain("This visit has not started yet");
    }
    expect(await current()).toBe("booked");
    expect(await historyOf()).toEqual(changesBefore);
    expect(await eventsOf()).toEqual(eventsBefore);
    // Tomorrow's visit can still be confirmed.
    expect((await status("confirmed")).status).toBe(200);
    expect(await current()).toBe("confirmed");
    expect(date).toBe(tomorrow());
  });

  it("shows confirmation distinctly and only the buttons the rules allow", async () => {
    const { status, desk, date } = await booked();
    let page = await (await desk.get(`/schedule?date=${date}`)).text();
    expect(page).toContain('class="badge visit-booked"');
    expect(page).toContain("Confirmed by patient");
    await status("confirmed");
    page = await (await desk.get(`/schedule?date=${date}`)).text();
    expect(page).toContain('class="badge visit-confirmed">Confirmed<');
    expect(page).not.toContain("Confirmed by patient");
    // The visit is days ahead: check-in, attended and no-show are not offered yet.
    expect(page).not.toContain('value="arrived"');
    expect(page).not.toContain('value="attended"');
    expect(page).not.toContain('value="no_show"');
    expect(page).toContain("Reschedule…");
  });

  it("after a cancel the row lists the waitlisted patients who fit, with a link that books them in", async () => {
    const s = await booked();
    const actor = staffActorFor(s.clinic.id, s.clinic.staff.front_desk.id);
    const fits = await addToWaitlist(s.deps, actor, {
      patientId: s.ben.id,
      therapistId: null,
      preferredWeekdays: [1],
      preferredFrom: "09:00",
      preferredTo: "12:00",
      note: "any morning",
    });
    await addToWaitlist(s.deps, actor, {
      patientId: (await makePatient(s.clinic.id, { givenName: "Cleo", familyName: "Evening" })).id,
      therapistId: null,
      preferredWeekdays: [3],
      preferredFrom: "16:00",
      preferredTo: "18:00",
      note: null,
    });
    if (!fits.ok) throw new Error("waitlist failed");
    const res = await s.status("cancelled", { reason: "flu" });
    expect(res.status).toBe(200);
    const row = await res.text();
    expect(row).toContain("Cancelled");
    expect(row).toContain("flu");
    expect(row).toContain("Who fits this slot");
    expect(row).toContain("Ben Brown");
    expect(row).not.toContain("Cleo");
    const link = /href="(\/schedule\/book\?[^"]+)"/.exec(row)?.[1]?.replaceAll("&amp;", "&") ?? "";
    expect(link).toContain(`waitlist=${fits.value}`);
    const form = await (await s.desk.get(link)).text();
    expect(form).toContain(`name="waitlistEntryId" value="${fits.value}"`);
    const bookedIn = await s.desk.post("/schedule/book", s.form({ patientId: s.ben.id, waitlistEntryId: fits.value }));
    expect(bookedIn.status).toBe(303);
    const entry = await db().select().from(waitlistEntries).where(eq(waitlistEntries.id, fits.value)).get();
    expect(entry?.status).toBe("booked");
  });

  it("reschedules in place, refusing a taken time or one outside hours", async () => {
    const s = await booked();
    await bookVia(s.desk, s.form({ patientId: s.ben.id, time: "11:00" }));
    const move = (time: string, extra: Record<string, string> = {}) =>
      s.desk.post(`/schedule/appointments/${s.id}/reschedule`, { date: s.date, time, back: "/schedule", ...extra }, HX);
    const taken = await move("11:15");
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("already has a visit");
    const late = await move("17:30");
    expect(late.status).toBe(422);
    expect(await late.text()).toContain("Tick");
    const bad = await move("9am");
    expect(bad.status).toBe(422);
    const ok = await move("13:00");
    expect(ok.status).toBe(200);
    const row = await ok.text();
    expect(row).toContain("13:00–13:45");
    expect(row).toContain("Moved to");
    const history = await (await s.desk.get(`/schedule/appointments/${s.id}`)).text();
    expect(history).toContain(`Moved from ${s.date} 10:00 to ${s.date} 13:00`);
    expect(history).toContain("front_desk Test Clinic");
    expect(history).toContain(`Booked for ${s.date} 10:00`);
  });

  it("another clinic's visit answers 404 on every action and changes nothing", async () => {
    const s = await booked();
    const other = await makeClinic("Other Clinic");
    const theirDesk = await signIn(other.staff.front_desk.email);
    for (const init of [HX, { headers: {} }]) {
      expect((await theirDesk.post(`/schedule/appointments/${s.id}/status`, { status: "cancelled" }, init)).status).toBe(404);
      expect((await theirDesk.post(`/schedule/appointments/${s.id}/status`, { status: "nonsense" }, init)).status).toBe(404);
      expect((await theirDesk.post(`/schedule/appointments/${s.id}/reschedule`, { date: s.date, time: "13:00" }, init)).status).toBe(404);
    }
    expect((await theirDesk.get(`/schedule/appointments/${s.id}`)).status).toBe(404);
    const entry = await addToWaitlist(s.deps, staffActorFor(s.clinic.id, s.clinic.staff.front_desk.id), {
      patientId: s.ben.id,
      therapistId: null,
      preferredWeekdays: [1],
      preferredFrom: "08:00",
      preferredTo: "12:00",
      note: null,
    });
    if (!entry.ok) throw new Error("waitlist failed");
    expect((await theirDesk.post(`/schedule/waitlist/${entry.value}/remove`)).status).toBe(404);
    const after = await db().select().from(appointments).where(eq(appointments.id, s.id)).get();
    expect([after?.status, after?.startsAt]).toEqual(["booked", Date.parse(`${s.date}T15:00:00Z`)]);
    expect((await db().select().from(waitlistEntries).where(eq(waitlistEntries.id, entry.value)).get())?.status).toBe("waiting");
    expect(await (await theirDesk.get(`/schedule?date=${s.date}`)).text()).not.toContain("Alvarez");
  });
});

describe("schedule views", () => {
  it("renders a day of 50 visits, each with its patient, time and actions", async () => {
    const s = await setup();
    const actor = staffActorFor(s.clinic.id, s.clinic.staff.front_desk.id);
    const patients = [];
    for (let i = 0; i < 50; i++)
      patients.push(await makePatient(s.clinic.id, { givenName: "Many", familyName: `Patient${String(i).padStart(2, "0")}` }));
    for (const [i, p] of patients.entries()) {
      const minutes = 7 * 60 + i * 10;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
      const r = await bookAppointment(s.deps, actor, TZ, {
        patientId: p.id,
        therapistId: s.therapistId,
        episodeId: null,
        date: s.date,
        time,
        durationMinutes: 10,
        type: "follow_up",
        allowOutsideAvailability: true,
      });
      if (!r.ok) throw new Error(`booking ${i} failed`);
    }
    const res = await s.desk.get(`/schedule?date=${s.date}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page.match(/<tr id="visit-/g)).toHaveLength(50);
    for (const i of [0, 25, 49]) expect(page).toContain(`Patient${String(i).padStart(2, "0")}`);
    expect(page).toContain("07:00–07:10");
    expect(page).toContain("15:10–15:20");
    // Future visits offer no check-in yet: it opens an hour before each visit.
    expect(page.match(/Check in</g) ?? []).toHaveLength(0);
    expect(page.match(/Confirmed by patient</g)).toHaveLength(50);
    // Visits hold 07:00-15:20; hours are 08:00-17:00: open 45-minute slots stay on the window's grid: 15:30 and 16:15.
    expect(page).toContain(`/schedule/book?therapist=${s.therapistId}&amp;date=${s.date}&amp;time=15:30&amp;duration=45`);
    expect(page).not.toContain("time=08:00");
  }, 30_000);

  it("offers open slots with prefilled Book links and drops taken ones", async () => {
    const s = await setup();
    await bookVia(s.desk, s.form({ time: "08:45" }));
    const page = await (await s.desk.get(`/schedule?date=${s.date}&therapist=${s.therapistId}`)).text();
    expect(page).toContain("Book 08:00");
    expect(page).not.toContain("Book 08:45");
    expect(page).toContain("Book 09:30");
    expect(page).toContain("Book 16:15");
    expect(page).toContain(`/schedule/slot?therapist=${s.therapistId}&amp;date=${s.date}&amp;time=08:00&amp;minutes=45`);
    const form = await (
      await s.desk.get(`/schedule/book?therapist=${s.therapistId}&date=${s.date}&time=09:30&duration=45&patient=${s.ben.id}`)
    ).text();
    expect(form).toContain(`value="${s.date}"`);
    expect(form).toContain('value="09:30"');
    expect(form).toMatch(new RegExp(`<option value="${s.therapistId}" selected`));
  });

  it("has previous, next and today links, and a week view from Monday to Sunday", async () => {
    const s = await setup();
    await bookVia(s.desk, s.form({ date: addDays(s.date, 2), time: "09:00" }));
    const day = await (await s.desk.get(`/schedule?date=${s.date}`)).text();
    expect(day).toContain(`href="/schedule?date=${addDays(s.date, -1)}"`);
    expect(day).toContain(`href="/schedule?date=${addDays(s.date, 1)}"`);
    expect(day).toContain(`href="/schedule?date=${localDateIn(Date.now(), TZ)}"`);
    const week = await (await s.desk.get(`/schedule?date=${addDays(s.date, 3)}&view=week`)).text();
    expect(week).toContain(`href="/schedule?date=${addDays(s.date, -7)}&amp;view=week"`);
    const headers = [...week.matchAll(/<th scope="col"[^>]*><a href="\/schedule\?date=([\d-]+)"/g)].map((m) => m[1]);
    expect(headers).toEqual(Array.from({ length: 7 }, (_, i) => addDays(s.date, i)));
    const cells = week.split("<td>");
    expect(cells[3]).toContain("09:00 Ana Alvarez");
    expect((await s.desk.get("/schedule?date=nonsense")).status).toBe(200);
  });
});

describe("waitlist", () => {
  it("adds with validation, lists preferences and removes", async () => {
    const s = await setup();
    const base = { patientId: s.ana.id, from: "08:00", to: "12:00", therapistId: s.therapistId, note: "mornings" };
    const none = await s.desk.post("/schedule/waitlist", base);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain("Tick at least one day");
    const backwards = await s.desk.post("/schedule/waitlist", { ...base, weekdays: "2", from: "12:00", to: "08:00" });
    expect(backwards.status).toBe(422);
    expect(await backwards.text()).toContain("after the earliest");
    const other = await makeClinic("Other Clinic");
    const foreign = await s.desk.post("/schedule/waitlist", { ...base, weekdays: "2", therapistId: other.staff.therapist.id });
    expect(foreign.status).toBe(422);
    expect(await db().select().from(waitlistEntries).where(eq(waitlistEntries.clinicId, s.clinic.id)).all()).toHaveLength(0);
    const body = new URLSearchParams({ _csrf: s.desk.csrf, ...base });
    body.append("weekdays", "2");
    body.append("weekdays", "4");
    const added = await fetchApp("/schedule/waitlist", {
      method: "POST",
      headers: { cookie: `rapport_session=${s.desk.cookie}`, "content-type": "application/x-www-form-urlencoded", origin: BASE },
      body: body.toString(),
    });
    expect(added.status).toBe(303);
    const list = await (await s.desk.get("/schedule/waitlist")).text();
    expect(list).toContain("Ana Alvarez");
    expect(list).toContain("Tue, Thu");
    expect(list).toContain("08:00–12:00");
    expect(list).toContain("therapist Test Clinic");
    expect(list).toContain("mornings");
    const [entry] = await db()
      .select()
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.clinicId, s.clinic.id), eq(waitlistEntries.status, "waiting")))
      .all();
    expect((await s.desk.post(`/schedule/waitlist/${entry?.id}/remove`)).status).toBe(303);
    expect(await (await s.desk.get("/schedule/waitlist")).text()).toContain("Nobody is waiting.");
  });
});
