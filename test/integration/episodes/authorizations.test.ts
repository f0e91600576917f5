import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addAuthorization, startEpisode } from "../../../src/episodes/service";
import { loadEpisodeCare } from "../../../src/patients/overview";
import { tasks } from "../../../src/platform/schema";
import { bookAppointment, changeStatus } from "../../../src/scheduling/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

const TZ = "America/New_York";

async function setup(plan: { visitsPrescribed?: number } = {}) {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id);
  const { deps, clock } = testDeps(Date.parse("2026-11-30T14:00:00Z"));
  const actor = staffActorFor(clinic.id, clinic.staff.front_desk.id);
  const started = await startEpisode(deps, actor, patient.id, {
    bodyRegion: "knee",
    diagnosis: "Patellofemoral pain",
    icd10Code: "M22.2",
    referralSourceId: null,
    referringPhysician: null,
    startDate: "2026-11-30",
    visitsPrescribed: plan.visitsPrescribed ?? 24,
    frequencyPerWeek: 3,
    durationWeeks: 8,
    goals: "Stairs without pain",
  });
  if (!started.ok) throw new Error(started.error);
  const episodeId = started.value;
  /**
   * Books a visit on a clinic-local date and time and moves it to a final status. A visit is only
   * attended or missed once it has started, so the clock first moves on to the visit's end if needed.
   */
  const visit = async (date: string, time: string, status: "attended" | "cancelled" | "no_show" | "booked") => {
    clock.advance(1000);
    const booked = await bookAppointment(deps, actor, TZ, {
      patientId: patient.id,
      therapistId: clinic.staff.therapist.id,
      episodeId,
      date,
      time,
      durationMinutes: 30,
      type: "follow_up",
      allowOutsideAvailability: true,
    });
    if (!booked.ok) throw new Error(`booking ${date} ${time}: ${JSON.stringify(booked.error)}`);
    clock.advance(1000);
    if (status === "attended" || status === "no_show") clock.set(Math.max(clock.now(), booked.value.endsAt));
    if (status !== "booked") {
      const changed = await changeStatus(deps, actor, booked.value.id, status);
      if (!changed.ok) throw new Error(changed.error);
    }
    return booked.value.id;
  };
  const state = async () => {
    const loaded = await loadEpisodeCare(deps, clinic.id, patient.id, episodeId, TZ);
    if (!loaded) throw new Error("episode not found");
    return loaded.entry;
  };
  return { clinic, patient, deps, clock, actor, episodeId, visit, state };
}

