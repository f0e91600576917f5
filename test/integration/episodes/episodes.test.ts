import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../../../src/platform/ids";
import { auditEvents, authorizations, domainEvents, episodes, referralSources } from "../../../src/platform/schema";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

async function makeSource(clinicId: string, name = "Dr. Jane Smith") {
  const id = newId();
  await db().insert(referralSources).values({ id, clinicId, name, kind: "physician", npi: "1234567893", createdAt: Date.now() });
  return id;
}

/** Today in the clinic's zone, as the routes see it (they use the real clock). */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(Date.now());

const validEpisode = () => ({
  bodyRegion: "low_back",
  diagnosis: "Lumbar strain",
  icd10Code: "m54.5",
  referralSourceId: "",
  referringPhysician: "",
  startDate: today(),
  visitsPrescribed: "12",
  frequencyPerWeek: "2",
  durationWeeks: "6",
  goals: "Lift the grandchildren\nSleep through the night",
});

async function setup() {
  const clinic = await makeClinic();
  const patient = await makePatient(clinic.id, { givenName: "Rosa", familyName: "Lopez" });
  const sourceId = await makeSource(clinic.id);
  const desk = await signIn(clinic.staff.front_desk.email);
  const episodeRows = () => db().select().from(episodes).where(eq(episodes.clinicId, clinic.id)).all();
  const start = async (over: Record<string, string> = {}) => {
    const res = await desk.post(`/patients/${patient.id}/episodes`, { ...validEpisode(), ...over });
    if (res.status !== 303) throw new Error(`start answered ${res.status}`);
    return /#episode-([0-9a-z]+)/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
  };
  return { clinic, patient, sourceId, desk, episodeRows, start };
}

