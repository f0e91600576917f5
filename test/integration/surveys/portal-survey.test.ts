import { describe, expect, it } from "vitest";
import { createPatientLink } from "../../../src/portal/links";
import { testDeps } from "../../helpers/deps";
import { makeClinic, makePatient } from "../../helpers/factories";
import { fetchApp } from "../../helpers/http";
import { openPortal } from "../../helpers/portal";
import { answerOf, dischargedPatient, makeEpisode, messagesOf, recoveryTasksOf } from "./setup";

const MAX_PAGE_BYTES = 50 * 1024;
const radiosOf = (html: string) =>
  [...html.matchAll(/<input type="radio" class="choice-input" name="score" id="score-(\d+)"/g)].map((m) => m[1]);

/** A discharged patient's phone with the portal open from a link, without the device check (the survey needs none). */
async function surveyPhone(o: Parameters<typeof dischargedPatient>[1] = {}) {
  const t = await dischargedPatient(Date.now(), o);
  const phone = await openPortal({ clinicId: t.clinic.id, patientId: t.patient.id, stepUp: false });
  return { ...t, phone };
}

describe("the discharge survey in the portal", () => {
  it("the survey message's link lands on the survey; other links still open the patient's page", async () => {
    const t = await dischargedPatient(Date.now());
    const { deps } = testDeps(Date.now());
    const survey = await createPatientLink(deps, { clinicId: t.clinic.id, patientId: t.patient.id, purpose: "survey" });
    const reminder = await createPatientLink(deps, { clinicId: t.clinic.id, patientId: t.patient.id, purpose: "reminder" });
    const landing = await (await fetchApp(`/p/${survey}`)).text();
    expect(landing).toContain("<h1>A quick question from Harbor PT</h1>");
    expect(landing).toContain(`<form method="post" action="/p/${survey}">`);
    expect(await (await fetchApp(`/p/${reminder}`)).text()).toContain("<h1>Your visits at Harbor PT</h1>");
    const post = (token: string) => fetchApp(`/p/${token}`, { method: "POST", headers: { "sec-fetch-site": "same-origin" } });
    const landed = await post(survey);
    expect(landed.status).toBe(303);
    expect(landed.headers.get("location")).toBe("/portal/survey");
    expect((await post(reminder)).headers.get("location")).toBe("/portal");
  });

  it("shows 0-10 as eleven labelled radio buttons and an optional comment, with only the link (no device check)", async () => {
    const t = await surveyPhone();
    const res = await t.phone.get("/portal/survey");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.text();
    expect(new TextEncoder().encode(html).length).toBeLessThan(MAX_PAGE_BYTES);
    expect(html).toContain('<html lang="en">');
    expect(radiosOf(html)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    for (let n = 0; n <= 10; n++) expect(html).toContain(`<label for="score-${n}" class="choice-button">${n}</label>`);
    expect(html).toContain("How likely are you to recommend Harbor PT to a friend or family member?");
    expect(html).toMatch(/<legend id="score">/);
    expect(html).toContain('<label for="comment">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("checked");
  });

  it("a valid answer is saved from the portal and thanks the patient; a promoter sees the review button", async () => {
    const t = await surveyPhone();
    const sent = await t.phone.post("/portal/survey", { score: "10", comment: "  Loved the team  " });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/portal/survey/thanks");
    const row = await answerOf(t.clinic.id, t.episodeId);
    expect(row).toMatchObject({ patientId: t.patient.id, score: 10, comment: "Loved the team", channel: "portal" });
    expect(row?.reviewAskedAt).not.toBeNull();
    expect(await messagesOf(t.clinic.id, t.patient.id, "review_request")).toHaveLength(1);
    const thanks = await (await t.phone.get("/portal/survey/thanks")).text();
    expect(thanks).toContain("We are so glad you would recommend us.");
    expect(thanks).toMatch(
      new RegExp(`<form method="get" action="/p/r/${row?.id}\\.[A-Za-z0-9_-]{22}"><button type="submit">Write a review</button>`),
    );
    // Back on the form, the score is chosen again; the comment is never shown back.
    const again = await (await t.phone.get("/portal/survey")).text();
    expect(again).toContain("You answered 10 out of 10.");
    expect(again).toMatch(/id="score-10" value="10" checked=""/);
    expect(again).not.toContain("Loved the team");
  });

  it("a promoter of a clinic without a review page gets thanks and no review button", async () => {
    const t = await surveyPhone({ reviewUrl: null });
    expect((await t.phone.post("/portal/survey", { score: "9" })).status).toBe(303);
    const thanks = await (await t.phone.get("/portal/survey/thanks")).text();
    expect(thanks).toContain("We are so glad you would recommend us.");
    expect(thanks).not.toContain("/p/r/");
  });

  it("a detractor is told the clinic will be in touch", async () => {
    const t = await surveyPhone();
    expect((await t.phone.post("/portal/survey", { score: "2", comment: "Waited 40 minutes" })).status).toBe(303);
    expect(await recoveryTasksOf(t.clinic.id, t.patient.id)).toHaveLength(1);
    const thanks = await (await t.phone.get("/portal/survey/thanks")).text();
    expect(thanks).toContain("Someone from Harbor PT will contact you soon to put things right.");
    expect(thanks).not.toContain("/p/r/");
  });

  it("no score: 422 with the error beside the question, the comment kept, nothing saved", async () => {
    const t = await surveyPhone();
    const res = await t.phone.post("/portal/survey", { comment: "Nice people" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<p class="error" role="alert">Please check the answer marked below.</p>');
    expect(html).toContain('<p class="error" id="score-error">Please choose a number from 0 to 10.</p>');
    expect(html).toContain('aria-describedby="score-hint score-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain("Nice people</textarea>");
    const refused: Record<string, string>[] = [{ score: "11" }, { score: "ten" }, { score: "5", comment: "x".repeat(501) }];
    for (const bad of refused) {
      expect((await t.phone.post("/portal/survey", bad)).status, JSON.stringify(bad).slice(0, 40)).toBe(422);
    }
    expect(await answerOf(t.clinic.id, t.episodeId)).toBeUndefined();
  });

  it("speaks Spanish to a Spanish-speaking patient", async () => {
    const t = await surveyPhone({ language: "es" });
    const html = await (await t.phone.get("/portal/survey")).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("¿Qué tan probable es que recomiende Harbor PT a un amigo o familiar?");
    expect(html).toContain("Enviar mi respuesta");
    const refused = await (await t.phone.post("/portal/survey", {})).text();
    expect(refused).toContain("Elija un número del 0 al 10, por favor.");
    expect((await t.phone.post("/portal/survey", { score: "8" })).status).toBe(303);
    expect(await (await t.phone.get("/portal/survey/thanks")).text()).toContain("Gracias por su respuesta. Nos ayuda a mejorar.");
  });

  it("a patient with no discharged episode is told there is nothing to answer, and cannot answer", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const episodeId = await makeEpisode(clinic.id, patient.id, { status: "open", dischargedAt: null });
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    for (const path of ["/portal/survey", "/portal/survey/thanks"]) {
      const res = await phone.get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain("There is no survey for you to answer right now.");
      expect(html).not.toContain('name="score"');
    }
    expect((await phone.post("/portal/survey", { score: "9" })).status).toBe(200);
    expect(await answerOf(clinic.id, episodeId)).toBeUndefined();
  });

  it("before any answer the thank-you page sends back to the question", async () => {
    const t = await surveyPhone();
    const res = await t.phone.get("/portal/survey/thanks");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/portal/survey");
  });
});
