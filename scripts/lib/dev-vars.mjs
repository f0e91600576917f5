// Reads .dev.vars (or the example when it does not exist yet) into an object, as `npm start` does.
import { existsSync, readFileSync } from "node:fs";

export function readDevVars(root = ".") {
  const file = existsSync(`${root}/.dev.vars`) ? `${root}/.dev.vars` : `${root}/.dev.vars.example`;
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).trim()]),
  );
}
