import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, availability } from "../../../src/platform/schema";
import { setAvailability } from "../../../src/scheduling/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

const hoursOf = (clinicId: string) =>
  db()
    .select({ weekday: availability.weekday, startTime: availability.startTime, endTime: availability.endTime })
    .from(availability)
    .where(eq(availability.clinicId, clinicId))
    .orderBy(availability.weekday, availability.startTime)
    .all();

/** A week as the form posts it: rows weekday_i, start_i, end_i. */
function rows(...windows: [string, string, string][]) {
  const form: Record<string, string> = {};
  windows.forEach(([weekday, start, end], i) => {
    form[`weekday_${i}`] = weekday;
    form[`start_${i}`] = start;
    form[`end_${i}`] = end;
  });
  return form;
}

async function setup() {
  const clinic = await makeClinic();
  const owner = await signIn(clinic.staff.owner.email);
  return { clinic, owner, therapistId: clinic.staff.therapist.id };
}

describe("therapist hours (/settings/availability)", () => {
  it("shows each therapist's weekly windows and saves several windows a day", async () => {
    const { clinic, owner, therapistId } = await setup();
    const page = await owner.get("/settings/availability");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("therapist Test Clinic");
    expect(html).toContain(`action="/settings/availability/${therapistId}"`);
    const saved = await owner.post(
      `/settings/availability/${therapistId}`,
      rows(["1", "08:00", "12:00"], ["1", "13:00", "17:00"], ["3", "12:00", "18:30"], ["", "", ""]),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toContain(`/settings/availability?saved=${therapistId}`);
    expect(await hoursOf(clinic.id)).toEqual([
      { weekday: 1, startTime: "08:00", endTime: "12:00" },
      { weekday: 1, startTime: "13:00", endTime: "17:00" },
      { weekday: 3, startTime: "12:00", endTime: "18:30" },
    ]);
    const again = await (await owner.get(`/settings/availability?saved=${therapistId}`)).text();
    expect(again).toContain("Hours saved.");
    expect(again).toContain('value="18:30"');
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, clinic.id), eq(auditEvents.action, "availability.update")))
      .all();
    expect(audit).toHaveLength(1);
  });

  it("removes a window when it is ticked or its times are cleared", async () => {
    const { clinic, owner, therapistId } = await setup();
    await owner.post(
      `/settings/availability/${therapistId}`,
      rows(["1", "08:00", "12:00"], ["2", "08:00", "12:00"], ["3", "08:00", "12:00"]),
    );
    const form = { ...rows(["1", "08:00", "12:00"], ["2", "", ""], ["3", "08:00", "12:00"]), remove_2: "on" };
    expect((await owner.post(`/settings/availability/${therapistId}`, form)).status).toBe(303);
    expect(await hoursOf(clinic.id)).toEqual([{ weekday: 1, startTime: "08:00", endTime: "12:00" }]);
  });

  it.each([
    ["an end before the start", rows(["1", "12:00", "08:00"]), "The end must be after the start"],
    ["an end equal to the start", rows(["1", "08:00", "08:00"]), "The end must be after the start"],
    ["a malformed time", rows(["1", "8am", "12:00"]), "Start like 08:00"],
    ["an hour past 23", rows(["1", "08:00", "24:30"]), "End like 17:00"],
    ["no weekday", rows(["", "08:00", "12:00"]), "Choose a day"],
    ["weekday 8", rows(["8", "08:00", "12:00"]), "Choose a day"],
    ["weekday 0", rows(["0", "08:00", "12:00"]), "Choose a day"],
    ["overlapping windows on one day", rows(["2", "08:00", "12:00"], ["2", "11:30", "14:00"]), "Overlaps 08:00-12:00 on the same day"],
  ])("refuses %s beside the row and keeps the old hours", async (_name, form, message) => {
    const { clinic, owner, therapistId } = await setup();
    await setAvailability(testDeps().deps, staffActorFor(clinic.id, clinic.staff.owner.id), therapistId, [
      { weekday: 5, startTime: "09:00", endTime: "15:00" },
    ]);
    const res = await owner.post(`/settings/availability/${therapistId}`, form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain("Nothing was saved");
    expect(await hoursOf(clinic.id)).toEqual([{ weekday: 5, startTime: "09:00", endTime: "15:00" }]);
  });

  it("back-to-back windows on one day are fine", async () => {
    const { clinic, owner, therapistId } = await setup();
    const res = await owner.post(`/settings/availability/${therapistId}`, rows(["4", "08:00", "12:00"], ["4", "12:00", "16:00"]));
    expect(res.status).toBe(303);
    expect(await hoursOf(clinic.id)).toHaveLength(2);
  });

  it("is for owners and admins only; another clinic's therapist answers 404 and changes nothing", async () => {
    const { clinic, owner, therapistId } = await setup();
    const desk = await signIn(clinic.staff.front_desk.email);
    expect((await desk.get("/settings/availability")).status).toBe(403);
    expect((await desk.post(`/settings/availability/${therapistId}`, rows(["1", "08:00", "12:00"]))).status).toBe(403);
    const admin = await signIn(clinic.staff.admin.email);
    expect((await admin.get("/settings/availability")).status).toBe(200);
    const other = await makeClinic("Other Clinic");
    for (const form of [rows(["1", "08:00", "12:00"]), rows(["1", "12:00", "08:00"])]) {
      expect((await owner.post(`/settings/availability/${other.staff.therapist.id}`, form)).status).toBe(404);
    }
    // A staff member of this clinic who is not a therapist has no hours either.
    expect((await owner.post(`/settings/availability/${clinic.staff.billing.id}`, rows(["1", "08:00", "12:00"]))).status).toBe(404);
    expect(await hoursOf(other.id)).toEqual([]);
    expect(await hoursOf(clinic.id)).toEqual([]);
    const page = await (await owner.get("/settings/availability")).text();
    expect(page).not.toContain("Other Clinic");
  });
});
