// Staff journeys in a real browser against `npm start` (run through scripts/e2e.mjs, which sets BASE_URL).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, liveSearch, resultsPath, signIn, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const results = (page) => page.locator("#patient-results");
const resultRows = (page) => results(page).locator("tbody tr");

// Letters only, so the name search treats it as one name token; random so reruns never collide.
function uniqueName(prefix) {
  const letters = Array.from({ length: 6 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
  return `${prefix}${letters}`;
}

test("owner signs in from the emailed link, finds a patient and adds a new one", { timeout: 90_000 }, async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, "owner@demo-clinic.test");
    // Signing in lands on Today; the patient list is one click away.
    assert.match((await page.getByRole("heading", { level: 1 }).textContent()) ?? "", /Olivia Owner/);
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Patients");
    assert.ok((await resultRows(page).count()) > 1, "the demo clinic's patients are listed");
    await page.screenshot({ path: resultsPath("patient-list.png"), fullPage: true });

    // Find a demo patient by medical record number, through the live search.
    await liveSearch(page, "DPT-10000");
    assert.equal(await resultRows(page).count(), 1, "an MRN matches exactly one patient");
    const link = resultRows(page).getByRole("link");
    const [family, given] = (await link.textContent()).split(", ");
    await link.click();
    await page.waitForURL(/\/patients\/[^/]+$/);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), `${given} ${family}`);
    assert.ok(await page.getByRole("cell", { name: "DPT-10000" }).isVisible(), "the MRN is on the patient's page");

    // Create a patient through the form.
    const familyName = uniqueName("Testwell");
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    await page.getByRole("link", { name: "New patient" }).click();
    await page.getByLabel("First name").fill("Robin");
    await page.getByLabel("Last name").fill(familyName);
    await page.getByLabel("Date of birth").fill("1984-02-29");
    await page.getByLabel("Sex").selectOption("female");
    await page.getByLabel("Mobile phone").fill("(617) 555-0142");
    await page.getByLabel("Text messages (SMS)").check();
    await page.getByRole("button", { name: "Create patient" }).click();
    await page.waitForURL(/\/patients\/[^/]+$/);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), `Robin ${familyName}`);
    assert.ok(await page.getByText("+16175550142").isVisible(), "the phone number is stored in E.164");

    // The new patient is found by name.
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    await liveSearch(page, familyName);
    assert.equal(await resultRows(page).count(), 1);
    assert.equal(await resultRows(page).getByRole("link").textContent(), `${familyName}, Robin`);
  });
});

test("front desk sees inline errors for a bad form and nothing is saved", { timeout: 90_000 }, async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, "frontdesk@demo-clinic.test");
    const familyName = uniqueName("Notsaved");
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    await page.getByRole("link", { name: "New patient" }).click();
    await page.getByLabel("Last name").fill(familyName);
    await page.getByLabel("Date of birth").fill("1990-06-15");
    await page.getByLabel("Mobile phone").fill("12");
    await page.getByRole("button", { name: "Create patient" }).click();

    await page.getByRole("alert").filter({ hasText: "Nothing was saved" }).waitFor();
    // Each error sits in the same field block as its input, and the input points at it for screen readers.
    for (const [label, message] of [
      ["First name", "Enter the first name"],
      ["Mobile phone", "Enter a valid phone number"],
    ]) {
      const input = page.getByLabel(label);
      assert.equal(await input.getAttribute("aria-invalid"), "true", `${label} is marked invalid`);
      const error = page.locator(".field", { has: input }).locator(".error");
      assert.match(await error.textContent(), new RegExp(message));
      assert.ok((await input.getAttribute("aria-describedby")).includes(await error.getAttribute("id")));
    }
    // What was typed survives the round trip.
    assert.equal(await page.getByLabel("Last name").inputValue(), familyName);
    assert.equal(await page.getByLabel("Mobile phone").inputValue(), "12");
    await page.screenshot({ path: resultsPath("patient-form-errors.png"), fullPage: true });

    // Nothing was written: the plain (non-htmx) search finds no one by that name.
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    await page.getByLabel("Search by name, phone, date of birth or identifier").fill(familyName);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === familyName);
    assert.equal(await results(page).textContent(), "No patient matches that search.");
  });
});