describe("authorization counting", { timeout: 20_000 }, () => {
  it("attended visits use the authorization; cancelled, no-show and booked ones do not", async () => {
    const { deps, actor, episodeId, visit, state } = await setup();
    const added = await addAuthorization(deps, actor, episodeId, {
      payer: "Acme Health",
      visitsAuthorized: 5,
      startDate: "2026-12-01",
      endDate: "2026-12-31",
    });
    expect(added.ok).toBe(true);
    const remaining = async () => {
      const s = await state();
      const a = s.authorizations[0]?.state;
      return { attended: s.progress.attended, used: a?.used, remaining: a?.remaining };
    };
    expect(await remaining()).toEqual({ attended: 0, used: 0, remaining: 5 });
    await visit("2026-12-01", "10:00", "attended");
    expect(await remaining()).toEqual({ attended: 1, used: 1, remaining: 4 });
    await visit("2026-12-02", "10:00", "cancelled");
    expect(await remaining()).toEqual({ attended: 1, used: 1, remaining: 4 });
    await visit("2026-12-03", "10:00", "no_show");
    expect(await remaining()).toEqual({ attended: 1, used: 1, remaining: 4 });
    await visit("2026-12-04", "10:00", "booked");
    expect(await remaining()).toEqual({ attended: 1, used: 1, remaining: 4 });
    await visit("2026-12-07", "10:00", "attended");
    expect(await remaining()).toEqual({ attended: 2, used: 2, remaining: 3 });
  });

  it("a visit outside the authorization's dates counts toward the plan but not the authorization (clinic-local dates)", async () => {
    const { deps, actor, episodeId, visit, state } = await setup();
    await addAuthorization(deps, actor, episodeId, {
      payer: "Acme Health",
      visitsAuthorized: 5,
      startDate: "2026-12-01",
      endDate: "2026-12-31",
    });
    // 21:00 in New York on 30 Nov is already 1 Dec in UTC: still before the authorization.
    await visit("2026-11-30", "21:00", "attended");
    // 23:00 in New York on 31 Dec is 1 Jan in UTC: still inside.
    await visit("2026-12-31", "23:00", "attended");
    await visit("2027-01-01", "09:00", "attended");
    const s = await state();
    expect(s.progress.attended).toBe(3);
    expect(s.authorizations[0]?.state).toMatchObject({ used: 1, remaining: 4 });
  });

  it("each authorization counts only its own dates; the page shows used, remaining and the warnings", async () => {
    const { clinic, patient, deps, actor, episodeId, visit } = await setup();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(Date.now());
    const shift = (days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    // Relative to the real today, since the page uses the real clock.
    await addAuthorization(deps, actor, episodeId, { payer: "Old Payer", visitsAuthorized: 4, startDate: shift(-60), endDate: shift(-1) });
    await addAuthorization(deps, actor, episodeId, { payer: "Low Payer", visitsAuthorized: 3, startDate: shift(-30), endDate: shift(40) });
    await addAuthorization(deps, actor, episodeId, {
      payer: "Soon Payer",
      visitsAuthorized: 50,
      startDate: shift(-30),
      endDate: shift(10),
    });
    await visit(shift(-20), "10:00", "attended");
    await visit(shift(-40), "10:00", "attended");
    const desk = await signIn(clinic.staff.front_desk.email);
    const html = await (await desk.get(`/patients/${patient.id}`)).text();
    const row = (payer: string) =>
      new RegExp(`<td>${payer}</td><td>(\\d+) of (\\d+)</td><td>(\\d+)</td><td>[^<]*</td><td>(.*?)</td>`).exec(html);
    expect(row("Old Payer")?.slice(1, 4)).toEqual(["2", "4", "2"]);
    expect(row("Old Payer")?.[4]).toContain("expired");
    expect(row("Old Payer")?.[4]).not.toContain("visits left");
    expect(row("Low Payer")?.slice(1, 4)).toEqual(["1", "3", "2"]);
    expect(row("Low Payer")?.[4]).toContain("2 visits left");
    expect(row("Low Payer")?.[4]).not.toContain("ends in");
    expect(row("Soon Payer")?.slice(1, 4)).toEqual(["1", "50", "49"]);
    expect(row("Soon Payer")?.[4]).toContain("ends in 10 days");
    expect(row("Soon Payer")?.[4]).not.toContain("left");
  });
});

describe("progress note", { timeout: 20_000 }, () => {
  it("is due at the 10th attended visit: the page says so and a rule task exists", async () => {
    const { clinic, patient, episodeId, visit } = await setup();
    const desk = await signIn(clinic.staff.front_desk.email);
    const days = ["01", "02", "03", "04", "07", "08", "09", "10", "11", "14"];
    for (const day of days.slice(0, 9)) await visit(`2026-12-${day}`, "10:00", "attended");
    let html = await (await desk.get(`/patients/${patient.id}`)).text();
    expect(html).toContain("9 of 24 visits");
    expect(html).not.toContain("Progress note due");
    const noTask = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.clinicId, clinic.id), eq(tasks.type, "progress_note_due")))
      .all();
    expect(noTask).toHaveLength(0);

    await visit("2026-12-14", "10:00", "cancelled");
    html = await (await desk.get(`/patients/${patient.id}`)).text();
    expect(html).not.toContain("Progress note due");

    await visit("2026-12-15", "10:00", "attended");
    html = await (await desk.get(`/patients/${patient.id}`)).text();
    expect(html).toContain("10 of 24 visits");
    expect(html).toContain("Progress note due (visit 10)");
    expect(html).toMatch(/class="care-alert"[^>]*>\s*Progress note due/);
    const ruleTasks = await db()
      .select()
      .from(tasks)
      .where(and(eq(tasks.clinicId, clinic.id), eq(tasks.type, "progress_note_due")))
      .all();
    expect(ruleTasks).toHaveLength(1);
    expect(ruleTasks[0]).toMatchObject({ patientId: patient.id, status: "open", ruleKey: `progress-note:${episodeId}:10` });
    // The open task is on the patient page too.
    expect(html).toMatch(/<section aria-labelledby="tasks-h"[\s\S]*Progress note due \(visit 10\)[\s\S]*<\/section>/);

    // The 11th visit: no longer due.
    await visit("2026-12-16", "10:00", "attended");
    html = await (await desk.get(`/patients/${patient.id}`)).text();
    expect(html).toContain("11 of 24 visits");
    expect(html).not.toMatch(/class="care-alert"[^>]*>\s*Progress note due/);
  });
});
