// Shared pieces for the browser tests: a system Chromium and the real magic-link sign-in.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:8787";

/** playwright-core never downloads a browser; we always point it at an installed Chromium. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox", // CI runs as root, where Chromium's sandbox refuses to start.
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Screenshots and other artefacts go to test-results/ at the repository root (git-ignored). */
export function resultsPath(file) {
  const dir = fileURLToPath(new URL("../../test-results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  return join(dir, file);
}

/**
 * Runs `fn` with a page in a fresh context, so cookies from one test never sign in another.
 * On failure it saves a screenshot named after the test, which is usually the quickest clue.
 */
export async function withPage(browser, t, fn) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  try {
    await fn(page);
  } catch (error) {
    const name = t.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    await page.screenshot({ path: resultsPath(`failure-${name}.png`), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
}

/**
 * Signs in the way staff do: ask for a link, open the local outbox, follow the newest link
 * sent to that address, press "Sign in". Ends on the patient list.
 */
export async function signIn(page, email) {
  await page.goto("/login");
  await page.getByLabel("Work email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByRole("status").filter({ hasText: "sign-in link is on its way" }).waitFor();

  await page.goto("/dev/outbox");
  // The outbox lists newest first, so the first message to this address holds the fresh link.
  const message = page
    .locator("ol.outbox > li")
    .filter({ hasText: `to ${email}` })
    .first();
  await message.getByRole("link", { name: /\/login\/verify\?token=/ }).click();

  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in lands on Today.
  await page.waitForURL((url) => url.pathname === "/");
}

/**
 * Types into the patient search box and waits until htmx has swapped in the results for exactly
 * this text (an older, slower request settling first must not count).
 */
export async function liveSearch(page, text) {
  // After a click that navigates, the listener must go on the new page's body, not a page still loading.
  const box = page.getByLabel("Search by name, phone, date of birth or identifier");
  await box.waitFor();
  await page.waitForLoadState("domcontentloaded");
  const settled = page.evaluate(
    (q) =>
      new Promise((resolve) => {
        document.body.addEventListener("htmx:afterSettle", function onSettle(e) {
          const url = e.detail.xhr?.responseURL;
          if (url && new URL(url).searchParams.get("q") === q) {
            document.body.removeEventListener("htmx:afterSettle", onSettle);
            resolve();
          }
        });
      }),
    text,
  );
  await box.fill(text);
  await settled;
}
