// The owner's analytics page and the at-risk worklist in a real browser against `npm start` (run through
// scripts/e2e.mjs, which sets BASE_URL): KPIs and charts for a chosen range with a CSV export, then the
// hourly risk scoring, an outreach started from the at-risk list, its outcome, and the task it made.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";
import { BASE_URL, launchBrowser, signIn, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A calendar date (YYYY-MM-DD) moved by whole days. */
function addDays(date, days) {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

const OWNER = "owner@demo-clinic.test";

/** The at-risk view's outreach summary as numbers: { started, reached } (both 0 before any outreach). */
async function outreachSummary(page) {
  const text = (await page.getByRole("region", { name: /^Outreach in the last \d+ days$/ }).textContent()) ?? "";
  if (/No outreach started yet/.test(text)) return { started: 0, reached: 0 };
  const match = text.match(/(\d+)\s+started: (\d+) reached/);
  assert.ok(match, `an outreach summary (got ${JSON.stringify(text)})`);
  return { started: Number(match[1]), reached: Number(match[2]) };
}

test("owner reads the analytics for the last 90 days, downloads the CSV and gets an inline error for a backwards range", {
  timeout: 120_000,
}, async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, OWNER);

    // From the main navigation (owners and admins only).
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/analytics");
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();

    // The default range ends today (clinic-local): take that day and ask for the 90 days up to it.
    const to = await page.getByLabel("To", { exact: true }).inputValue();
    assert.match(to, /^\d{4}-\d{2}-\d{2}$/, "the To field holds the default end date");
    const from = addDays(to, -89);
    const previousFrom = addDays(from, -90);
    const previousTo = addDays(from, -1);

    await page.getByLabel("From", { exact: true }).fill(from);
    await page.getByLabel("To", { exact: true }).fill(to);
    const [shown] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/analytics" && r.request().resourceType() === "document"),
      page.getByRole("button", { name: "Show" }).click(),
    ]);
    assert.equal(shown.status(), 200);
    await page.waitForURL((url) => url.searchParams.get("from") === from && url.searchParams.get("to") === to);
    await page.getByText(`${from} to ${to}, compared with ${previousFrom} to ${previousTo}`).waitFor();

    // The clinic's KPI table, this period against the previous one.
    const clinic = page.getByRole("region", { name: "Clinic" });
    await clinic.getByRole("heading", { level: 2, name: "Clinic" }).waitFor();
    const kpis = clinic.getByRole("table");
    for (const column of ["KPI", "This period", "Previous period", "Change"]) {
      await kpis.getByRole("columnheader", { name: column, exact: true }).waitFor();
    }
    for (const kpi of ["Arrival rate", "No-show rate", "Visits per episode", "NPS"]) {
      await kpis.getByRole("rowheader", { name: kpi, exact: true }).waitFor();
    }
    const arrival = kpis.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Arrival rate", exact: true }) });
    assert.match((await arrival.getByRole("cell").first().textContent()) ?? "", /\d/, "the demo clinic has an arrival rate this period");

    // The other sections and both charts, drawn as SVG with accessible names and descriptions.
    for (const heading of [
      "Visits per week",
      "Referral to completion",
      "By therapist",
      "By referral source",
      "How each number is counted",
    ]) {
      await page.getByRole("heading", { level: 2, name: heading, exact: true }).waitFor();
    }
    const trend = page.getByRole("region", { name: "Visits per week" }).getByRole("img", { name: /^Visits per week/ });
    const funnel = page
      .getByRole("region", { name: "Referral to completion" })
      .getByRole("img", { name: /^Referral to evaluation to completion/ });
    for (const chart of [trend, funnel]) {
      await chart.waitFor();
      assert.equal(await chart.evaluate((el) => el.tagName.toLowerCase()), "svg");
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 100 && box.height > 50, `the chart is drawn at a readable size (got ${JSON.stringify(box)})`);
    }
    // About 13 weeks in 90 days, each with a bar; the funnel has its three bars.
    assert.ok((await trend.locator("rect").count()) >= 10, "the weekly chart has bars");
    assert.equal(await funnel.locator("rect").count(), 3);
    assert.match((await trend.locator("desc").textContent()) ?? "", /Week of \d{4}-\d{2}-\d{2}: \d+ attended/);
    assert.match((await funnel.locator("desc").textContent()) ?? "", /Referrals \(episodes started\): \d+/);
    // The demo was rolled up on start: past days come from the nightly rollup, and the page says how far.
    await page
      .getByText(/Visits, discharges, messages and survey answers up to \d{4}-\d{2}-\d{2} are counted from the nightly rollup/)
      .waitFor();
    await page
      .getByRole("region", { name: "By therapist" })
      .getByRole("table")
      .getByRole("columnheader", { name: "Therapist", exact: true })
      .waitFor();

    // The clinic table as CSV, for the range on the page.
    const [download] = await Promise.all([page.waitForEvent("download"), clinic.getByRole("link", { name: "Download CSV" }).click()]);
    assert.equal(download.suggestedFilename(), `rapport-overall-${from}-to-${to}.csv`);
    const csv = await readFile(await download.path(), "utf8");
    const lines = csv.split("\r\n").filter((line) => line !== "");
    assert.equal(lines[0], `KPI,${from} to ${to},${previousFrom} to ${previousTo},Change`, "the first line is the header row");
    const rows = lines.slice(1);
    assert.ok(rows.length >= 10, `the CSV has a row per KPI (got ${rows.length})`);
    const arrivalLine = rows.find((line) => line.startsWith("Arrival rate (%),"));
    assert.ok(arrivalLine, `an Arrival rate row (got ${JSON.stringify(rows)})`);
    assert.match(arrivalLine, /^Arrival rate \(%\),\d+(\.\d+)?,/, "numbers are plain numbers");
    for (const line of rows) assert.equal(line.split(",").length, 4, `four cells in ${JSON.stringify(line)}`);

    // A range that ends before it starts is refused inline (422), and nothing is computed.
    await page.getByLabel("From", { exact: true }).fill(to);
    await page.getByLabel("To", { exact: true }).fill(from);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === "/analytics" && r.request().resourceType() === "document"),
      page.getByRole("button", { name: "Show" }).click(),
    ]);
    assert.equal(refused.status(), 422);
    const alert = page.getByRole("alert").filter({ hasText: "The start date must be on or before the end date." });
    await alert.waitFor();
    assert.equal(await page.getByLabel("From", { exact: true }).getAttribute("aria-invalid"), "true");
    assert.equal(await page.getByLabel("From", { exact: true }).getAttribute("aria-describedby"), await alert.getAttribute("id"));
    assert.equal(await page.getByLabel("From", { exact: true }).inputValue(), to, "the refused dates stay in the form");
    assert.equal(await page.getByRole("region", { name: "Clinic" }).count(), 0, "no KPIs for a refused range");
    assert.equal(await page.getByRole("img", { name: /^Visits per week/ }).count(), 0);
  });
});

