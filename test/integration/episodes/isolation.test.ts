import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { addAuthorization, startEpisode } from "../../../src/episodes/service";
import { newId } from "../../../src/platform/ids";
import { auditEvents, authorizations, domainEvents, episodes, referralSources } from "../../../src/platform/schema";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(Date.now());

const episodeForm = () => ({
  bodyRegion: "knee",
  diagnosis: "Hijacked",
  icd10Code: "",
  referralSourceId: "",
  referringPhysician: "",
  startDate: today(),
  visitsPrescribed: "6",
  frequencyPerWeek: "2",
  durationWeeks: "3",
  goals: "",
});

/** Every episode route, with a valid and an invalid body: another clinic's ids must be a 404 either way. */
const routes: [method: "GET" | "POST", path: string, form?: Record<string, string>][] = [
  ["GET", "/patients/:id/episodes/new"],
  ["POST", "/patients/:id/episodes", episodeForm()],
  ["POST", "/patients/:id/episodes", { ...episodeForm(), visitsPrescribed: "0" }],
  ["GET", "/patients/:id/episodes/:episodeId/edit"],
  ["POST", "/patients/:id/episodes/:episodeId/edit", episodeForm()],
  ["POST", "/patients/:id/episodes/:episodeId/edit", { ...episodeForm(), startDate: "bad" }],
  ["POST", "/patients/:id/episodes/:episodeId/discharge", { reason: "moved" }],
  ["POST", "/patients/:id/episodes/:episodeId/discharge", { reason: "nonsense" }],
  ["POST", "/patients/:id/episodes/:episodeId/authorizations", { payer: "X", visitsAuthorized: "5", startDate: today(), endDate: today() }],
  ["POST", "/patients/:id/episodes/:episodeId/authorizations", { payer: "", visitsAuthorized: "0", startDate: "", endDate: "" }],
];

describe("episode routes and tenant isolation", () => {
  it("the walk covers every registered episode route", () => {
    const registered = new Set(
      createApp()
        .routes.filter((r) => r.method !== "ALL" && r.path.includes("/episodes"))
        .map((r) => `${r.method} ${r.path}`),
    );
    expect(registered.size).toBeGreaterThanOrEqual(6);
    const walked = new Set(routes.map(([m, p]) => `${m} ${p}`));
    expect([...registered].filter((r) => !walked.has(r))).toEqual([]);
  });

  it("another clinic's patient and episode ids answer 404 on every route, and nothing is written", async () => {
    const home = await makeClinic("Home Clinic");
    const other = await makeClinic("Other Clinic");
    const patient = await makePatient(home.id, { givenName: "Private", familyName: "Person" });
    const { deps } = testDeps();
    const actor = staffActorFor(home.id, home.staff.therapist.id);
    const started = await startEpisode(deps, actor, patient.id, {
      bodyRegion: "shoulder",
      diagnosis: "Rotator cuff tendinopathy",
      icd10Code: "M75.1",
      referralSourceId: null,
      referringPhysician: null,
      startDate: "2026-11-30",
      visitsPrescribed: 12,
      frequencyPerWeek: 2,
      durationWeeks: 6,
      goals: "Reach the top shelf",
    });
    if (!started.ok) throw new Error(started.error);
    await addAuthorization(deps, actor, started.value, {
      payer: "Home Payer",
      visitsAuthorized: 6,
      startDate: "2026-11-30",
      endDate: "2026-12-30",
    });
    const snapshot = async () => ({
      episodes: await db().select().from(episodes).where(eq(episodes.clinicId, home.id)).all(),
      authorizations: await db().select().from(authorizations).where(eq(authorizations.clinicId, home.id)).all(),
      events: (await db().select().from(domainEvents).all()).length,
      foreignEpisodes: await db().select().from(episodes).where(eq(episodes.clinicId, other.id)).all(),
      audit: (await db().select().from(auditEvents).where(eq(auditEvents.patientId, patient.id)).all()).length,
    });
    const before = await snapshot();

    for (const role of ["owner", "therapist", "front_desk"] as const) {
      const intruder = await signIn(other.staff[role].email);
      for (const [method, template, form] of routes) {
        const path = template.replace(":id", patient.id).replace(":episodeId", started.value);
        const res = method === "GET" ? await intruder.get(path) : await intruder.post(path, form);
        expect(`${role} ${method} ${template} -> ${res.status}`).toBe(`${role} ${method} ${template} -> 404`);
        const html = await res.text();
        expect(html).not.toContain("Private");
        expect(html).not.toContain("Rotator cuff");
      }
      // Their own patient cannot borrow the home clinic's episode or referral source either.
      const own = await makePatient(other.id, { familyName: "Own" });
      const mixed = `/patients/${own.id}/episodes/${started.value}`;
      expect((await intruder.post(`${mixed}/discharge`, { reason: "moved" })).status).toBe(404);
      expect((await intruder.get(`${mixed}/edit`)).status).toBe(404);
      const sourceId = newId();
      await db()
        .insert(referralSources)
        .values({ id: sourceId, clinicId: home.id, name: "Dr. Home", kind: "physician", createdAt: Date.now() });
      const borrowed = await intruder.post(`/patients/${own.id}/episodes`, { ...episodeForm(), referralSourceId: sourceId });
      expect(borrowed.status).toBe(422);
      expect(await borrowed.text()).not.toContain("Dr. Home");
    }
    expect(await snapshot()).toEqual(before);
  }, 30_000);
});
