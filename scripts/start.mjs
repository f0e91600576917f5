// npm start: first-run setup, then `wrangler dev` with the demo clinic. Safe to run again and again.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const port = process.env.PORT || "8787";
const persist = process.env.RAPPORT_STATE_DIR || ".wrangler/state";
const wrangler = join(root, "node_modules", ".bin", "wrangler");

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example");
} else {
  // Settings added to the example since this .dev.vars was made are appended; existing values stay.
  const keyOf = (line) => (/^[A-Z_]+=/.test(line) ? line.slice(0, line.indexOf("=")) : null);
  const have = new Set(readFileSync(".dev.vars", "utf8").split("\n").map(keyOf).filter(Boolean));
  const missing = readFileSync(".dev.vars.example", "utf8")
    .split("\n")
    .filter((line) => keyOf(line) && !have.has(keyOf(line)));
  if (missing.length > 0) {
    appendFileSync(".dev.vars", `\n# Added from .dev.vars.example\n${missing.join("\n")}\n`);
    console.log(`Added to .dev.vars: ${missing.map(keyOf).join(", ")}`);
  }
}
if (!existsSync("public/vendor/htmx.min.js")) spawnSync(process.execPath, ["scripts/vendor.mjs"], { stdio: "inherit" });

const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
  stdio: ["ignore", "pipe", "pipe"],
  env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  encoding: "utf8",
});
if (migrate.status !== 0) {
  console.error(migrate.stdout, migrate.stderr);
  process.exit(migrate.status ?? 1);
}
console.log("Local D1 migrations applied.");

const devVars = Object.fromEntries(
  readFileSync(".dev.vars", "utf8")
    .split("\n")
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).trim()]),
);

const dev = spawn(
  wrangler,
  ["dev", "--port", port, "--ip", "127.0.0.1", "--persist-to", persist, "--test-scheduled", "--show-interactive-dev-session=false"],
  { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

const base = `http://127.0.0.1:${port}`;
async function waitForHealth() {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return true;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

if (await waitForHealth()) {
  const res = await fetch(`${base}/dev/seed`, { method: "POST", headers: { authorization: `Bearer ${devVars.DEV_SEED_TOKEN ?? ""}` } });
  const body = res.ok ? await res.json() : null;
  if (!body) console.error(`Demo seeding failed: HTTP ${res.status}. Is APP_ENV=development in .dev.vars?`);
  const demo = !body ? "No demo data: seeding failed (see above)." : body.seeded ? "Demo data created." : "Demo data already present.";
  console.log(`
Rapport is running at ${base}
${demo}
Sign in at ${base}/login with one of these demo addresses, then open the link from the local outbox at ${base}/dev/outbox:
${(body?.logins ?? []).map((l) => `  ${l.email.padEnd(30)} ${l.role.padEnd(11)} ${l.clinic}`).join("\n")}
Cron test route: ${base}/__scheduled?cron=0+*+*+*+*
`);
} else {
  console.error("The app did not answer /healthz in time.");
}
