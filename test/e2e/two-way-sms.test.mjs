import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { BASE_URL, launchBrowser, resultsPath, signIn, withPage } from "./helpers.mjs";

function localIn(timeZone, at) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, hour: Number(p.hour) };
}

/** A zone where it is daytime now, so the patient's quiet hours (08:00-21:00 their time) never defer the test's texts. */
function daytimeZone() {
  const zones = [
    "America/New_York",
    "Europe/London",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Pacific/Auckland",
    "America/Los_Angeles",
    "Pacific/Honolulu",
    "Europe/Berlin",
  ];
  return zones.find((z) => {
    const h = localIn(z, Date.now()).hour;
    return h >= 9 && h <= 18;
  });
}

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Reloads a page until the text shows up (queues and alarms run a moment after the click). */
async function waitForText(page, url, pattern, tries = 30) {
  for (let i = 0; i < tries; i++) {
    await page.goto(url);
    if (pattern.test((await page.locator("main").textContent()) ?? "")) return;
    await page.waitForTimeout(1000);
  }
  assert.fail(`${url} never showed ${pattern}`);
}

async function bookIn47Hours(page, patientUrl, offsetMinutes = 0) {
  await page.goto(patientUrl);
  await page.getByRole("link", { name: "Book a visit" }).first().click();
  const { date, time } = localIn("America/New_York", Date.now() + 47 * 3_600_000 + offsetMinutes * 60_000);
  await page.getByLabel("Therapist", { exact: true }).selectOption({ index: 1 });
  await page.locator("#f-date").fill(date);
  await page.locator("#f-time").fill(time);
  await page.locator("#f-durationMinutes").fill("30");
  await page.getByLabel("Book outside the therapist's hours").check();
  await page.getByRole("button", { name: "Book visit" }).click();
  await page.waitForURL(/\/schedule\?/);
  return date;
}

async function replyAsPatient(page, phone, text) {
  await page.goto("/dev/outbox");
  const item = page.locator("ol.outbox > li", { hasText: `to ${phone}` }).first();
  await item.getByLabel("Reply as this patient").fill(text);
  await item.getByRole("button", { name: "Send reply" }).click();
  await page.waitForURL(/\/dev\/outbox/);
}

test("a reminder goes out, the patient confirms by text, then opts out and the next reminder is suppressed", {
  timeout: 180_000,
}, async (t) => {
  const zone = daytimeZone();
  if (!zone) return t.skip("no daytime zone in the list right now");
  await withPage(browser, t, async (page) => {
    await signIn(page, "frontdesk@demo-clinic.test");
    const familyName = `Texter${Date.now().toString(36)}`;
    const phone = `+1646555${String(1000 + Math.floor(Math.random() * 9000))}`;
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    await page.getByRole("link", { name: "New patient" }).click();
    await page.getByLabel("First name").fill("Sam");
    await page.getByLabel("Last name").fill(familyName);
    await page.getByLabel("Date of birth").fill("1979-08-21");
    await page.getByLabel("Mobile phone").fill(phone);
    await page.getByLabel("Time zone").fill(zone);
    await page.getByLabel("Text messages (SMS)").check();
    await page.getByRole("button", { name: "Create patient" }).click();
    await page.waitForURL(/\/patients\/[0-9a-z]{26}$/);
    const patientUrl = page.url();

    // Booked 47 hours ahead: inside the 48-hour reminder, so the reminder goes out now.
    const visitDate = await bookIn47Hours(page, patientUrl);
    await waitForText(page, "/dev/outbox", new RegExp(`to \\${phone}[\\s\\S]*Reply C to confirm`));

    // The patient answers C: the visit is confirmed on the schedule.
    await replyAsPatient(page, phone, "C");
    await page.goto(`/schedule?date=${visitDate}`);
    const row = page.locator("tr", { hasText: familyName });
    await row.getByText("Confirmed", { exact: true }).first().waitFor();

    // STOP: consent is revoked at once, with one confirmation text.
    await replyAsPatient(page, phone, "STOP");
    await waitForText(page, "/dev/outbox", /you will no longer receive text messages/);

    // The next visit's reminder is suppressed, and staff see why on the patient page.
    await bookIn47Hours(page, patientUrl, 60);
    await waitForText(page, patientUrl, /visit reminder — suppressed \(no consent for this channel\)/);
    assert.match((await page.locator("main").textContent()) ?? "", /Consent to SMS revoked/);
  });
});

test("the patient opens the link from their reminder on a phone and confirms the visit", { timeout: 180_000 }, async (t) => {
  const zone = daytimeZone();
  if (!zone) return t.skip("no daytime zone in the list right now");
  await withPage(browser, t, async (page) => {
    await signIn(page, "frontdesk@demo-clinic.test");
    const familyName = `Linker${Date.now().toString(36)}`;
    const phone = `+1646556${String(1000 + Math.floor(Math.random() * 9000))}`;
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    await page.getByRole("link", { name: "New patient" }).click();
    await page.getByLabel("First name").fill("Rosa");
    await page.getByLabel("Last name").fill(familyName);
    await page.getByLabel("Date of birth").fill("1968-02-11");
    await page.getByLabel("Mobile phone").fill(phone);
    await page.getByLabel("Time zone").fill(zone);
    await page.getByLabel("Preferred language").selectOption("es");
    await page.getByLabel("Text messages (SMS)").check();
    await page.getByRole("button", { name: "Create patient" }).click();
    await page.waitForURL(/\/patients\/[0-9a-z]{26}$/);
    // 45½ hours ahead: still inside the 48-hour reminder, and clear of the other test's visits.
    const visitDate = await bookIn47Hours(page, page.url(), -90);
    await waitForText(page, "/dev/outbox", new RegExp(`to \\${phone}[\\s\\S]*Responda C para confirmar`));
    const item = page.locator("ol.outbox > li", { hasText: `to ${phone}` }).first();
    const link = (await item.getByRole("link", { name: /\/p\// }).first().getAttribute("href")) ?? "";
    assert.match(link, /\/p\/[A-Za-z0-9_-]{22}$/);

    // The patient's phone: a separate browser with no staff session, 360 px wide.
    const phoneContext = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 360, height: 740 } });
    try {
      const patientPage = await phoneContext.newPage();
      await patientPage.goto(new URL(link).pathname);
      await patientPage.getByRole("button", { name: "Abrir mi página" }).click();
      await patientPage.getByRole("heading", { name: "Hola Rosa" }).waitFor();
      await patientPage.getByRole("button", { name: "Confirmar" }).click();
      await patientPage.getByText("Gracias, su cita está confirmada.").waitFor();
      await patientPage.screenshot({ path: resultsPath("portal-confirmed-es.png"), fullPage: true });
    } finally {
      await phoneContext.close();
    }
    await page.goto(`/schedule?date=${visitDate}`);
    await page.locator("tr", { hasText: familyName }).getByText("Confirmed", { exact: true }).first().waitFor();
  });
});
