import { describe, expect, it } from "vitest";
import { type InstrumentId, instruments } from "../../../src/outcomes/questionnaires";
import { score } from "../../../src/outcomes/scoring";
import { outcomesSetup, postAndFollow } from "./setup";

/** A valid filled-in form for each instrument. */
const validForm: Record<InstrumentId, Record<string, string>> = {
  nprs: { "nprs-pain": "4" },
  psfs: { "psfs-1-activity": "Climbing stairs", "psfs-1-rating": "3", "psfs-2-activity": "Kneeling", "psfs-2-rating": "6" },
  lefs: Object.fromEntries(instruments.lefs.questionnaire.item.map((i, n) => [i.linkId, String(n % 5)])),
  odi: Object.fromEntries(instruments.odi.questionnaire.item.map((i, n) => [i.linkId, String(n % 6)])),
  ndi: Object.fromEntries(instruments.ndi.questionnaire.item.map((i, n) => [i.linkId, String((n + 2) % 6)])),
};

const answersOf = (form: Record<string, string>) =>
  Object.fromEntries(Object.entries(form).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]));

describe("portal questionnaires", () => {
  it("offers the episode's measure and PSFS, marked due", async () => {
    const knee = await outcomesSetup({ region: "knee" });
    let html = await (await knee.portal.get("/portal/questionnaires")).text();
    expect(html).toContain('href="/portal/questionnaires/lefs"');
    expect(html).toContain('href="/portal/questionnaires/psfs"');
    expect(html).not.toContain('href="/portal/questionnaires/odi"');
    expect(html).toContain("Due now");
    const back = await outcomesSetup({ region: "low_back", lang: "es" });
    html = await (await back.portal.get("/portal/questionnaires")).text();
    expect(html).toContain("Índice de discapacidad de Oswestry");
    expect(html).not.toContain('href="/portal/questionnaires/lefs"');
    const none = await outcomesSetup({ region: null });
    html = await (await none.portal.get("/portal/questionnaires")).text();
    for (const id of ["psfs", "lefs", "odi", "ndi"]) expect(html).toContain(`href="/portal/questionnaires/${id}"`);
    expect(html).not.toContain('href="/portal/questionnaires/nprs"');
  });

  it("renders every questionnaire as an accessible form in English and Spanish", async () => {
    const en = await outcomesSetup({ lang: "en" });
    const es = await outcomesSetup({ lang: "es" });
    for (const id of Object.keys(instruments) as InstrumentId[]) {
      const def = instruments[id];
      for (const [s, lang] of [
        [en, "en"],
        [es, "es"],
      ] as const) {
        const res = await s.portal.get(`/portal/questionnaires/${id}`);
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain(`<html lang="${lang}">`);
        expect(html).toContain(`<h1>${lang === "es" ? def.es.title : def.questionnaire.title}</h1>`);
        const first = def.questionnaire.item[0];
        const text = lang === "es" ? def.es.items[first?.linkId ?? ""] : first?.text;
        expect(html).toContain(text);
        expect(html).toContain(`name="_csrf"`);
        expect(html).not.toContain("<script");
        expect(new TextEncoder().encode(html).length).toBeLessThan(50_000);
        const choiceItems = def.questionnaire.item.filter((i) => i.type === "choice").length;
        expect(html.match(/<legend>/g)?.length).toBe(choiceItems);
      }
    }
    const lefsEs = await (await es.portal.get("/portal/questionnaires/lefs")).text();
    expect(lefsEs).toContain("Ninguna dificultad");
    expect(lefsEs).not.toContain("No difficulty");
    const odiEs = await (await es.portal.get("/portal/questionnaires/odi")).text();
    expect(odiEs).toContain("(opcional)");
  });

  it.each(Object.keys(validForm) as InstrumentId[])("%s: a valid submission stores a scored QuestionnaireResponse", async (id) => {
    const s = await outcomesSetup({ region: null });
    const { html, location } = await postAndFollow(s.portal, `/portal/questionnaires/${id}`, validForm[id]);
    expect(location).toMatch(/^\/portal\/questionnaires\/done\/[0-9a-z]{26}$/);
    expect(html).toContain(`We saved your answers to “${instruments[id].questionnaire.title}”.`);
    const [row] = await s.rows();
    const expected = score(id, answersOf(validForm[id]));
    expect(expected.ok).toBe(true);
    expect(row).toMatchObject({
      instrumentId: id,
      kind: "questionnaire",
      score: expected.ok ? expected.score : Number.NaN,
      source: "portal",
    });
    const resource = JSON.parse(row?.resource ?? "{}");
    expect(resource).toMatchObject({
      resourceType: "QuestionnaireResponse",
      questionnaire: instruments[id].questionnaire.url,
      status: "completed",
      subject: { reference: `Patient/${s.patient.id}` },
    });
    expect(resource.item.length).toBe(Object.keys(validForm[id]).length);
    const [event] = await s.events("questionnaire.completed");
    expect(JSON.parse(event?.payload ?? "{}")).toEqual({ instrumentId: id, score: row?.score, responseId: row?.id });
  });

  it("missing or impossible answers: 422, errors beside each item, answers kept, nothing written", async () => {
    const s = await outcomesSetup({ lang: "es" });
    const form = { ...validForm.lefs, "lefs-3": "", "lefs-7": "9" };
    const res = await s.portal.post("/portal/questionnaires/lefs", form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('<p class="error" id="lefs-3-error">Responda esta pregunta, por favor.</p>');
    expect(html).toContain('<p class="error" id="lefs-7-error">Elija una de las respuestas, por favor.</p>');
    expect(html).toContain('href="#lefs-3"');
    expect(html).toMatch(/id="lefs-1-0" value="0" checked=""/);
    expect(await s.rows()).toHaveLength(0);
    expect(await s.events("questionnaire.completed")).toHaveLength(0);
    const psfs = await s.portal.post("/portal/questionnaires/psfs", { "psfs-1-rating": "4" });
    expect(psfs.status).toBe(422);
    const psfsHtml = await psfs.text();
    expect(psfsHtml).toContain("Escriba la actividad que calificó, por favor.");
    expect(await s.rows()).toHaveLength(0);
  });

  it("an unknown questionnaire is a 404 page in the patient's language", async () => {
    const s = await outcomesSetup({ lang: "es" });
    for (const res of [await s.portal.get("/portal/questionnaires/sf36"), await s.portal.post("/portal/questionnaires/sf36", {})]) {
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("Este cuestionario no está disponible.");
    }
  });

  it("a full NPRS of 9 tells the patient the clinic will be in touch", async () => {
    const s = await outcomesSetup();
    const { html } = await postAndFollow(s.portal, "/portal/questionnaires/nprs", { "nprs-pain": "9" });
    expect(html).toContain("will be in touch");
    expect(await s.painTasks()).toHaveLength(1);
  });
});
