/// <reference types="vite/client" />
// The project has no Node typings (tsconfig uses workers-types), so wrangler.toml is read through Vite's ?raw import, at test time.
import { describe, expect, it } from "vitest";
import { cronJobs } from "../../../src/platform/cron";
import wranglerToml from "../../../wrangler.toml?raw";

/** The cron expressions in the `crons = [...]` line of wrangler.toml's [triggers] table. */
function wranglerCrons(toml: string = wranglerToml): string[] {
  const triggers = /^\[triggers\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml);
  if (!triggers?.[1]) throw new Error("wrangler.toml has no [triggers] table");
  const line = /^\s*crons\s*=\s*\[([^\]]*)\]/m.exec(triggers[1]);
  if (!line?.[1]) throw new Error("[triggers] has no crons = [...] line");
  return [...line[1].matchAll(/"([^"]*)"/g)].map((m) => m[1] as string);
}

describe("cron configuration", () => {
  it("the reader finds crons only under [triggers]", () => {
    const toml = '[vars]\ncrons = ["x"]\n\n[triggers]\n# note\ncrons = ["0 * * * *", "*/5 * * * *"]\n\n[observability]\nenabled = true\n';
    expect(wranglerCrons(toml)).toEqual(["0 * * * *", "*/5 * * * *"]);
    expect(() => wranglerCrons('[vars]\ncrons = ["x"]\n')).toThrow(/no \[triggers\]/);
  });

  it("wrangler.toml schedules exactly the crons that have a job", () => {
    const scheduled = wranglerCrons();
    expect(scheduled.length).toBeGreaterThan(0);
    expect(new Set(scheduled).size).toBe(scheduled.length);
    expect([...scheduled].sort()).toEqual(Object.keys(cronJobs).sort());
  });

  it("every job has a name and a runner", () => {
    for (const [cron, job] of Object.entries(cronJobs)) {
      expect(job.name, cron).toMatch(/^[a-z][a-z0-9_-]*$/);
      expect(typeof job.run).toBe("function");
    }
  });
});
