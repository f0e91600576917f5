// The integrator's journey (issue 6) in a real browser against `npm start` (run through scripts/e2e.mjs,
// which sets BASE_URL): connect an EHR, post it a signed FHIR Patient, watch it processed, read it back.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { signedHeaders } from "../../scripts/lib/standard-webhooks.mjs";
import { BASE_URL, launchBrowser, liveSearch, signIn, withPage } from "./helpers.mjs";

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// Letters only, so the patient search treats it as one name token; random so reruns never collide.
function uniqueLetters(length) {
  return Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("");
}

const IDENTIFIER_SYSTEM = "https://ehr.example.test/fhir/mrn";

/** A <dd> of the integration's facts list, by its <dt>. */
const fact = (page, term) => page.locator("dl.facts dt", { hasText: term }).locator("+ dd");

/** The Events page's table rows (the header row left out). */
const deliveryRows = (page) => page.locator("table.deliveries tbody tr");

test("integrator connects an EHR, receives a signed FHIR Patient and reads it back with an API key", { timeout: 120_000 }, async (t) => {
  await withPage(browser, t, async (page) => {
    await signIn(page, "owner@demo-clinic.test");
    const suffix = uniqueLetters(6);
    const integrationName = `E2E EHR ${suffix}`;
    const familyName = `Integra${suffix}`;
    const identifierValue = `E2E-${Date.now().toString(36)}-${suffix}`;

    // Settings -> Integrations: connect an EHR that signs with Standard Webhooks (Rapport makes the secret).
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Integrations" }).click();
    const newIntegration = page.getByRole("form", { name: "Connect an EHR or CRM" });
    await newIntegration.getByRole("textbox", { name: "Name", exact: true }).fill(integrationName);
    await newIntegration.getByLabel("Kind").selectOption({ label: "EHR" });
    await newIntegration.getByLabel("How it signs webhooks").selectOption({ label: "Standard Webhooks (webhook-signature header)" });
    await newIntegration.getByRole("button", { name: "Create integration" }).click();
    await page.waitForURL(/\/settings\/integrations\/[^/?]+\?created=1$/);
    await page.getByRole("status").filter({ hasText: "Integration created" }).waitFor();
    assert.equal((await page.getByRole("heading", { level: 2 }).first().textContent())?.trim(), integrationName);
    const integrationUrl = new URL(page.url()).pathname;

    // Its page shows where the EHR posts; the secret is one audited click away.
    const webhookUrl = (await fact(page, "Webhook URL").textContent())?.trim() ?? "";
    assert.match(webhookUrl, /^https?:\/\/[^/]+\/webhooks\/ehr\/[A-Za-z0-9_-]+$/);
    const secretSection = page.getByRole("region", { name: "Signing secret" });
    assert.equal(await secretSection.locator("code").count(), 0, "the secret is not on the page until asked for");
    await secretSection.getByRole("link", { name: "Show the signing secret" }).click();
    const secret = (await page.getByRole("region", { name: "Signing secret" }).locator("code").textContent())?.trim() ?? "";
    assert.match(secret, /^whsec_[A-Za-z0-9+/=]+$/);

    // Settings -> API keys: a fhir:read key tied to the integration, shown this once.
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
    const newKey = page.getByRole("form", { name: "Create an API key" });
    const keyName = `E2E FHIR reader ${suffix}`;
    await newKey.getByRole("textbox", { name: "Name", exact: true }).fill(keyName);
    await newKey.getByLabel("Integration", { exact: true }).selectOption({ label: integrationName });
    await newKey.getByRole("checkbox", { name: /^fhir:read/ }).check();
    await newKey.getByRole("button", { name: "Create API key" }).click();
    const shown = page.getByRole("alert").filter({ has: page.getByRole("heading", { name: `New API key “${keyName}”` }) });
    const apiKey = (await shown.locator("code").textContent())?.trim() ?? "";
    assert.ok(apiKey.length >= 20, `an API key is shown (got ${JSON.stringify(apiKey)})`);
    const keyRow = page.getByRole("row").filter({ hasText: keyName });
    assert.match((await keyRow.textContent()) ?? "", new RegExp(`fhir:read.*${integrationName}`));
    // The list, opened again, has the key's prefix only.
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "API keys" }).click();
    await page.getByRole("row").filter({ hasText: keyName }).waitFor();
    assert.equal(await page.getByRole("heading", { name: /New API key/ }).count(), 0);
    assert.ok(!((await page.content()) ?? "").includes(apiKey), "the key is shown only once");

    // The EHR posts a signed FHIR R4 Patient to the webhook URL on the page.
    const patient = {
      resourceType: "Patient",
      id: `ehr-${suffix}`,
      identifier: [{ system: IDENTIFIER_SYSTEM, value: identifierValue }],
      name: [{ use: "official", family: familyName, given: ["Morgan"] }],
      gender: "female",
      birthDate: "1979-03-14",
    };
    const body = JSON.stringify(patient);
    const accepted = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/fhir+json", ...signedHeaders(secret, body) },
      body,
    });
    assert.equal(accepted.status, 202, await accepted.clone().text());

    // A forged post (signed with another secret) is refused and stores nothing.
    const forged = JSON.stringify({ ...patient, name: [{ family: `${familyName}x`, given: ["Eve"] }] });
    const refused = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/fhir+json", ...signedHeaders("whsec_bm90IHRoZSByaWdodCBzZWNyZXQ=", forged) },
      body: forged,
    });
    assert.equal(refused.status, 401, await refused.clone().text());

    // Its Events page: one delivery, processed by the queue consumer a moment later.
    await page.goto(integrationUrl);
    await page.getByRole("link", { name: /^Inbound events/ }).click();
    const eventsUrl = page.url();
    let status = "";
    for (let i = 0; i < 20 && status !== "Processed"; i++) {
      if (i > 0) {
        await page.waitForTimeout(1000);
        await page.goto(eventsUrl);
      }
      await deliveryRows(page).first().waitFor();
      status = ((await deliveryRows(page).first().getByRole("cell").nth(2).textContent()) ?? "").trim();
    }
    assert.match(status, /^Processed/, "the delivery is processed within ~20 s");
    assert.equal(await deliveryRows(page).count(), 1, "the forged post is not listed");
    assert.match((await deliveryRows(page).first().textContent()) ?? "", /Patient: 1 applied/);

    // The payload view shows what the EHR sent.
    await deliveryRows(page)
      .first()
      .getByRole("link", { name: /^Patient received / })
      .click();
    await page.getByRole("heading", { name: "Payload as received" }).waitFor();
    assert.match((await page.locator("pre.payload").textContent()) ?? "", new RegExp(familyName));

    // Read back over FHIR with the API key.
    const search = new URL("/fhir/R4/Patient", BASE_URL);
    search.searchParams.set("identifier", `${IDENTIFIER_SYSTEM}|${identifierValue}`);
    const read = await fetch(search, { headers: { authorization: `Bearer ${apiKey}`, accept: "application/fhir+json" } });
    assert.equal(read.status, 200, await read.clone().text());
    const bundle = await read.json();
    assert.equal(bundle.resourceType, "Bundle");
    assert.equal(bundle.entry?.length, 1, JSON.stringify(bundle));
    const [{ resource: found }] = bundle.entry;
    assert.equal(found.resourceType, "Patient");
    assert.equal(found.name?.[0]?.family, familyName);
    assert.ok(
      found.identifier?.some((i) => i.system === IDENTIFIER_SYSTEM && i.value === identifierValue),
      "the EHR's identifier is on the record",
    );

    // And the front desk finds the patient by name.
    await page.getByRole("link", { name: "Patients", exact: true }).click();
    await liveSearch(page, familyName);
    const rows = page.locator("#patient-results tbody tr");
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.getByRole("link").textContent(), `${familyName}, Morgan`);
  });
});
