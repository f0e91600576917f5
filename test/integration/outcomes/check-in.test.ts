import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { clinics } from "../../../src/platform/schema";
import { db } from "../../helpers/factories";
import { outcomesSetup, postAndFollow } from "./setup";

const radios = (html: string, name: string) => html.match(new RegExp(`<input type="radio"[^>]*name="${name}"`, "g"))?.length ?? 0;

describe("portal pain check-in", () => {
  it("is an accessible 0-10 radio group with a note, in English and Spanish", async () => {
    for (const lang of ["en", "es"] as const) {
      const { portal } = await outcomesSetup({ lang });
      const res = await portal.get("/portal/check-in");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>/);
      expect(radios(html, "pain")).toBe(11);
      expect(html).toContain('<label for="pain-10" class="choice-button">10</label>');
      expect(html).toContain('<label for="note">');
      expect(html).toContain(lang === "es" ? "¿Cómo está su dolor hoy?" : "How is your pain today?");
      expect(html).toContain('aria-current="page"');
      expect(html).not.toContain("<script");
      expect(html).not.toContain("style=");
      expect(new TextEncoder().encode(html).length).toBeLessThan(50_000);
    }
  });

  it("stores a check-in, thanks the patient and links to progress; no task for moderate pain", async () => {
    const s = await outcomesSetup();
    const { html, location } = await postAndFollow(s.portal, "/portal/check-in", { pain: "6", note: "Stairs were hard" });
    // The URL names the response only (its id), never the score or the note.
    expect(location).toMatch(/^\/portal\/check-in\/done\/[0-9a-z]{26}$/);
    expect(location).not.toMatch(/pain|score|Stairs/i);
    expect(html).toContain("We saved your pain: 6 out of 10.");
    expect(html).toContain('href="/portal/progress"');
    expect(html).not.toContain("will be in touch");
    const [row] = await s.rows();
    expect(row).toMatchObject({ kind: "check_in", score: 6, note: "Stairs were hard", episodeId: s.episodeId });
    expect(await s.events("checkin.recorded")).toHaveLength(1);
    expect(await s.painTasks()).toHaveLength(0);
  });

  it("pain of 8 opens a task and tells the patient kindly that the clinic will be in touch", async () => {
    const s = await outcomesSetup({ lang: "es" });
    await db().update(clinics).set({ phone: "(617) 555-0100" }).where(eq(clinics.id, s.clinic.id));
    const { html } = await postAndFollow(s.portal, "/portal/check-in", { pain: "8" });
    expect(html).toContain("se pondrá en contacto con usted pronto");
    expect(html).toContain('Si su dolor es fuerte o empeora rápidamente, llámenos al <a href="tel:6175550100">(617) 555-0100</a>.');
    expect(html).toContain('role="status"');
    const [task] = await s.painTasks();
    expect(task).toMatchObject({ status: "open", type: "pain_increase" });
  });

  it("a double tap stores one check-in and opens one task, and both taps land on the same thank-you", async () => {
    const s = await outcomesSetup();
    const [a, b] = await Promise.all([s.portal.post("/portal/check-in", { pain: "9" }), s.portal.post("/portal/check-in", { pain: "9" })]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.get("location")).toBe(b.headers.get("location"));
    expect(await s.rows()).toHaveLength(1);
    expect(await s.painTasks()).toHaveLength(1);
    expect(await s.events("checkin.recorded")).toHaveLength(1);
  });

  it("a rise of 2 from the episode's first check-in opens a task; a rise of 1 does not", async () => {
    const s = await outcomesSetup();
    await postAndFollow(s.portal, "/portal/check-in", { pain: "3" });
    const one = await postAndFollow(s.portal, "/portal/check-in", { pain: "4" });
    expect(one.html).not.toContain("will be in touch");
    expect(await s.painTasks()).toHaveLength(0);
    const two = await postAndFollow(s.portal, "/portal/check-in", { pain: "5" });
    expect(two.html).toContain("will be in touch");
    const tasks = await s.painTasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.title).toContain("3 → 5/10");
  });

  it.each([
    ["11", "Please choose a number from 0 to 10."],
    ["-1", "Please choose a number from 0 to 10."],
    ["3.5", "Please choose a number from 0 to 10."],
    ["", "Please choose a number from 0 to 10."],
  ])("pain %j is refused with 422, the note kept, nothing written", async (pain, message) => {
    const s = await outcomesSetup();
    const res = await s.portal.post("/portal/check-in", { pain, note: "kept note" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain('role="alert"');
    expect(html).toContain("kept note");
    expect(html).toContain('aria-invalid="true"');
    expect(await s.rows()).toHaveLength(0);
    expect(await s.events("checkin.recorded")).toHaveLength(0);
  });

  it("says what is wrong in Spanish for a Spanish-speaking patient, and refuses a long note", async () => {
    const s = await outcomesSetup({ lang: "es" });
    const bad = await s.portal.post("/portal/check-in", { pain: "11" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Elija un número del 0 al 10, por favor.");
    const long = await s.portal.post("/portal/check-in", { pain: "3", note: "x".repeat(501) });
    expect(long.status).toBe(422);
    expect(await long.text()).toContain("Es demasiado largo.");
    expect(await s.rows()).toHaveLength(0);
  });

  it("needs the device check, and shows one patient's thank-you page to no one else", async () => {
    const s = await outcomesSetup();
    const { location } = await postAndFollow(s.portal, "/portal/check-in", { pain: "2" });
    const other = await outcomesSetup();
    const res = await other.portal.get(location ?? "");
    expect(res.status).toBe(404);
    expect((await other.portal.get("/portal/check-in/done/not-an-id")).status).toBe(404);
    const { openPortal } = await import("../../helpers/portal");
    const unchecked = await openPortal({ clinicId: s.clinic.id, patientId: s.patient.id, stepUp: false });
    const gated = await unchecked.get("/portal/check-in");
    expect(gated.status).toBe(303);
    expect(gated.headers.get("location")).toContain("/portal/verify");
    expect((await unchecked.post("/portal/check-in", { pain: "9" })).status).toBe(303);
    expect(await s.rows()).toHaveLength(1);
  });
});