test("hourly scoring fills the at-risk worklist; owner starts an outreach, records it reached, and its task is on the worklist", {
  timeout: 120_000,
}, async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, OWNER);

    // The hourly cron enqueues every open episode for scoring; the queue consumer scores them.
    const cron = await fetch(`${BASE_URL}/__scheduled?cron=0+*+*+*+*`);
    assert.equal(cron.status, 200, await cron.clone().text());

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Worklist", exact: true }).click();
    await page.getByRole("navigation", { name: "Worklist view" }).getByRole("link", { name: "At risk" }).click();
    await page.waitForURL((url) => url.pathname === "/worklist" && url.searchParams.get("view") === "at-risk");
    await page.getByRole("region", { name: /^Outreach in the last \d+ days$/ }).waitFor();

    // Rows with no outreach yet (every row, on a fresh database), so a rerun picks another patient.
    const startable = page
      .getByRole("row")
      .filter({ has: page.getByRole("button", { name: "Start outreach" }) })
      .filter({ hasText: "No outreach yet" });
    const band = page.getByLabel("Risk band");
    let found = false;
    for (let i = 0; i < 30 && !found; i++) {
      if (i > 0) {
        await page.waitForTimeout(1000);
        await page.goto("/worklist?view=at-risk");
      }
      if ((await startable.count()) > 0) {
        found = true;
        break;
      }
      // Nothing high or medium (yet): the demo clinic's open episodes may all score low. The filter
      // swaps the list in with htmx; wait until the list for "all" has settled before counting.
      const settled = page.evaluate(
        () =>
          new Promise((resolve) => {
            document.body.addEventListener("htmx:afterSettle", function onSettle(e) {
              const url = e.detail.xhr?.responseURL;
              if (url && new URL(url).searchParams.get("band") === "all") {
                document.body.removeEventListener("htmx:afterSettle", onSettle);
                resolve();
              }
            });
          }),
      );
      await band.selectOption({ label: "All bands" });
      await settled;
      found = (await startable.count()) > 0;
    }
    assert.ok(found, "the at-risk list has rows within ~30 s of the hourly cron");

    // The first row: who it is, and its risk.
    const first = startable.first();
    const rowId = await first.getAttribute("id");
    assert.match(rowId ?? "", /^risk-[\w-]+$/);
    const row = page.locator(`[id="${rowId}"]`);
    const patientLink = row.getByRole("link").first();
    const patientName = ((await patientLink.textContent()) ?? "").trim();
    const patientHref = (await patientLink.getAttribute("href")) ?? "";
    assert.match(patientHref, /^\/patients\/[\w-]+$/);
    assert.match((await row.getByRole("cell").nth(1).textContent()) ?? "", /(High|Medium|Low)\s+\d+%/);
    await row.getByText("No outreach yet").waitFor();
    const summaryBefore = await outreachSummary(page);

    // Start outreach: the row is swapped in place, showing the outreach and what became of the message.
    await row.getByRole("button", { name: "Start outreach" }).click();
    await row.getByText(/^Started \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
    const messageState = ((await row.getByText(/^message (sent|not sent: .+)$/).textContent()) ?? "").trim();
    assert.match(messageState, /^message (sent|not sent: \S.*)$/);
    assert.equal(await row.getByRole("button", { name: "Start outreach" }).count(), 0, "no second outreach while one is open");
    assert.equal(await row.getByRole("alert").count(), 0);
    t.diagnostic(`outreach for ${patientName}: ${messageState}`);

    // Its task, open and assigned to whoever started the outreach, is on the Tasks view.
    await page.getByRole("navigation", { name: "Worklist view" }).getByRole("link", { name: "Tasks" }).click();
    await page.waitForURL((url) => url.pathname === "/worklist" && !url.searchParams.has("view"));
    const taskRow = page
      .getByRole("row")
      .filter({ has: page.locator(`a[href="${patientHref}"]`) })
      .filter({ has: page.getByRole("cell", { name: "At-risk outreach", exact: true }) })
      // The demo has at-risk tasks of its own ("Two missed visits..."): this outreach's title starts so.
      .filter({ hasText: /Dropout risk \d+%: check in with the patient/ });
    await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).searchParams.get("type") === "at_risk_outreach"),
      page.getByLabel("Type", { exact: true }).selectOption({ label: "At-risk outreach" }),
    ]);
    await taskRow.waitFor();
    assert.equal(await taskRow.count(), 1);
    const me = ((await page.getByRole("banner").locator(".who").textContent()) ?? "").trim();
    assert.ok(me.length > 0, "the signed-in name is in the header");
    assert.equal(((await taskRow.getByRole("cell").nth(3).textContent()) ?? "").trim(), me, "assigned to whoever started it");
    assert.equal(((await taskRow.getByRole("cell").nth(5).textContent()) ?? "").trim(), "Open");

    // Back on the at-risk list (all bands, so the row is there whatever its band): record the outcome.
    await page.goto("/worklist?view=at-risk&band=all");
    await row.waitFor();
    await row.getByLabel("Outcome", { exact: true }).selectOption({ label: "Reached" });
    await row.getByRole("button", { name: "Record outcome" }).click();
    await row.getByText(/^Outcome: reached/).waitFor();
    await row.getByText(/^Started /).waitFor();
    // With the outcome known, another outreach may start.
    await row.getByRole("button", { name: "Start outreach" }).waitFor();
    assert.equal(await row.getByRole("alert").count(), 0);

    // The summary counts it after a reload.
    await page.reload();
    assert.deepEqual(await outreachSummary(page), { started: summaryBefore.started + 1, reached: summaryBefore.reached + 1 });

    // The outcome closed its task: it is under Done, with the outcome as its note.
    await page.goto("/worklist?type=at_risk_outreach&status=done");
    await taskRow.waitFor();
    assert.match((await taskRow.getByRole("cell").nth(5).textContent()) ?? "", /^Done \d{4}-\d{2}-\d{2}$/);
    await taskRow.getByText("Outreach: reached").waitFor();
  });
});
