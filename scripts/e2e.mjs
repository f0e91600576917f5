// npm run test:e2e: start the app on a free port with a throwaway database, run the browser tests, stop everything.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const STARTUP_TIMEOUT_MS = 180_000;
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

// wrangler needs Node 22: use the project's pinned node (the "node" devDependency) when it is installed,
// and put node_modules/.bin first so wrangler's `#!/usr/bin/env node` finds the same one.
const bin = join(root, "node_modules", ".bin");
const node = existsSync(join(bin, "node")) ? join(bin, "node") : process.execPath;
const env = {
  ...process.env,
  PATH: `${bin}:${process.env.PATH ?? ""}`,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1", // the tests use the system Chromium; never fetch one
  WRANGLER_SEND_METRICS: "false",
};

if (!existsSync(chromium)) {
  console.error(`No Chromium at ${chromium}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// A failure screenshot left over from an earlier run would point at a problem that is gone.
const results = join(root, "test-results");
mkdirSync(results, { recursive: true });
for (const f of readdirSync(results)) if (f.startsWith("failure-")) rmSync(join(results, f));

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
mkdirSync(join(root, ".e2e"), { recursive: true });
const stateDir = mkdtempSync(join(root, ".e2e", "state-"));

// Keep the app's output for the failure report and as test-results/e2e-app.log.
const log = [];
const app = spawn(node, ["scripts/start.mjs"], {
  cwd: root,
  env: { ...env, PORT: String(port), RAPPORT_STATE_DIR: stateDir },
  stdio: ["ignore", "pipe", "pipe"],
  detached: true, // its own process group, so wrangler and workerd can be stopped together
});
for (const stream of [app.stdout, app.stderr]) stream.on("data", (chunk) => log.push(chunk.toString()));
const appOutput = () => log.join("");

/** Resolves once start.mjs has seeded and printed its banner; rejects if it dies, fails or is too slow. */
function waitForApp() {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app not ready after ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
    const check = () => {
      const out = appOutput();
      if (/Demo seeding failed|did not answer \/healthz/.test(out)) reject(new Error("app started but seeding failed"));
      else if (out.includes("Rapport is running")) resolve();
      else return;
      clearTimeout(timer);
    };
    app.stdout.on("data", check);
    app.stderr.on("data", check);
    app.on("exit", (code) => reject(new Error(`app exited early with code ${code}`)));
  });
}

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM a child's whole process group, then SIGKILL whatever is left after 5 s. */
async function stopGroup(child) {
  if (!child?.pid || !groupAlive(child.pid)) return;
  process.kill(-child.pid, "SIGTERM");
  for (let i = 0; i < 50 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(child.pid)) process.kill(-child.pid, "SIGKILL");
}

function saveLog() {
  writeFileSync(join(results, "e2e-app.log"), appOutput());
}

function printLogTail(reason) {
  console.error(`\n--- ${reason}; last lines of the app's output (full log in test-results/e2e-app.log) ---`);
  console.error(appOutput().split("\n").slice(-60).join("\n"));
}

// Ctrl-C or a CI cancel reaches us but not the children's own process groups: stop them on the way out.
let tests;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    await Promise.all([stopGroup(tests), stopGroup(app)]);
    rmSync(stateDir, { recursive: true, force: true });
    process.exit(130);
  });
}

let exitCode = 1;
try {
  console.log(`Starting Rapport on ${base} (state in ${stateDir})...`);
  const started = Date.now();
  await waitForApp();
  const health = await fetch(`${base}/healthz`);
  if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
  console.log(`App ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Running browser tests.`);

  // Its own group too, so a cancel can take down the runner and the Chromium it launched in one go.
  tests = spawn(node, ["--test", "--test-concurrency=1", "test/e2e/*.test.mjs"], {
    cwd: root,
    env: { ...env, BASE_URL: base, CHROMIUM_PATH: chromium },
    stdio: "inherit",
    detached: true,
  });
  exitCode = await new Promise((resolve) => tests.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  if (exitCode !== 0) printLogTail("browser tests failed");
} catch (error) {
  console.error(`\nE2E setup failed: ${error.message}`);
  printLogTail("startup failed");
} finally {
  await stopGroup(app);
  saveLog();
  rmSync(stateDir, { recursive: true, force: true });
}
process.exit(exitCode);
