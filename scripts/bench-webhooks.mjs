// npm run bench:webhooks: signed EHR webhooks accepted per second with 8 concurrent senders against a
// local app (its own fresh state, started here), then the time until every delivery is processed,
// checking zero lost and zero duplicated. Options: --deliveries 2000 --senders 8 --port 8797.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDevVars } from "./lib/dev-vars.mjs";
import { signedHeaders } from "./lib/standard-webhooks.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const deliveries = arg("deliveries", 2000);
const senders = arg("senders", 8);
const port = String(arg("port", 8797));
const base = `http://127.0.0.1:${port}`;
const secret = readDevVars(root).DEMO_EHR_SECRET;
const state = mkdtempSync(join(tmpdir(), "rapport-bench-"));
const system = `urn:rapport:bench:${Date.now()}`;

const log = join(tmpdir(), `rapport-bench-${port}.log`);
const app = spawn(process.execPath, ["scripts/start.mjs"], {
  cwd: root,
  // wrangler's `#!/usr/bin/env node` must find the project's Node 22 even when this runs outside npm.
  env: { ...process.env, PATH: `${join(root, "node_modules/.bin")}:${process.env.PATH}`, PORT: port, RAPPORT_STATE_DIR: state },
  stdio: ["ignore", openSync(log, "w"), openSync(log, "a")],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-app.pid, "SIGTERM");
  } catch {}
};
process.on("exit", stop);

// The running app holds the same SQLite file: a read can meet SQLITE_BUSY, so try again.
function sql(query) {
  for (let attempt = 1; ; attempt++) {
    try {
      return sqlOnce(query);
    } catch (error) {
      if (attempt >= 40 || !String(error.message).includes("SQLITE_BUSY")) throw error;
      spawnSync("sleep", ["0.5"]);
    }
  }
}

function sqlOnce(query) {
  const out = spawnSync(
    join(root, "node_modules/.bin/wrangler"),
    ["d1", "execute", "DB", "--local", "--persist-to", state, "--json", "--command", query],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PATH: `${join(root, "node_modules/.bin")}:${process.env.PATH}`, CI: "true", WRANGLER_SEND_METRICS: "false" },
    },
  );
  if (out.status !== 0) throw new Error(out.stderr || out.stdout);
  return JSON.parse(out.stdout)[0].results;
}

async function waitUntilSeeded() {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok && sql("SELECT count(*) AS n FROM integrations WHERE id = 'demo-ehr'")[0].n === 1) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error("the app did not start with the demo integration within 300 s");
}

function patient(i) {
  return JSON.stringify({
    resourceType: "Patient",
    id: `bench-${i}`,
    meta: { versionId: "1", lastUpdated: new Date().toISOString() },
    identifier: [{ system, value: String(i) }],
    name: [{ family: `Bench${i}`, given: ["Pat"] }],
    birthDate: "1980-01-01",
    gender: i % 2 ? "female" : "male",
    telecom: [{ system: "phone", value: `555-${String(100 + (i % 900)).padStart(3, "0")}-${String(i % 10000).padStart(4, "0")}` }],
  });
}

await waitUntilSeeded();
// Every 20th delivery is sent twice with the same webhook-id: it must be stored and processed once.
const jobs = [];
for (let i = 0; i < deliveries; i++) {
  jobs.push({ id: `msg_bench_${i}`, body: patient(i) });
  if (i % 20 === 0) jobs.push({ id: `msg_bench_${i}`, body: patient(i) });
}
const statuses = {};
let next = 0;
const started = performance.now();
const startedAt = Date.now();
await Promise.all(
  Array.from({ length: senders }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const res = await fetch(`${base}/webhooks/ehr/demo-ehr`, {
        method: "POST",
        headers: { "content-type": "application/fhir+json", ...signedHeaders(secret, job.body, { id: job.id }) },
        body: job.body,
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }),
);
const sentMs = performance.now() - started;

// Done when nothing waits; the time is read from the rows (processed_at), not from this polling.
let processedMs = null;
let last = [];
const deadline = performance.now() + 300_000;
while (performance.now() < deadline) {
  last = sql("SELECT status, count(*) AS n, max(processed_at) AS at FROM ehr_deliveries WHERE integration_id = 'demo-ehr' GROUP BY status");
  const open = last.filter((r) => r.status === "accepted").reduce((a, r) => a + r.n, 0);
  if (open === 0 && last.length > 0) {
    processedMs = Math.max(...last.map((r) => r.at)) - startedAt;
    break;
  }
  // Rarely: each look opens the app's SQLite file from another process.
  await new Promise((r) => setTimeout(r, 3000));
}
const stored = sql("SELECT count(*) AS n FROM ehr_deliveries WHERE integration_id = 'demo-ehr'")[0].n;
const ids = sql(`SELECT count(*) AS n, count(DISTINCT value) AS distinct_values FROM patient_identifiers WHERE system = '${system}'`)[0];
const report = {
  deliveries,
  duplicatesSent: jobs.length - deliveries,
  senders,
  httpStatuses: statuses,
  acceptedPerSecond: Math.round((jobs.length / sentMs) * 1000),
  sendSeconds: +(sentMs / 1000).toFixed(2),
  secondsUntilAllProcessed: processedMs === null ? `not within 300 s (app log: ${log})` : +(processedMs / 1000).toFixed(2),
  deliveryStatuses: Object.fromEntries(last.map((r) => [r.status, r.n])),
  storedDeliveries: stored,
  patientsCreated: ids.n,
  lost: deliveries - ids.distinct_values,
  duplicated: ids.n - ids.distinct_values + (stored - deliveries),
};
console.log(JSON.stringify(report, null, 2));
stop();
rmSync(state, { recursive: true, force: true });
process.exit(report.lost === 0 && report.duplicated === 0 && processedMs !== null ? 0 : 1);
