/// <reference types="node" />
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");

describe("drizzle schema and migrations/", () => {
  it("agree: generating from the schema adds no migration", () => {
    // drizzle-kit wants paths relative to the working directory; .e2e/ is git-ignored scratch space.
    mkdirSync(join(root, ".e2e"), { recursive: true });
    const out = relative(root, mkdtempSync(join(root, ".e2e", "drift-")));
    cpSync(join(root, "migrations"), join(root, out), { recursive: true });
    const before = readdirSync(join(root, out)).filter((f) => f.endsWith(".sql"));
    const config = join(out, "drizzle.config.mjs");
    writeFileSync(
      join(root, config),
      `export default { dialect: "sqlite", schema: "./src/platform/schema.ts", out: ${JSON.stringify(`./${out}`)} };\n`,
    );
    const log = execFileSync(join(root, "node_modules/.bin/drizzle-kit"), ["generate", "--config", config], {
      cwd: root,
      encoding: "utf8",
    });
    expect(log).toContain("No schema changes");
    const after = readdirSync(join(root, out)).filter((f) => f.endsWith(".sql"));
    expect(after, log).toEqual(before);
  }, 60_000);

  it("nothing in the app updates or deletes audit rows", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && /(update|delete)\(\s*auditEvents/.test(readFileSync(path, "utf8"))) offenders.push(path);
      }
    };
    walk(join(root, "src"));
    expect(offenders).toEqual([]);
    const sql = readdirSync(join(root, "migrations"))
      .filter((f) => f.endsWith(".sql"))
      .map((f) => readFileSync(join(root, "migrations", f), "utf8"))
      .join("\n");
    expect(sql).not.toMatch(/(UPDATE|DELETE FROM)\s+`?audit_events/i);
  });
});
