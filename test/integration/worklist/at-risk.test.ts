import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { localDateIn } from "../../../src/clinics/model";
import { DAY, HOUR } from "../../../src/platform/clock";
import { episodes } from "../../../src/platform/schema";
import { localParts } from "../../../src/platform/time";
import { db, makeClinic, makePatient } from "../../helpers/factories";
import { signIn } from "../../helpers/http";
import { message } from "../risk/fixture";
import { htmx, listedEpisodes, reason, scoredEpisode, visit, writesOf } from "./at-risk-fixture";

const TZ = "America/New_York";

async function listClinic() {
  const clinic = await makeClinic("Risk List Clinic");
  const high = await makePatient(clinic.id, { givenName: "Hana", familyName: "High" });
  const medium = await makePatient(clinic.id, { givenName: "Mateo", familyName: "Medium" });
  const low = await makePatient(clinic.id, { givenName: "Lola", familyName: "Low" });
  const higher = await makePatient(clinic.id, { givenName: "Omar", familyName: "Higher" });
  const ep = {
    high: await scoredEpisode(clinic.id, high.id, 0.66, "high", [
      reason("missed 2 of the last 3 visits", 1.2),
      reason("no next visit booked", 0.8),
    ]),
    medium: await scoredEpisode(clinic.id, medium.id, 0.41, "medium", [reason("21 days since the last visit", 0.5)]),
    low: await scoredEpisode(clinic.id, low.id, 0.08, "low"),
    higher: await scoredEpisode(clinic.id, higher.id, 0.91, "high", [reason("pain is getting worse", 1.5)]),
  };
  const desk = await signIn(clinic.staff.front_desk.email);
  return { clinic, patients: { high, medium, low, higher }, ep, desk };
}

