// The patient portal on a phone, in English and in Spanish: from the reminder's link to the chart, with an
// accessibility scan (axe-core: no serious or critical violation) and a weight check on every portal page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import AxeBuilder from "@axe-core/playwright";
import { BASE_URL, launchBrowser, resultsPath, signIn, withPage } from "./helpers.mjs";

const MAX_PAGE_BYTES = 50 * 1024;

const words = {
  en: {
    open: "Open my page",
    hello: "Hello",
    confirm: "Confirm",
    confirmed: "Thank you, your visit is confirmed.",
    exercises: "Exercises",
    verify: "Confirm it's you",
    day: "Day",
    month: "Month",
    year: "Year",
    continue: "Continue",
    done: "Done:",
    doneState: /✓ Done today|1 of \d sessions today/g,
    saved: "Saved. Well done!",
    checkIn: "How I feel",
    send: "Send",
    seeProgress: "See your progress",
    progress: "Your progress",
    close: "Close my page",
    closed: "Your page is closed",
  },
  es: {
    open: "Abrir mi página",
    hello: "Hola",
    confirm: "Confirmar",
    confirmed: "Gracias, su cita está confirmada.",
    exercises: "Ejercicios",
    verify: "Confirme que es usted",
    day: "Día",
    month: "Mes",
    year: "Año",
    continue: "Continuar",
    done: "Hecho:",
    doneState: /✓ Hecho hoy|1 de \d sesiones hoy/g,
    saved: "Guardado. ¡Bien hecho!",
    checkIn: "Cómo me siento",
    send: "Enviar",
    seeProgress: "Ver su progreso",
    progress: "Su progreso",
    close: "Cerrar mi página",
    closed: "Su página está cerrada",
  },
};

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

/** A zone where it is daytime now, so quiet hours never hold back the reminder this test reads. */
function daytimeZone() {
  const zones = ["America/New_York", "Europe/London", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland", "America/Los_Angeles"];
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

/** What the page cost to load: the document and everything it pulled in, uncompressed, so the bound is conservative. */
async function pageBytes(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    const document = nav ? nav.decodedBodySize : 0;
    return { document, total: document + resources.reduce((sum, r) => sum + r.decodedBodySize, 0), resources: resources.length };
  });
}

const checked = new Map();

/** axe-core and the weight check on the page as it is now; each distinct portal page is recorded once. */
async function inspect(page, name) {
  const bytes = await pageBytes(page);
  assert.ok(bytes.total < MAX_PAGE_BYTES, `${name} loads ${bytes.total} bytes`);
  const scan = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    [],
    `${name} has accessibility violations`,
  );
  // No third-party anything: every request the page made stayed on our origin.
  const foreign = await page.evaluate(
    (origin) => performance.getEntriesByType("resource").filter((r) => !r.name.startsWith(origin)).length,
    new URL(BASE_URL).origin,
  );
  assert.equal(foreign, 0, `${name} loaded something from another origin`);
  checked.set(name, bytes);
}

async function createPatient(page, lang, zone) {
  const familyName = `Portal${lang}${Date.now().toString(36)}`;
  const phone = `+1646557${String(1000 + Math.floor(Math.random() * 9000))}`;
  await page.getByRole("link", { name: "Patients", exact: true }).click();
  await page.getByRole("link", { name: "New patient" }).click();
  await page.getByLabel("First name").fill(lang === "es" ? "Lucía" : "Grace");
  await page.getByLabel("Last name").fill(familyName);
  await page.getByLabel("Date of birth").fill("1961-03-27");
  await page.getByLabel("Mobile phone").fill(phone);
  await page.getByLabel("Time zone").fill(zone);
  await page.getByLabel("Preferred language").selectOption(lang);
  await page.getByLabel("Text messages (SMS)").check();
  await page.getByRole("button", { name: "Create patient" }).click();
  await page.waitForURL(/\/patients\/[0-9a-z]{26}$/);
  return { familyName, phone, url: page.url() };
}

async function bookSoon(page, patientUrl, offsetMinutes) {
  await page.goto(patientUrl);
  await page.getByRole("link", { name: "Book a visit" }).first().click();
  const { date, time } = localIn("America/New_York", Date.now() + 47 * 3_600_000 + offsetMinutes * 60_000);
  // Another therapist than the other browser tests book with, so the visits never collide.
  await page.getByLabel("Therapist", { exact: true }).selectOption({ index: 2 });
  await page.locator("#f-date").fill(date);
  await page.locator("#f-time").fill(time);
  await page.locator("#f-durationMinutes").fill("30");
  await page.getByLabel("Book outside the therapist's hours").check();
  await page.getByRole("button", { name: "Book visit" }).click();
  await page.waitForURL(/\/schedule\?/);
}

async function addExercises(page, patientUrl, count) {
  await page.goto(patientUrl);
  for (let i = 1; i <= count; i++) {
    await page.getByLabel("Add an exercise").selectOption({ index: i * 3 });
    await page.getByRole("button", { name: "Add to program" }).click();
    await page
      .locator("#home-exercises tbody tr")
      .nth(i - 1)
      .waitFor();
  }
}