describe("episodes of care", { timeout: 20_000 }, () => {
  it("the patient page links to the form, which offers the clinic's referral sources", async () => {
    const { patient, desk, clinic } = await setup();
    const foreign = await makeClinic();
    await makeSource(foreign.id, "Dr. Elsewhere");
    const page = await (await desk.get(`/patients/${patient.id}`)).text();
    expect(page).toContain(`href="/patients/${patient.id}/episodes/new"`);
    expect(page).toContain("Start episode of care");
    const form = await desk.get(`/patients/${patient.id}/episodes/new`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain("Dr. Jane Smith");
    expect(html).not.toContain("Dr. Elsewhere");
    expect(html).toContain('name="visitsPrescribed"');
    expect(html).toContain(`value="${today()}"`);
    expect(clinic.id).toBeTruthy();
  });

  it("starts an episode with its plan of care, audited and published, and shows it on the patient page", async () => {
    const { clinic, patient, sourceId, desk, episodeRows, start } = await setup();
    const id = await start({ referralSourceId: sourceId, referringPhysician: "Dr. Jane Smith" });
    const rows = await episodeRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id,
      patientId: patient.id,
      bodyRegion: "low_back",
      icd10Code: "M54.5",
      referralSourceId: sourceId,
      visitsPrescribed: 12,
      frequencyPerWeek: 2,
      durationWeeks: 6,
      status: "open",
      startDate: today(),
    });
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.clinicId, clinic.id), eq(auditEvents.action, "episode.start")))
      .all();
    expect(audit).toHaveLength(1);
    const page = await (await desk.get(`/patients/${patient.id}`)).text();
    expect(page).toContain(`id="episode-${id}"`);
    expect(page).toContain("0 of 12 visits");
    expect(page).toContain("12 visits, 2 a week for 6 weeks");
    expect(page).toContain("Lift the grandchildren");
    expect(page).toContain(`href="/referrals/${sourceId}"`);
    expect(page).toContain("Episode started: low back");
  });

  it.each([
    [{ visitsPrescribed: "0" }, "visitsPrescribed", "Enter a whole number from 1 to 100"],
    [{ visitsPrescribed: "-3" }, "visitsPrescribed", "Enter a whole number from 1 to 100"],
    [{ visitsPrescribed: "101" }, "visitsPrescribed", "Enter a whole number from 1 to 100"],
    [{ visitsPrescribed: "1.5" }, "visitsPrescribed", "Enter a whole number from 1 to 100"],
    [{ visitsPrescribed: "1e2" }, "visitsPrescribed", "Enter a whole number from 1 to 100"],
    [{ visitsPrescribed: "" }, "visitsPrescribed", "Enter the visits prescribed"],
    [{ frequencyPerWeek: "8" }, "frequencyPerWeek", "Enter a whole number from 1 to 7"],
    [{ frequencyPerWeek: "0" }, "frequencyPerWeek", "Enter a whole number from 1 to 7"],
    [{ durationWeeks: "53" }, "durationWeeks", "Enter a whole number from 1 to 52"],
    [{ durationWeeks: "0" }, "durationWeeks", "Enter a whole number from 1 to 52"],
    [
      { visitsPrescribed: "30", frequencyPerWeek: "1", durationWeeks: "4" },
      "visitsPrescribed",
      "30 visits do not fit in 4 weeks at 1 a week",
    ],
    [{ startDate: "2026-02-30" }, "startDate", "That date does not exist"],
    [{ startDate: "next tuesday" }, "startDate", "Use the format YYYY-MM-DD"],
    [{ startDate: "" }, "startDate", "Enter the start date"],
    [{ startDate: "1999-01-01" }, "startDate", "is not plausible"],
    [{ startDate: "2099-01-01" }, "startDate", "is not plausible"],
    [{ icd10Code: "54.5" }, "icd10Code", "Use the ICD-10 shape"],
    [{ icd10Code: "M5" }, "icd10Code", "Use the ICD-10 shape"],
    [{ diagnosis: "  " }, "diagnosis", "Enter the diagnosis"],
    [{ bodyRegion: "spleen" }, "bodyRegion", "Choose a body region"],
    [{ referralSourceId: "01nosuchsource" }, "referralSourceId", "Choose a referral source from the list"],
  ])("refuses %j with a message beside %s, and writes nothing", async (over, field, message) => {
    const { patient, desk, episodeRows, clinic } = await setup();
    const res = await desk.post(`/patients/${patient.id}/episodes`, { ...validEpisode(), ...over });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`id="f-${field}-error" class="error">[^<]*${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    expect(html).toContain("Nothing was saved");
    expect(await episodeRows()).toHaveLength(0);
    const events = await db().select().from(domainEvents).where(eq(domainEvents.clinicId, clinic.id)).all();
    expect(events).toHaveLength(0);
  });

  it("refuses another clinic's referral source, and writes nothing", async () => {
    const { patient, desk, episodeRows } = await setup();
    const foreign = await makeClinic();
    const foreignSource = await makeSource(foreign.id, "Dr. Elsewhere");
    const res = await desk.post(`/patients/${patient.id}/episodes`, { ...validEpisode(), referralSourceId: foreignSource });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Choose a referral source from the list");
    expect(await episodeRows()).toHaveLength(0);
  });

  it("edits the plan of care; a discharged episode can no longer be edited", async () => {
    const { patient, desk, episodeRows, start } = await setup();
    const id = await start();
    const form = await (await desk.get(`/patients/${patient.id}/episodes/${id}/edit`)).text();
    expect(form).toContain('value="12"');
    expect(form).toContain("Lumbar strain");
    const saved = await desk.post(`/patients/${patient.id}/episodes/${id}/edit`, {
      ...validEpisode(),
      visitsPrescribed: "18",
      frequencyPerWeek: "3",
    });
    expect(saved.status).toBe(303);
    expect((await episodeRows())[0]).toMatchObject({ visitsPrescribed: 18, frequencyPerWeek: 3 });
    const bad = await desk.post(`/patients/${patient.id}/episodes/${id}/edit`, { ...validEpisode(), visitsPrescribed: "0" });
    expect(bad.status).toBe(422);
    expect((await episodeRows())[0]).toMatchObject({ visitsPrescribed: 18 });

    expect((await desk.post(`/patients/${patient.id}/episodes/${id}/discharge`, { reason: "goals_met" })).status).toBe(303);
    expect((await desk.get(`/patients/${patient.id}/episodes/${id}/edit`)).status).toBe(409);
    const late = await desk.post(`/patients/${patient.id}/episodes/${id}/edit`, { ...validEpisode(), visitsPrescribed: "10" });
    expect(late.status).toBe(422);
    expect(await late.text()).toContain("its plan of care can no longer change");
    expect((await episodeRows())[0]).toMatchObject({ visitsPrescribed: 18 });
  });

  it("discharges with a reason; an unknown reason or a second discharge is refused", async () => {
    const { patient, desk, episodeRows, start } = await setup();
    const id = await start();
    const bad = await desk.post(`/patients/${patient.id}/episodes/${id}/discharge`, { reason: "bored" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Choose why the episode ends");
    expect((await episodeRows())[0]?.status).toBe("open");
    const ok = await desk.post(
      `/patients/${patient.id}/episodes/${id}/discharge`,
      { reason: "plan_completed" },
      { headers: { "hx-request": "true" } },
    );
    expect(ok.status).toBe(200);
    const fragment = await ok.text();
    expect(fragment).not.toContain("<html");
    expect(fragment).toContain(`id="episode-${id}"`);
    expect(fragment).toContain("Episode discharged.");
    expect(fragment).toContain("Plan of care completed");
    expect((await episodeRows())[0]).toMatchObject({ status: "discharged", dischargeReason: "plan_completed" });
    const again = await desk.post(`/patients/${patient.id}/episodes/${id}/discharge`, { reason: "moved" });
    expect(again.status).toBe(422);
    expect((await episodeRows())[0]).toMatchObject({ dischargeReason: "plan_completed" });
    const page = await (await desk.get(`/patients/${patient.id}`)).text();
    expect(page).toMatch(/Discharged: plan of care completed \(0 of 12 visits\)/);
  });

  it("adds an authorization; bad counts and dates are refused beside the field, nothing written", async () => {
    const { patient, desk, start } = await setup();
    const id = await start();
    const url = `/patients/${patient.id}/episodes/${id}/authorizations`;
    const cases: [Record<string, string>, string, string][] = [
      [{ visitsAuthorized: "0" }, "visitsAuthorized", "Enter a whole number from 1 to 200"],
      [{ visitsAuthorized: "201" }, "visitsAuthorized", "Enter a whole number from 1 to 200"],
      [{ visitsAuthorized: "-1" }, "visitsAuthorized", "Enter a whole number from 1 to 200"],
      [{ payer: "" }, "payer", "Enter the payer"],
      [{ endDate: "2026-11-30", startDate: "2026-12-01" }, "endDate", "The end date must be on or after the start date"],
      [{ endDate: "12/31/2026" }, "endDate", "Use the format YYYY-MM-DD"],
      [{ endDate: "2026-13-01" }, "endDate", "That date does not exist"],
      [{ startDate: "2026-02-29" }, "startDate", "That date does not exist"],
    ];
    const valid = { payer: "Blue Shield", visitsAuthorized: "8", startDate: today(), endDate: today() };
    for (const [over, field, message] of cases) {
      const res = await desk.post(url, { ...valid, ...over });
      expect(`${JSON.stringify(over)} -> ${res.status}`).toBe(`${JSON.stringify(over)} -> 422`);
      const html = await res.text();
      expect(html).toContain(`id="${field}-${id}-error"`);
      expect(html).toContain(message);
      expect(await db().select().from(authorizations).where(eq(authorizations.episodeId, id)).all()).toHaveLength(0);
    }
    // The htmx form gets its card back with the error beside the field.
    const htmx = await desk.post(url, { ...valid, visitsAuthorized: "0" }, { headers: { "hx-request": "true" } });
    expect(htmx.status).toBe(422);
    expect(await htmx.text()).not.toContain("<html");
    // Same-day start and end is a valid one-day authorization.
    const added = await desk.post(url, valid, { headers: { "hx-request": "true" } });
    expect(added.status).toBe(200);
    const card = await added.text();
    expect(card).toContain("Authorization added.");
    expect(card).toMatch(/<td>Blue Shield<\/td><td>0 of 8<\/td><td>8<\/td>/);
    expect(card).toContain("ends today");
    const rows = await db().select().from(authorizations).where(eq(authorizations.episodeId, id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ payer: "Blue Shield", visitsAuthorized: 8, patientId: patient.id });
  });

  it("an episode id under another patient's URL is a 404 and changes nothing", async () => {
    const { clinic, patient, desk, episodeRows, start } = await setup();
    const id = await start();
    const other = await makePatient(clinic.id, { familyName: "Other" });
    const base = `/patients/${other.id}/episodes/${id}`;
    expect((await desk.get(`${base}/edit`)).status).toBe(404);
    expect((await desk.post(`${base}/edit`, { ...validEpisode(), visitsPrescribed: "40", durationWeeks: "20" })).status).toBe(404);
    expect((await desk.post(`${base}/edit`, { ...validEpisode(), visitsPrescribed: "0" })).status).toBe(404);
    expect((await desk.post(`${base}/discharge`, { reason: "moved" })).status).toBe(404);
    expect(
      (await desk.post(`${base}/authorizations`, { payer: "X", visitsAuthorized: "3", startDate: today(), endDate: today() })).status,
    ).toBe(404);
    expect((await desk.get(`/patients/${patient.id}/episodes/nope/edit`)).status).toBe(404);
    expect((await desk.get(`/patients/nope/episodes/new`)).status).toBe(404);
    expect((await desk.post(`/patients/nope/episodes`, validEpisode())).status).toBe(404);
    expect(await episodeRows()).toMatchObject([{ id, patientId: patient.id, visitsPrescribed: 12, status: "open" }]);
    expect(await db().select().from(authorizations).where(eq(authorizations.episodeId, id)).all()).toHaveLength(0);
  });
});