describe("/worklist?view=at-risk", () => {
  it("lists open episodes by score, highest first, with the band, score, reasons, last contact and next visit", async () => {
    const s = await listClinic();
    const nextVisitAt = Date.now() + 2 * DAY;
    await visit(s.clinic, s.patients.high.id, s.ep.high, nextVisitAt, "booked");
    // A cancelled visit is not the next visit; an attended one in the past is not either.
    await visit(s.clinic, s.patients.medium.id, s.ep.medium, Date.now() + DAY, "cancelled");
    await visit(s.clinic, s.patients.medium.id, s.ep.medium, Date.now() - 3 * DAY, "attended");
    const contactAt = Date.now() - 4 * DAY;
    await message(s.clinic.id, s.patients.high.id, "outbound", contactAt, "visit_reminder");
    // A discharged episode's score never shows, even if a stale current row is left.
    const closed = await makePatient(s.clinic.id, { givenName: "Closed", familyName: "Episode" });
    const closedEpisode = await scoredEpisode(s.clinic.id, closed.id, 0.99, "high");
    await db().update(episodes).set({ status: "discharged", dischargeReason: "dropped_out" }).where(eq(episodes.id, closedEpisode));

    const res = await s.desk.get("/worklist?view=at-risk");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const html = await res.clone().text();
    expect(await listedEpisodes(res)).toEqual([s.ep.higher, s.ep.high, s.ep.medium]);
    const row = (id: string) => html.slice(html.indexOf(`<tr id="risk-${id}"`), html.indexOf("</tr>", html.indexOf(`<tr id="risk-${id}"`)));
    const highRow = row(s.ep.high);
    expect(highRow).toContain(`href="/patients/${s.patients.high.id}"`);
    expect(highRow).toContain("Hana High");
    expect(highRow).toContain("risk-high");
    expect(highRow).toContain("66%");
    expect(highRow).toContain("missed 2 of the last 3 visits");
    expect(highRow).toContain("no next visit booked");
    const next = localParts(nextVisitAt, TZ);
    expect(highRow).toContain(`${next.date} ${next.time}`);
    expect(highRow).toContain(localDateIn(contactAt, TZ));
    expect(highRow).toContain("Start outreach");
    const mediumRow = row(s.ep.medium);
    expect(mediumRow).toContain("risk-medium");
    expect(mediumRow).toContain("none booked");
    expect(mediumRow).toContain("No contact yet");
    expect(html).not.toContain("Closed Episode");
    // The view switch links both views.
    expect(html).toContain('href="/worklist"');
    expect(html).toMatch(/<a href="\/worklist\?view=at-risk" aria-current="page">/);
  });

  it("filters by band: high and medium by default, one band, or all; an unknown band falls back to the default", async () => {
    const s = await listClinic();
    expect(await listedEpisodes(await s.desk.get("/worklist?view=at-risk&band=high"))).toEqual([s.ep.higher, s.ep.high]);
    expect(await listedEpisodes(await s.desk.get("/worklist?view=at-risk&band=medium"))).toEqual([s.ep.medium]);
    expect(await listedEpisodes(await s.desk.get("/worklist?view=at-risk&band=low"))).toEqual([s.ep.low]);
    expect(await listedEpisodes(await s.desk.get("/worklist?view=at-risk&band=all"))).toEqual([
      s.ep.higher,
      s.ep.high,
      s.ep.medium,
      s.ep.low,
    ]);
    expect(await listedEpisodes(await s.desk.get("/worklist?view=at-risk&band=nonsense"))).toEqual([s.ep.higher, s.ep.high, s.ep.medium]);
    // htmx gets the table alone.
    const fragment = await s.desk.get("/worklist?view=at-risk&band=low", htmx);
    const html = await fragment.text();
    expect(html).not.toContain("<html");
    expect(html).toContain(`risk-${s.ep.low}`);
  });

  it("any staff role sees the view; the task list stays as it was", async () => {
    const s = await listClinic();
    for (const role of ["therapist", "billing", "owner"] as const) {
      const who = await signIn(s.clinic.staff[role].email);
      expect(await listedEpisodes(await who.get("/worklist?view=at-risk"))).toEqual([s.ep.higher, s.ep.high, s.ep.medium]);
    }
    const tasks = await s.desk.get("/worklist");
    const html = await tasks.text();
    expect(html).toContain("No open tasks match these filters.");
    expect(html).toMatch(/<a href="\/worklist" aria-current="page">/);
  });

  it("never shows another clinic's patients, and another clinic's episode id answers 404 with nothing written", async () => {
    const s = await listClinic();
    const other = await makeClinic("Other Risk Clinic");
    const theirs = await makePatient(other.id, { givenName: "Foreign", familyName: "Patient" });
    const theirEpisode = await scoredEpisode(other.id, theirs.id, 0.97, "high", [reason("secret reason")]);
    const html = await (await s.desk.get("/worklist?view=at-risk&band=all")).text();
    expect(html).not.toContain("Foreign");
    expect(html).not.toContain(theirEpisode);
    expect(html).not.toContain("secret reason");

    const before = [await writesOf(s.clinic.id), await writesOf(other.id)];
    for (const init of [{}, htmx]) {
      const res = await s.desk.post(`/worklist/at-risk/${theirEpisode}/outreach`, { back: "/worklist?view=at-risk" }, init);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Foreign");
    }
    expect((await s.desk.post("/worklist/at-risk/no-such-episode/outreach", {})).status).toBe(404);
    expect([await writesOf(s.clinic.id), await writesOf(other.id)]).toEqual(before);
  });

  it("shows the next visit in the clinic's time zone and skips visits already past", async () => {
    const s = await listClinic();
    const past = Date.now() - 2 * HOUR;
    await visit(s.clinic, s.patients.higher.id, s.ep.higher, past, "booked");
    const later = Date.now() + 5 * DAY + 3 * HOUR;
    await visit(s.clinic, s.patients.higher.id, s.ep.higher, later, "booked");
    const html = await (await s.desk.get("/worklist?view=at-risk&band=high")).text();
    const p = localParts(later, TZ);
    expect(html).toContain(`${p.date} ${p.time}`);
    const missed = localParts(past, TZ);
    expect(html).not.toContain(`${missed.date} ${missed.time}`);
  });
});