async function reminderLink(page, phone) {
  for (let i = 0; i < 30; i++) {
    await page.goto("/dev/outbox");
    const item = page.locator("ol.outbox > li", { hasText: `to ${phone}` }).first();
    if ((await item.count()) > 0) {
      const href = await item.getByRole("link", { name: /\/p\// }).first().getAttribute("href");
      if (href) return new URL(href).pathname;
    }
    await page.waitForTimeout(1000);
  }
  assert.fail(`no message with a link reached ${phone}`);
}

for (const lang of ["en", "es"]) {
  test(`a patient on a phone (${lang}): link, confirm, step-up, two exercises, pain 6, chart; staff see it`, {
    timeout: 240_000,
  }, async (t) => {
    const zone = daytimeZone();
    if (!zone) return t.skip("no daytime zone in the list right now");
    const w = words[lang];
    await withPage(browser, t, async (page) => {
      await signIn(page, "therapist@demo-clinic.test");
      const patient = await createPatient(page, lang, zone);
      await addExercises(page, patient.url, 2);
      await bookSoon(page, patient.url, lang === "en" ? -150 : -120);
      const link = await reminderLink(page, patient.phone);
      assert.match(link, /^\/p\/[A-Za-z0-9_-]{22}$/);

      const phoneContext = await browser.newContext({
        baseURL: BASE_URL,
        viewport: { width: 320, height: 640 },
        locale: lang === "es" ? "es-US" : "en-US",
      });
      phoneContext.setDefaultTimeout(15_000);
      const phone = await phoneContext.newPage();
      try {
        await phone.goto(link);
        await inspect(phone, "landing");
        await phone.getByRole("button", { name: w.open }).click();
        await phone.getByRole("heading", { name: new RegExp(`^${w.hello} `) }).waitFor();
        await inspect(phone, "home");
        await phone.getByRole("button", { name: w.confirm, exact: true }).click();
        await phone.getByText(w.confirmed).waitFor();

        // Exercises need the step-up: the date of birth, once on this phone.
        await phone.getByRole("link", { name: w.exercises }).click();
        await phone.getByRole("heading", { name: w.verify }).waitFor();
        await inspect(phone, "verify");
        await phone.getByLabel(w.day, { exact: true }).fill("27");
        await phone.getByLabel(w.month, { exact: true }).fill("3");
        await phone.getByLabel(w.year, { exact: true }).fill("1961");
        await phone.getByRole("button", { name: w.continue }).click();
        await phone.waitForURL(/\/portal\/exercises$/);
        await inspect(phone, "exercises");
        const doneButtons = phone.getByRole("button", { name: new RegExp(`^${w.done}`) });
        assert.equal(await doneButtons.count(), 2);
        await doneButtons.first().click();
        await phone.getByText(w.saved).waitFor();
        await phone
          .getByRole("button", { name: new RegExp(`^${w.done}`) })
          .nth(1)
          .click();
        await phone.getByText(w.saved).waitFor();
        // Each exercise now shows it was done today (fully, or one of its sessions).
        const main = (await phone.locator("main").textContent()) ?? "";
        assert.equal((main.match(w.doneState) ?? []).length, 2, main);

        await phone.getByRole("link", { name: w.checkIn }).click();
        await inspect(phone, "check-in");
        await phone.locator('label[for="pain-6"]').click();
        await phone.getByRole("button", { name: w.send, exact: true }).click();
        await phone.getByRole("link", { name: w.seeProgress }).waitFor();
        await inspect(phone, "check-in thanks");
        await phone.getByRole("link", { name: w.seeProgress }).click();
        await phone.getByRole("heading", { name: w.progress }).waitFor();
        assert.ok(await phone.locator("svg").first().isVisible(), "the chart is drawn");
        await inspect(phone, "progress");
        await phone.screenshot({ path: resultsPath(`portal-progress-${lang}.png`), fullPage: true });

        // Every other portal page passes the same checks.
        for (const [name, path] of [
          ["questionnaires", "/portal/questionnaires"],
          ["questionnaire", "/portal/questionnaires/psfs"],
          ["learn", "/portal/learn"],
          ["messages", "/portal/messages"],
          ["preferences", "/portal/preferences"],
        ]) {
          const res = await phone.goto(path);
          assert.equal(res?.status(), 200, path);
          await inspect(phone, name);
        }
        await phone.goto("/portal/learn");
        await phone.locator("main a[href^='/portal/learn/']").first().click();
        await inspect(phone, "article");
        await phone.goto("/portal");
        await phone.getByRole("link", { name: lang === "es" ? /otro horario/i : /another time/i }).click();
        await inspect(phone, "reschedule");
        await phone.getByRole("button", { name: w.close }).click();
        await phone.getByRole("heading", { name: w.closed }).waitFor();
        await inspect(phone, "closed");
      } finally {
        await phoneContext.close();
      }

      // Staff see the check-in and the exercises logged.
      await page.goto(patient.url);
      const outcomes = page.locator("section", { has: page.getByRole("heading", { name: "Check-ins and outcomes" }) });
      await outcomes.getByText(/\b6\b/).first().waitFor();
      const adherence = (await page.locator(".hep-adherence").textContent()) ?? "";
      assert.match(adherence, /Adherence \(14 days\): \d+% — [12] of \d+ session/);
    });
  });
}

test("a dead link answers with a page that passes the same checks", { timeout: 60_000 }, async (t) => {
  await withPage(browser, t, async (page) => {
    const res = await page.goto(`/p/${"A".repeat(22)}`);
    assert.equal(res?.status(), 410);
    await inspect(page, "dead link");
  });
});

after(() => {
  const rows = [...checked].map(
    ([name, b]) => `${name}: ${(b.total / 1024).toFixed(1)} KB (document ${(b.document / 1024).toFixed(1)} KB)`,
  );
  console.log(`portal page weights (uncompressed, first load):\n  ${rows.join("\n  ")}`);
});
