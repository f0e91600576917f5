import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { rollClinic } from "../../../src/analytics/rollup";
import { episodes } from "../../../src/episodes/tables";
import { makeDeps } from "../../../src/platform/deps";
import { newId } from "../../../src/platform/ids";
import { referralSources } from "../../../src/platform/schema";
import { db, makePatient } from "../../helpers/factories";
import { fetchApp, signIn } from "../../helpers/http";
import { buildClinic, RANGE } from "./fixture";

const unique = (word: string) => `${word} ${crypto.randomUUID().slice(0, 8)}`;
const query = `from=${RANGE.from}&to=${RANGE.to}`;

describe("/analytics", () => {
  it("shows the owner the KPIs against the previous period, the charts and the tables, and none of another clinic's data", async () => {
    const home = await buildClinic(unique("Home"));
    const other = await buildClinic(unique("Elsewhere"));
    const owner = await signIn(home.clinic.staff.owner.email);
    const res = await owner.get(`/analytics?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('aria-current="page">Analytics');
    expect(html).toContain("compared with 2026-10-04 to 2026-10-31");
    // Arrival rate: 5 of 7 now, 3 of 5 before: +11.4 points, better.
    expect(html).toMatch(/Arrival rate<\/th><td>71\.4%<\/td><td>60\.0%<\/td><td>\+11\.4 pts<span class="muted"> \(better\)/);
    expect(html).toMatch(/Dropout rate<\/th><td>50\.0%<\/td><td>0\.0%<\/td>/);
    // NPS: 2 promoters and 1 detractor of 3 answers now (33), 1 promoter of 2 before (50).
    expect(html).toMatch(/NPS<\/th><td>33<\/td><td>50<\/td><td>−17<span class="muted"> \(worse\)/);
    // HEP adherence: 11 of 34 sessions now, 9 of 42 before.
    expect(html).toMatch(/HEP adherence<\/th><td>32\.4%<\/td><td>21\.4%<\/td><td>\+10\.9 pts<span class="muted"> \(better\)/);
    expect(html).toMatch(/Review links opened<\/th><td>2<\/td><td>0<\/td><td>\+2/);
    expect(html).toContain('<title id="retention-title">Episodes by start month and where they stand now</title>');
    expect(html).toContain("Nov 2026: 3 started; 1 completed, 2 still in care, 0 dropped out, 0 discharged for other reasons.");
    expect(html).toContain("Dec 2025: 0 started;");
    expect(html).toMatch(/<th scope="row">Sep 2026<\/th><td>1<\/td><td>0<\/td><td>0<\/td><td>1<\/td><td>0<\/td>/);
    expect(html).toContain(`/analytics/export.csv?table=retention&amp;${query.replace("&", "&amp;")}`);
    expect(html).toContain("visit rate is not set");
    expect(html).toContain('<title id="trend-title">Visits per week</title>');
    expect(html).toContain("Week of 2026-11-08: 2 attended, 0 cancelled, 1 no-show.");
    expect(html).toContain("Referrals (episodes started): 3 (100% of referrals).");
    expect(html).toContain(`Dr. Knee of ${home.clinic.name}`);
    expect(html).toContain(`therapist ${home.clinic.name}`);
    expect(html).toContain(`/analytics/export.csv?table=sources&amp;${query.replace("&", "&amp;")}`);
    expect(html).not.toContain(other.clinic.name);
  });

  it("says how fresh the numbers are, and shows the same ones once the nightly rollup has run", async () => {
    const home = await buildClinic(unique("Fresh"));
    const owner = await signIn(home.clinic.staff.owner.email);
    const live = await (await owner.get(`/analytics?${query}`)).text();
    expect(live).toContain("Every number is counted live: the nightly rollup has not run for this clinic yet.");

    const rolled = await rollClinic(makeDeps(env), home.clinic.id);
    const html = await (await owner.get(`/analytics?${query}`)).text();
    expect(html).toContain(`Visits, discharges, messages and survey answers up to ${rolled?.through} are counted from the nightly rollup`);
    const tables = (page: string) => page.slice(page.indexOf("<main"), page.indexOf('id="definitions-heading"'));
    expect(tables(html)).toEqual(tables(live));
    expect(html).toMatch(/Arrival rate<\/th><td>71\.4%<\/td><td>60\.0%<\/td>/);
  });

  it("defaults to the last 28 days", async () => {
    const home = await buildClinic(unique("Default"));
    const owner = await signIn(home.clinic.staff.owner.email);
    const html = await (await owner.get("/analytics")).text();
    const from = /id="a-from" name="from" type="date" value="(\d{4}-\d{2}-\d{2})"/.exec(html)?.[1];
    const to = /id="a-to" name="to" type="date" value="(\d{4}-\d{2}-\d{2})"/.exec(html)?.[1];
    expect(from && to).toBeTruthy();
    expect((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000).toBe(27);
  });

  it("refuses a bad range with a message beside the form (422)", async () => {
    const home = await buildClinic(unique("Bad"));
    const owner = await signIn(home.clinic.staff.owner.email);
    for (const [q, message] of [
      ["from=2026-02-30&to=2026-03-01", "Not a real date"],
      ["from=2026-03-02&to=2026-03-01", "The start date must be on or before the end date."],
      ["from=2024-01-01&to=2026-06-01", "Choose a range of at most two years."],
      ["from=soon", "Use a date like 2026-03-01"],
    ] as const) {
      const res = await owner.get(`/analytics?${q}`);
      expect(res.status, q).toBe(422);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain(message);
      expect(html).not.toContain("Visits per week");
    }
  });

  it("is for owners and admins only: front desk and therapists get 403, no sign-in goes to the login page", async () => {
    const home = await buildClinic(unique("Roles"));
    for (const role of ["front_desk", "therapist"] as const) {
      const staff = await signIn(home.clinic.staff[role].email);
      expect((await staff.get("/analytics")).status).toBe(403);
      expect((await staff.get(`/analytics/export.csv?table=overall&${query}`)).status).toBe(403);
      expect(await (await staff.get("/patients")).text()).not.toContain('href="/analytics"');
    }
    const admin = await signIn(home.clinic.staff.admin.email);
    expect((await admin.get("/analytics")).status).toBe(200);
    const anonymous = await fetchApp("/analytics");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/login");
  });

  it("downloads each table as CSV, with the formula guard on names a spreadsheet would run", async () => {
    const home = await buildClinic(unique("Csv"));
    // A referral source whose name is a formula, with one episode so that it has a row.
    const formulaSource = newId();
    await db()
      .insert(referralSources)
      .values({ id: formulaSource, clinicId: home.clinic.id, name: '=HYPERLINK("http://x")', kind: "other", createdAt: Date.now() });
    const patient = await makePatient(home.clinic.id);
    await db().insert(episodes).values({
      id: newId(),
      clinicId: home.clinic.id,
      patientId: patient.id,
      bodyRegion: "neck",
      diagnosis: "Neck pain",
      startDate: "2026-11-20",
      referralSourceId: formulaSource,
      visitsPrescribed: 6,
      frequencyPerWeek: 2,
      durationWeeks: 3,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    });
    const owner = await signIn(home.clinic.staff.owner.email);

    const overall = await owner.get(`/analytics/export.csv?table=overall&${query}`);
    expect(overall.status).toBe(200);
    expect(overall.headers.get("content-type")).toContain("text/csv");
    expect(overall.headers.get("content-disposition")).toBe(`attachment; filename="rapport-overall-2026-11-01-to-2026-11-28.csv"`);
    const lines = (await overall.text()).split("\r\n");
    expect(lines[0]).toBe("KPI,2026-11-01 to 2026-11-28,2026-10-04 to 2026-10-31,Change");
    expect(lines).toContain("Arrival rate (%),71.43,60,11.43");
    expect(lines).toContain("Visits per episode,3,3,0");
    expect(lines).toContain("Revenue per episode,,,");
    expect(lines).toContain("HEP adherence (%),32.35,21.43,10.92");
    expect(lines).toContain("NPS,33.33,50,-16.67");
    expect(lines).toContain("Review requests,2,1,1");

    const sources = await (await owner.get(`/analytics/export.csv?table=sources&${query}`)).text();
    expect(sources.split("\r\n")[0]).toMatch(
      /^Referral source,Visits due,Episodes discharged,Episodes started,Survey answers,Arrival rate \(%\)/,
    );
    expect(sources).toContain(`Dr. Knee of ${home.clinic.name},6,2,2,2,66.67,`);
    expect(sources).toContain("No referral source,1,0,1,1,100,");
    expect(sources).toContain(`"'=HYPERLINK(""http://x"")",0,0,1,0,`);

    // The therapist's columns, in the order of the KPI definitions: arrival, cancellation, no-show,
    // completion, dropout, visits per episode, days to first visit, referral conversion, message response
    // (P1's, answered), check-in adherence, HEP adherence (3 of 14), NPS (E1's 10), review requests,
    // review links opened (E1's and E5's), reactivations, revenue (no rate).
    const therapists = await (await owner.get(`/analytics/export.csv?table=therapists&${query}`)).text();
    expect(therapists.split("\r\n")[0]).toContain(
      ",Message response rate (%),Check-in adherence (%),HEP adherence (%),NPS,Review requests,",
    );
    expect(therapists).toContain(`therapist ${home.clinic.name},5,1,1,1,60,20,20,100,0,4,1,100,100,50,21.43,100,1,2,1,\r\n`);

    const retention = await owner.get(`/analytics/export.csv?table=retention&${query}`);
    expect(retention.headers.get("content-disposition")).toBe(`attachment; filename="rapport-retention-2026-11-01-to-2026-11-28.csv"`);
    const months = (await retention.text()).split("\r\n");
    expect(months[0]).toBe("Start month,Episodes started,Completed,Still in care,Dropped out,Discharged for other reasons");
    expect(months.slice(1, 13)).toEqual([
      "2025-12,0,0,0,0,0",
      "2026-01,0,0,0,0,0",
      "2026-02,0,0,0,0,0",
      "2026-03,0,0,0,0,0",
      "2026-04,0,0,0,0,0",
      "2026-05,1,1,0,0,0",
      "2026-06,1,0,0,0,1",
      "2026-07,0,0,0,0,0",
      "2026-08,0,0,0,0,0",
      "2026-09,1,0,0,1,0",
      "2026-10,1,1,0,0,0",
      // The fixture's three and the formula source's episode of Nov 20, still in care.
      "2026-11,4,1,3,0,0",
    ]);

    expect((await owner.get(`/analytics/export.csv?table=patients&${query}`)).status).toBe(422);
    expect((await owner.get("/analytics/export.csv?table=overall&from=2026-13-01")).status).toBe(422);
  });
});
