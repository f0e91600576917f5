// npm run eval:intent: runs the reply classifier (src/messaging/intent.ts) over the labelled replies
// in test/fixtures/replies/labelled.jsonl and prints precision, recall and F1 per class, accuracy
// (overall and per language), the confusion matrix and every miss. Options: --set <path.jsonl>
// to measure another labelled file. The TypeScript is bundled in memory with esbuild (installed
// with wrangler), so nothing is built on disk and the numbers come from the code as it is now.
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const setArg = process.argv.indexOf("--set");
const setPath = setArg < 0 ? join(root, "test/fixtures/replies/labelled.jsonl") : resolve(process.argv[setArg + 1]);

const bundle = await build({
  stdin: {
    contents: `export { classifyReply } from "./src/messaging/intent";
export { evaluateReplies, parseLabelledReplies, replyClasses } from "./src/messaging/intent/evaluation";`,
    resolveDir: root,
    loader: "ts",
  },
  bundle: true,
  write: false,
  format: "esm",
  platform: "neutral",
  logLevel: "error",
});
const { classifyReply, evaluateReplies, parseLabelledReplies, replyClasses } = await import(
  `data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString("base64")}`
);

const rows = parseLabelledReplies(readFileSync(setPath, "utf8"));
const all = evaluateReplies(rows, classifyReply);
const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(7);
const col = (s, n) => String(s).padEnd(n);

console.log(`Reply classifier on ${relative(root, setPath)}: ${rows.length} replies\n`);
console.log(`${col("class", 12)}${"support".padStart(8)}${"precision".padStart(11)}${"recall".padStart(9)}${"F1".padStart(9)}`);
for (const c of all.perClass) {
  console.log(
    `${col(c.label, 12)}${String(c.support).padStart(8)}${pct(c.precision).padStart(11)}${pct(c.recall).padStart(9)}${pct(c.f1).padStart(9)}`,
  );
}
const macroF1 = all.perClass.reduce((n, c) => n + c.f1, 0) / all.perClass.length;
console.log(
  `\naccuracy ${pct(all.accuracy).trim()} (${rows.length - all.mistakes.length}/${rows.length}), macro F1 ${pct(macroF1).trim()}`,
);
for (const lang of ["en", "es"]) {
  const part = evaluateReplies(
    rows.filter((r) => r.lang === lang),
    classifyReply,
  );
  console.log(`  ${lang}: accuracy ${pct(part.accuracy).trim()} on ${part.total}`);
}

const short = { confirm: "conf", cancel: "canc", reschedule: "resch", question: "quest", pain: "pain", opt_out: "optout", other: "other" };
console.log("\nconfusion matrix (rows: labelled, columns: predicted)");
console.log(col("", 12) + replyClasses.map((p) => short[p].padStart(7)).join(""));
for (const e of replyClasses) console.log(col(e, 12) + replyClasses.map((p) => String(all.confusion[e][p] || ".").padStart(7)).join(""));

if (all.mistakes.length > 0) {
  console.log("\nmisses");
  for (const m of all.mistakes)
    console.log(`  [${m.lang}] ${col(m.expected, 10)} read as ${col(m.predicted, 10)} ${JSON.stringify(m.text)}`);
}
