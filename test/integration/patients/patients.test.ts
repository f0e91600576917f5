import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localDateIn } from "../../../src/clinics/model";
import { startEpisode } from "../../../src/episodes/service";
import { consents, patientIdentifiers, patients } from "../../../src/platform/schema";
import { createTask } from "../../../src/worklist/service";
import { staffActorFor, testDeps } from "../../helpers/deps";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";

describe("patients", () => {
  it("finds a patient by name (any order, accents folded), phone, birth date or identifier", async () => {
    const clinic = await makeClinic();
    const p = await makePatient(clinic.id, { givenName: "José", familyName: "Pérez", phone: "+16175550142", dateOfBirth: "1971-09-12" });
    await makePatient(clinic.id, { givenName: "Other", familyName: "Someone", phone: "+16175550199", dateOfBirth: "1990-01-01" });
    const desk = await signIn(clinic.staff.front_desk.email);
    const queries = [
      "perez",
      "Pérez",
      "jose perez",
      "Perez Jose",
      "pér",
      "(617) 555-0142",
      "555-0142",
      "1971-09-12",
      "9/12/1971",
      p.identifier.value,
    ];
    for (const q of queries) {
      const html = await (await desk.get(`/patients?q=${encodeURIComponent(q)}`)).text();
      expect(`${q}: ${html.includes(`/patients/${p.id}`)}`).toBe(`${q}: true`);
      expect(`${q}: ${html.includes("Someone")}`).toBe(`${q}: false`);
    }
    const none = await (await desk.get("/patients?q=zzz")).text();
    expect(none).toContain("No patient matches that search.");
  });

  it("treats LIKE wildcards in a search as plain characters", async () => {
    const clinic = await makeClinic();
    await makePatient(clinic.id, { familyName: "Alpha" });
    const desk = await signIn(clinic.staff.front_desk.email);
    expect(await (await desk.get("/patients?q=%25")).text()).toContain("No patient matches");
    expect(await (await desk.get("/patients?q=_lpha")).text()).toContain("No patient matches");
  });

  it("answers an htmx search with the results fragment only", async () => {
    const clinic = await makeClinic();
    await makePatient(clinic.id, { familyName: "Fragment" });
    const desk = await signIn(clinic.staff.front_desk.email);
    const html = await (await desk.get("/patients?q=fragment", { headers: { "hx-request": "true" } })).text();
    expect(html).toContain("Fragment");
    expect(html).not.toContain("<html");
  });

  it("pages through the list 25 at a time", async () => {
    const clinic = await makeClinic();
    for (let i = 0; i < 30; i++) await makePatient(clinic.id, { familyName: `Pager${String(i).padStart(2, "0")}`, phone: null });
    const desk = await signIn(clinic.staff.front_desk.email);
    const first = await (await desk.get("/patients")).text();
    expect(first.match(/href="\/patients\/[0-9a-z]{26}"/g)).toHaveLength(25);
    expect(first).toContain('rel="next"');
    const second = await (await desk.get("/patients?page=2")).text();
    expect(second.match(/href="\/patients\/[0-9a-z]{26}"/g)).toHaveLength(5);
    expect(second).toContain("Pager29");
    expect(second).not.toContain('rel="next"');
  });

  it("creates a patient with E.164 phone and consents, then shows it", async () => {
    const clinic = await makeClinic();
    const desk = await signIn(clinic.staff.front_desk.email);
    const res = await desk.post("/patients", {
      givenName: "Nueva",
      familyName: "Paciente",
      dateOfBirth: "1988-12-24",
      sex: "female",
      phone: "(617) 555-0177",
      email: "nueva@example.com",
      preferredLanguage: "es",
      country: "US",
      smsConsent: "on",
    });
    expect(res.status).toBe(303);
    const id = res.headers.get("location")?.split("/").pop() ?? "";
    const row = await db().select().from(patients).where(eq(patients.id, id)).get();
    expect(row).toMatchObject({ clinicId: clinic.id, phone: "+16175550177", preferredLanguage: "es", searchName: "paciente nueva" });
    const consentRows = await db().select().from(consents).where(eq(consents.patientId, id)).all();
    expect(Object.fromEntries(consentRows.map((c) => [c.channel, c.status]))).toEqual({ sms: "granted", email: "revoked" });
    const page = await (await desk.get(`/patients/${id}`)).text();
    expect(page).toContain("Nueva Paciente");
    expect(page).toContain("+16175550177");
    expect(page).toContain("Spanish");
  });

  it("edits a patient", async () => {
    const clinic = await makeClinic();
    const p = await makePatient(clinic.id);
    const desk = await signIn(clinic.staff.front_desk.email);
    const edit = await (await desk.get(`/patients/${p.id}/edit`)).text();
    expect(edit).toContain('value="Example"');
    const res = await desk.post(`/patients/${p.id}`, {
      givenName: "Ana",
      familyName: "Renamed",
      dateOfBirth: "1980-03-07",
      sex: "female",
      phone: "",
      preferredLanguage: "en",
    });
    expect(res.status).toBe(303);
    const row = await db().select().from(patients).where(eq(patients.id, p.id)).get();
    expect(row).toMatchObject({ familyName: "Renamed", phone: null, searchName: "renamed ana" });
  });

  it("adds and removes identifiers; a duplicate in the clinic is refused beside the field", async () => {
    const clinic = await makeClinic();
    const a = await makePatient(clinic.id);
    const b = await makePatient(clinic.id, { familyName: "Second" });
    const desk = await signIn(clinic.staff.front_desk.email);
    expect((await desk.post(`/patients/${a.id}/identifiers`, { system: "urn:ehr", value: "E-77" })).status).toBe(303);
    const dup = await desk.post(`/patients/${b.id}/identifiers`, { system: "urn:ehr", value: "E-77" });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain("already belongs to a patient");
    const empty = await desk.post(`/patients/${b.id}/identifiers`, { system: "", value: "" });
    expect(empty.status).toBe(422);
    const rows = await db().select().from(patientIdentifiers).where(eq(patientIdentifiers.patientId, b.id)).all();
    expect(rows).toHaveLength(1); // only the factory's MRN
    // Test files share one database: look only in this clinic.
    const inClinic = and(eq(patientIdentifiers.clinicId, clinic.id), eq(patientIdentifiers.value, "E-77"));
    const added = await db().select().from(patientIdentifiers).where(inClinic).get();
    expect((await desk.post(`/patients/${a.id}/identifiers/${added?.id}/delete`)).status).toBe(303);
    expect(await db().select().from(patientIdentifiers).where(inClinic).all()).toHaveLength(0);
  });

  it("an identifier error shows the whole patient page again: episode, visits, tasks and timeline with the error", async () => {
    const clinic = await makeClinic();
    const p = await makePatient(clinic.id, { givenName: "Irene", familyName: "Identifier" });
    const other = await makePatient(clinic.id, { familyName: "Holder" });
    const { deps } = testDeps(Date.now());
    const actor = staffActorFor(clinic.id, clinic.staff.front_desk.id);
    const episode = await startEpisode(deps, actor, p.id, {
      bodyRegion: "hip",
      diagnosis: "Greater trochanteric pain",
      icd10Code: null,
      referralSourceId: null,
      referringPhysician: null,
      startDate: localDateIn(Date.now(), "America/New_York"),
      visitsPrescribed: 8,
      frequencyPerWeek: 2,
      durationWeeks: 4,
      goals: "Sleep on that side",
    });
    if (!episode.ok) throw new Error(episode.error);
    const task = await createTask(deps, actor, {
      type: "call_to_schedule",
      title: "Call Irene about her next visit",
      patientId: p.id,
      assigneeId: null,
      dueDate: localDateIn(Date.now(), "America/New_York"),
    });
    if (!task.ok) throw new Error(task.error);
    const desk = await signIn(clinic.staff.front_desk.email);
    const page = await (await desk.get(`/patients/${p.id}`)).text();
    expect(page).toContain("Greater trochanteric pain");

    for (const [form, message] of [
      [{ system: "", value: "" }, 'class="error"'],
      [{ system: "MRN", value: other.identifier.value }, "already belongs to a patient"],
    ] as const) {
      const res = await desk.post(`/patients/${p.id}/identifiers`, form);
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain('<section aria-labelledby="episodes-h"');
      expect(html).toContain("Greater trochanteric pain");
      expect(html).toContain(`id="episode-${episode.value}"`);
      expect(html).toContain('id="appointments"');
      expect(html).toContain("Call Irene about her next visit");
      expect(html).toContain('id="timeline"');
      expect(html).toContain("Episode started");
    }
    const rows = await db().select().from(patientIdentifiers).where(eq(patientIdentifiers.patientId, p.id)).all();
    expect(rows).toHaveLength(1); // only the factory's MRN: nothing written
  });

  it("records consent changes as history; the newest is current", async () => {
    const clinic = await makeClinic();
    const p = await makePatient(clinic.id);
    const desk = await signIn(clinic.staff.front_desk.email);
    await desk.post(`/patients/${p.id}/consents`, { channel: "sms", status: "revoked" });
    let page = await (await desk.get(`/patients/${p.id}`)).text();
    expect(page).toMatch(/Text messages<\/td><td><span class="badge revoked">revoked/);
    await desk.post(`/patients/${p.id}/consents`, { channel: "sms", status: "granted" });
    page = await (await desk.get(`/patients/${p.id}`)).text();
    expect(page).toMatch(/Text messages<\/td><td><span class="badge granted">granted/);
    const history = await db().select().from(consents).where(eq(consents.patientId, p.id)).all();
    expect(history).toHaveLength(3);
    expect((await desk.post(`/patients/${p.id}/consents`, { channel: "fax", status: "granted" })).status).toBe(422);
  });
});
