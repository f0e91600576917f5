// npm run ehr:send -- <file> [more files]: signs each sample as the demo EHR ("demo-ehr") and posts it
// to the local app's webhook. .json: one FHIR resource or Bundle; .ndjson: one delivery per line (bulk
// export files); .hl7: an HL7v2 SIU message. Options: --url http://127.0.0.1:8787, --integration demo-ehr.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readDevVars } from "./lib/dev-vars.mjs";
import { contentTypeOf, signedHeaders } from "./lib/standard-webhooks.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const base = option("url", `http://127.0.0.1:${process.env.PORT || "8787"}`);
const integration = option("integration", "demo-ehr");
const secret = readDevVars(root).DEMO_EHR_SECRET;
if (args.length === 0 || !secret) {
  console.error(
    args.length === 0 ? "Usage: npm run ehr:send -- <file.json|file.ndjson|file.hl7> ..." : "DEMO_EHR_SECRET is not set in .dev.vars",
  );
  process.exit(2);
}

let failed = 0;
for (const file of args) {
  const text = readFileSync(file, "utf8");
  const bodies = file.endsWith(".ndjson") ? text.split("\n").filter((l) => l.trim() !== "") : [text];
  const counts = {};
  for (const body of bodies) {
    const res = await fetch(`${base}/webhooks/ehr/${integration}`, {
      method: "POST",
      headers: { "content-type": contentTypeOf(file), ...signedHeaders(secret, body) },
      body,
    });
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    if (res.status >= 300) {
      failed++;
      if (bodies.length === 1 || failed <= 3) console.error(`${file}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
  }
  const summary = Object.entries(counts)
    .map(([status, n]) => `${n} x HTTP ${status}`)
    .join(", ");
  console.log(`${file}: ${bodies.length} deliver${bodies.length === 1 ? "y" : "ies"}: ${summary}`);
}
console.log(`Watch them at ${base}/settings/integrations/${integration}/events (sign in as owner@demo-clinic.test).`);
process.exit(failed > 0 ? 1 : 0);
