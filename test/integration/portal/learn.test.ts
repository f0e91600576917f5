import { describe, expect, it } from "vitest";
import { findArticle } from "../../../src/education/library";
import type { BodyRegion } from "../../../src/episodes/tables";
import { newId } from "../../../src/platform/ids";
import { episodes } from "../../../src/platform/schema";
import { addDays, localParts } from "../../../src/platform/time";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { openPortal } from "../../helpers/portal";

/** An open episode that started `daysAgo` clinic days ago. */
async function withEpisode(language: "en" | "es", region: BodyRegion, daysAgo: number, status: "open" | "discharged" = "open") {
  const clinic = await makeClinic("Harbor PT");
  const patient = await makePatient(clinic.id, { preferredLanguage: language });
  const now = Date.now();
  await db()
    .insert(episodes)
    .values({
      id: newId(),
      clinicId: clinic.id,
      patientId: patient.id,
      bodyRegion: region,
      diagnosis: "Fixture",
      startDate: addDays(localParts(now, "America/New_York").date, -daysAgo),
      visitsPrescribed: 12,
      frequencyPerWeek: 2,
      durationWeeks: 6,
      status,
      createdAt: now,
      updatedAt: now,
    });
  return openPortal({ clinicId: clinic.id, patientId: patient.id });
}

const forYou = (html: string) => {
  const end = html.indexOf('id="all-h"');
  const section = html.slice(html.indexOf('id="for-you-h"'), end === -1 ? undefined : end);
  return [...section.matchAll(/href="\/portal\/learn\/([a-z0-9-]+)"/g)].map((m) => m[1]);
};

describe("the Learn section", () => {
  it("chooses articles for the episode's body region and week of care", async () => {
    const week1 = await withEpisode("en", "knee", 2);
    const res = await week1.get("/portal/learn");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Short articles chosen for week 1 of your care.");
    expect(html).toContain('aria-current="page"');
    const chosen = forYou(html);
    expect(chosen.slice(0, 2)).toEqual(["stairs-and-chairs", "leg-swelling"]);
    expect(chosen).toContain("what-to-expect");
    expect(chosen).not.toContain("moving-with-a-sore-back");
    // The rest of the library is still listed, below.
    expect(html).toContain('href="/portal/learn/moving-with-a-sore-back"');

    const week5 = await withEpisode("en", "shoulder", 30); // day 30: week 5
    const later = await (await week5.get("/portal/learn")).text();
    expect(later).toContain("week 5 of your care");
    const chosen5 = forYou(later);
    expect(chosen5[0]).toBe("sleeping-with-a-sore-shoulder");
    expect(chosen5).toContain("reaching-and-lifting");
    expect(chosen5).not.toContain("what-to-expect");
  });

  it("speaks Spanish to a Spanish-speaking patient", async () => {
    const phone = await withEpisode("es", "low_back", 9); // week 2
    const html = await (await phone.get("/portal/learn")).text();
    expect(html).toContain('lang="es"');
    expect(html).toContain("Artículos breves elegidos para la semana 2 de su tratamiento.");
    expect(html).toContain(findArticle("moving-with-a-sore-back")?.es.title ?? "missing");
    const article = await phone.get("/portal/learn/moving-with-a-sore-back");
    expect(article.status).toBe(200);
    const body = await article.text();
    expect(body).toContain("<h1>Moverse con dolor de espalda</h1>");
    expect(body).toContain("Esta es información general");
  });

  it("any article in the library can be read; an unknown one is a 404 page", async () => {
    const phone = await withEpisode("en", "knee", 0);
    const other = await phone.get("/portal/learn/sleeping-with-a-sore-shoulder");
    expect(other.status).toBe(200);
    expect(await other.text()).toContain("Sleeping with a sore shoulder");
    const missing = await phone.get("/portal/learn/no-such-article");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("We couldn&#39;t find that article.");
  });

  it("without an open episode, the general articles", async () => {
    const phone = await withEpisode("en", "knee", 100, "discharged");
    const html = await (await phone.get("/portal/learn")).text();
    expect(html).toContain("Short articles with general advice for your recovery.");
    const chosen = forYou(html);
    expect(chosen).toContain("staying-active");
    expect(chosen).not.toContain("stairs-and-chairs");
  });

  it("needs the device check", async () => {
    const clinic = await makeClinic();
    const patient = await makePatient(clinic.id);
    const phone = await openPortal({ clinicId: clinic.id, patientId: patient.id, stepUp: false });
    expect((await phone.get("/portal/learn/ice-or-heat")).status).toBe(303);
  });
});
