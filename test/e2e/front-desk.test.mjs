import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, signIn, withPage } from "./helpers.mjs";

/** The clinic's local date and time (America/New_York) at an instant, as the booking form wants them. */
function clinicLocal(at) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "America/New_York",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("front desk books a visit, checks the patient in, marks it attended and sees the plan move", { timeout: 120_000 }, async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, "frontdesk@demo-clinic.test");
    const familyName = `Walker${Date.now().toString(36)}`;

    // A new patient with an episode of care of 8 visits.
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    await page.getByRole("link", { name: "New patient" }).click();
    await page.getByLabel("First name").fill("Jordan");
    await page.getByLabel("Last name").fill(familyName);
    await page.getByLabel("Date of birth").fill("1984-05-17");
    await page.getByRole("button", { name: "Create patient" }).click();
    await page.waitForURL(/\/patients\/[0-9a-z]{26}$/);
    const patientUrl = page.url();
    await page.getByRole("link", { name: "Start episode of care" }).click();
    await page.getByLabel("Diagnosis").fill("Low back pain");
    await page.getByLabel("Visits prescribed").fill("8");
    await page.getByLabel("Visits per week").fill("2");
    await page.getByLabel("Duration in weeks").fill("4");
    await page.getByRole("button", { name: "Start episode" }).click();
    await page.goto(patientUrl);
    assert.match(await page.locator("main").textContent(), /0 of 8 visits/);

    // Book it for a few minutes ago (so it can be checked in and attended now), outside hours if need be.
    // The demo diary is full in opening hours: try a few minutes ago, then early this morning (before
    // the diary starts), with each therapist, until one is free.
    const recent = clinicLocal(Date.now() - 5 * 60_000);
    const candidates = [recent, ...(recent.time > "06:00" ? [{ date: recent.date, time: "06:00" }] : [])];
    await page.getByRole("link", { name: "Book a visit" }).first().click();
    const therapist = page.getByLabel("Therapist", { exact: true });
    const therapists = (await therapist.locator("option").count()) - 1; // the first is "Choose a therapist"
    let therapistName = "";
    booking: for (const { date, time } of candidates) {
      for (let index = 1; index <= therapists; index++) {
        await therapist.selectOption({ index });
        therapistName = (await therapist.locator("option:checked").textContent())?.trim() ?? "";
        await page.getByLabel("Episode of care").selectOption({ index: 1 });
        await page.getByLabel("Visit type").selectOption("evaluation");
        // The required marker (" *") is part of these labels' text, so address the inputs by id.
        await page.locator("#f-date").fill(date);
        await page.locator("#f-time").fill(time);
        await page.locator("#f-durationMinutes").fill("5");
        await page.getByLabel("Book outside the therapist's hours").check();
        const [answer] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === "POST"),
          page.getByRole("button", { name: "Book visit" }).click(),
        ]);
        if (answer.status() !== 409) break booking;
        await page.locator(".form-error", { hasText: "already has a visit" }).first().waitFor();
      }
    }

    // It is on the schedule, in its therapist's day.
    await page.waitForURL(/\/schedule\?/);
    const row = page.locator("tr", { hasText: familyName });
    await row.waitFor();
    assert.match(await page.locator("main").textContent(), new RegExp(therapistName.split(" ")[0] ?? ""));

    // Arrived, then attended: each an in-place row update.
    await row.getByRole("button", { name: "Check in" }).click();
    await row.getByText("Checked in", { exact: false }).first().waitFor();
    await row.getByRole("button", { name: "Attended" }).click();
    await page.locator("tr", { hasText: familyName }).getByText("Attended").first().waitFor();
    // Attended is final: no way back to booked from the row.
    assert.equal(await page.locator("tr", { hasText: familyName }).getByRole("button", { name: "Check in" }).count(), 0);

    // The patient page shows the plan moving.
    await page.goto(patientUrl);
    assert.match(await page.locator("main").textContent(), /1 of 8 visits/);
    assert.match(await page.locator("main").textContent(), /Visit attended/);
  });
});
