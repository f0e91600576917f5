import { it } from "vitest";
import type { RiskFeatures } from "../../src/risk/features";
import { DEFAULT_MODEL, score } from "../../src/risk/score";
import { timeSplit, trainRiskModel } from "../../src/risk/train";
import { episodesFrom, mulberry32, randomFeatures } from "../helpers/risk-features";

/**
 * Measurements, not tests: they print costs and assert nothing about speed. Pure compute inside
 * workerd; the local runtime's clock advances during it (a deployed Worker's only moves on I/O,
 * which is why this runs here and not in production).
 */

function timeScoring(patients: readonly RiskFeatures[]): { ms: number; checksum: number } {
  const t0 = performance.now();
  let checksum = 0;
  for (const features of patients) {
    const result = score(features, DEFAULT_MODEL);
    checksum += result.score + result.reasons.length;
  }
  return { ms: performance.now() - t0, checksum };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

it("pure dropout-risk scoring: microseconds per patient over 100,000 generated open episodes", () => {
  const random = mulberry32(2026);
  const patients = Array.from({ length: 100_000 }, () => randomFeatures(random));
  const cold = timeScoring(patients);
  const runs100k = [0, 1, 2].map(() => timeScoring(patients).ms);
  const runs10k = [0, 1, 2, 3, 4].map(() => timeScoring(patients.slice(0, 10_000)).ms);
  const warm = median(runs100k);
  console.log(
    `risk score: 100,000 patients cold ${cold.ms.toFixed(0)} ms (${((cold.ms * 1000) / 100_000).toFixed(2)} µs each); ` +
      `warm median ${warm.toFixed(0)} ms (${((warm * 1000) / 100_000).toFixed(2)} µs each, runs ${runs100k.map((r) => r.toFixed(0)).join("/")} ms); ` +
      `10,000 patients ${median(runs10k).toFixed(1)} ms -> 100k/10k = ${(warm / median(runs10k)).toFixed(1)} ` +
      `(checksum ${cold.checksum.toFixed(3)})`,
  );
});

it("nightly fit: milliseconds to train a clinic's model", () => {
  for (const closed of [500, 2_000, 5_000]) {
    const { train } = timeSplit(episodesFrom(DEFAULT_MODEL, closed, closed));
    const t0 = performance.now();
    trainRiskModel(train, { version: "bench" });
    console.log(`risk fit: ${closed} closed episodes (${train.length} trained on) in ${(performance.now() - t0).toFixed(0)} ms`);
  }
});
