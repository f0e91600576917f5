import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "../../../src/platform/schema";
import { bookAppointment, changeStatus } from "../../../src/scheduling/service";
import { testDeps } from "../../helpers/deps";
import { db } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { outcomesSetup, postAndFollow } from "./setup";

const lefs = (value: string) => Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`lefs-${i + 1}`, value]));

/** A patient with a knee episode, two check-ins (6 then 4), LEFS 20 then 40 (a meaningful gain) and one attended visit. */
async function withHistory(lang: "en" | "es" = "en") {
  const s = await outcomesSetup({ lang, region: "knee" });
  await postAndFollow(s.portal, "/portal/check-in", { pain: "6", note: "Stairs were hard" });
  await postAndFollow(s.portal, "/portal/questionnaires/lefs", lefs("1"));
  await postAndFollow(s.portal, "/portal/check-in", { pain: "4" });
  await postAndFollow(s.portal, "/portal/questionnaires/lefs", lefs("2"));
  const { deps, clock } = testDeps(Date.parse("2026-11-30T14:00:00Z"));
  const booked = await bookAppointment(deps, s.therapist, "America/New_York", {
    patientId: s.patient.id,
    therapistId: s.clinic.staff.therapist.id,
    episodeId: s.episodeId,
    date: "2026-12-01",
    time: "10:00",
    durationMinutes: 45,
    type: "follow_up",
    allowOutsideAvailability: true,
  });
  if (!booked.ok) throw new Error("booking failed");
  clock.set(booked.value.endsAt + 1000);
  const attended = await changeStatus(deps, s.therapist, booked.value.id, "attended");
  if (!attended.ok) throw new Error(attended.error);
  return s;
}

describe("progress", () => {
  it("the portal page shows the chart SVG, MCID marks, visits against the plan and a text summary", async () => {
    const s = await withHistory();
    const res = await s.portal.get("/portal/progress");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(html).toContain('<desc id="portal-progress-desc">');
    expect(html).toContain('class="mcid-improved"');
    expect(html).toContain("1 of 8 visits");
    expect(html).toContain("Your pain: 4 of 10 on");
    expect(html).toContain("At the start: 6 of 10.");
    expect(html).toContain("Lower Extremity Functional Scale: 40 of 80 on");
    expect(html).toContain("<strong>A meaningful improvement.</strong>");
    expect(html).toContain('aria-current="page"');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("style=");
    expect(new TextEncoder().encode(html).length).toBeLessThan(50_000);
    const views = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.patientId, s.patient.id), eq(auditEvents.action, "portal.progress.view")))
      .all();
    expect(views).toHaveLength(1);
  });

  it("speaks Spanish to a Spanish-speaking patient", async () => {
    const s = await withHistory("es");
    const html = await (await s.portal.get("/portal/progress")).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("Su dolor: 4 de 10 el");
    expect(html).toContain("Dolor y progreso");
    expect(html).toContain("1 de 8 visitas");
    expect(html).toContain("Una mejora importante.");
  });

  it("an empty history still renders, with a way to check in", async () => {
    const s = await outcomesSetup({ region: null });
    const html = await (await s.portal.get("/portal/progress")).text();
    expect(html).toContain("Nothing to show yet.");
    expect(html).toContain('href="/portal/check-in"');
  });

  it("the staff patient page shows the same chart, the check-ins and the questionnaires; another clinic sees nothing", async () => {
    const s = await withHistory();
    const staff = await signIn(s.clinic.staff.front_desk.email);
    const html = await (await staff.get(`/patients/${s.patient.id}`)).text();
    const section = /<section[^>]*id="outcomes"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(section).toContain("Check-ins and outcomes");
    expect(section).toMatch(/<svg class="chart"[^>]*role="img"/);
    expect(section).toContain("Stairs were hard");
    expect(section).toContain("<td>6/10</td>");
    expect(section).toContain("<td>40/80</td>");
    expect(section).toContain("▲ meaningful improvement (MCID 9 points)");
    expect(section).toContain("Pain 6/10 → 4/10 over 2 responses: meaningful improvement.");
    expect(section).toContain("1 of 8 visits");
    expect(html).toContain("Pain check-in: 4/10 (baseline 6/10)");
    expect(html).toContain("Questionnaire completed: LEFS, score 40");

    const other = await outcomesSetup();
    const intruder = await signIn(other.clinic.staff.owner.email);
    const res = await intruder.get(`/patients/${s.patient.id}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Stairs were hard");
    const intruderPortal = await other.portal.get("/portal/progress");
    expect(await intruderPortal.text()).not.toContain("40 of 80");
  });
});
