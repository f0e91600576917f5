import { factorInputs, RISK_FACTORS, type RiskFactor } from "./factors";
import type { RiskFeatures } from "./features";
import { auroc, brierScore } from "./metrics";
import { DEFAULT_MODEL, type FactorWeight, type RiskModel, score } from "./score";

/**
 * Learning a clinic's own dropout weights from its closed episodes: L2-regularised logistic
 * regression fitted by Newton's method (iteratively reweighted least squares) on standardised
 * inputs. Deterministic: same episodes in, same model out, with a fixed iteration budget. Pure.
 */

/** A closed episode as the nightly job reads it: the features as of its scoring cut-off and how it ended. */
export interface TrainingEpisode {
  features: RiskFeatures;
  /** Discharged as dropped out, or lapsed before completing the plan of care. */
  dropped: boolean;
  /** When it ended (epoch ms): the split holds out the latest. */
  endedAt: number;
}

/** Below this many closed episodes a clinic's fit is too noisy to trust over the defaults. */
export const MIN_CLOSED_EPISODES = 100;
export const HELD_OUT_SHARE = 0.25;
/** Penalty on the squared per-standard-deviation weights: pulls a small clinic's weights towards 0. */
export const DEFAULT_L2 = 1;
const MAX_ITERATIONS = 50;
const TOLERANCE = 1e-9;

/**
 * Train on the earlier episodes and hold out the latest share, as the model will be used: fitted
 * on the past, judged on what came after. Equal end times keep their input order.
 */
export function timeSplit<T extends { endedAt: number }>(episodes: readonly T[], heldOutShare = HELD_OUT_SHARE) {
  const ordered = episodes
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].endedAt - b[0].endedAt || a[1] - b[1])
    .map(([e]) => e);
  const heldOutCount = Math.ceil(ordered.length * heldOutShare);
  return { train: ordered.slice(0, ordered.length - heldOutCount), heldOut: ordered.slice(ordered.length - heldOutCount) };
}

export interface LogisticFit {
  intercept: number;
  weights: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Minimise -log-likelihood + l2/2 * |weights|^2 (the intercept is not penalised) by Newton steps.
 * The penalty keeps the Hessian positive definite, so every step solves by Cholesky.
 */
export function fitLogistic(
  rows: readonly ArrayLike<number>[],
  labels: ArrayLike<number>,
  options: { l2?: number; maxIterations?: number } = {},
): LogisticFit {
  const l2 = options.l2 ?? DEFAULT_L2;
  const maxIterations = options.maxIterations ?? MAX_ITERATIONS;
  const p = rows[0]?.length ?? 0;
  const size = p + 1; // index 0 is the intercept
  const beta = new Float64Array(size);
  const x = new Float64Array(size);
  x[0] = 1;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Float64Array(size);
    const hessian = new Float64Array(size * size);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as ArrayLike<number>;
      let eta = 0;
      for (let j = 0; j < size; j++) {
        if (j > 0) x[j] = row[j - 1] as number;
        eta += (beta[j] as number) * (x[j] as number);
      }
      const mu = 1 / (1 + Math.exp(-eta));
      const residual = mu - (labels[i] as number);
      const w = Math.max(mu * (1 - mu), 1e-10);
      for (let a = 0; a < size; a++) {
        const xa = x[a] as number;
        gradient[a] = (gradient[a] as number) + residual * xa;
        for (let b = 0; b <= a; b++) hessian[a * size + b] = (hessian[a * size + b] as number) + w * xa * (x[b] as number);
      }
    }
    for (let j = 1; j < size; j++) {
      gradient[j] = (gradient[j] as number) + l2 * (beta[j] as number);
      hessian[j * size + j] = (hessian[j * size + j] as number) + l2;
    }
    const step = solveSymmetric(hessian, gradient, size);
    let largest = 0;
    for (let j = 0; j < size; j++) {
      beta[j] = (beta[j] as number) - (step[j] as number);
      largest = Math.max(largest, Math.abs(step[j] as number));
    }
    if (largest < TOLERANCE) return { intercept: beta[0] as number, weights: beta.slice(1), iterations: iteration, converged: true };
  }
  return { intercept: beta[0] as number, weights: beta.slice(1), iterations: maxIterations, converged: false };
}

/** Solve H s = g for a symmetric positive definite H given by its lower triangle (row-major), by Cholesky. */
function solveSymmetric(h: Float64Array, g: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = h[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      // A tiny floor guards an intercept-only direction when every label is the same.
      l[i * n + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / (l[j * n + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = g[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * n + i] as number);
  }
  const s = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (s[k] as number);
    s[i] = sum / (l[i * n + i] as number);
  }
  return s;
}

/**
 * Fit a clinic's model: means and scales from the training episodes' known values (so a missing
 * value sits at the clinic's own mean), then the weights on the standardised inputs.
 */
export function trainRiskModel(episodes: readonly TrainingEpisode[], options: { version: string; l2?: number }): RiskModel {
  const raw = episodes.map((e) => factorInputs(e.features));
  const standardisation = RISK_FACTORS.map((_, j) => {
    let count = 0;
    let sum = 0;
    let squares = 0;
    for (const row of raw) {
      const v = row[j] as number;
      if (Number.isNaN(v)) continue;
      count++;
      sum += v;
      squares += v * v;
    }
    const mean = count > 0 ? sum / count : 0;
    const sd = count > 0 ? Math.sqrt(Math.max(squares / count - mean * mean, 0)) : 0;
    // A factor that never varies in this clinic's history carries no information: its z is 0 and L2 sends its weight to 0.
    return { mean, scale: sd > 1e-9 ? sd : 1 };
  });
  const rows = raw.map((row) =>
    row.map((v, j) => {
      const s = standardisation[j] as { mean: number; scale: number };
      return Number.isNaN(v) ? 0 : (v - s.mean) / s.scale;
    }),
  );
  const fit = fitLogistic(
    rows,
    episodes.map((e) => (e.dropped ? 1 : 0)),
    { l2: options.l2 },
  );
  const factors = {} as Record<RiskFactor, FactorWeight>;
  RISK_FACTORS.forEach((name, j) => {
    factors[name] = { weight: fit.weights[j] as number, ...(standardisation[j] as { mean: number; scale: number }) };
  });
  return { version: options.version, intercept: fit.intercept, factors };
}

export interface ModelMetrics {
  /** Null when the episodes hold only one outcome. */
  auroc: number | null;
  brier: number | null;
  episodes: number;
  dropped: number;
}

export function evaluateModel(model: RiskModel, episodes: readonly TrainingEpisode[]): ModelMetrics {
  const scores = episodes.map((e) => score(e.features, model).score);
  const labels = episodes.map((e) => (e.dropped ? 1 : 0));
  return {
    auroc: auroc(scores, labels),
    brier: brierScore(scores, labels),
    episodes: episodes.length,
    dropped: labels.filter(Boolean).length,
  };
}

export type ModelChoiceReason =
  /** Not enough history to fit one (or every training episode ended the same way). */
  | "no_clinic_model"
  /** Fewer than MIN_CLOSED_EPISODES closed episodes. */
  | "too_few_episodes"
  /** The held-out episodes all ended the same way: neither model can be judged. */
  | "held_out_one_outcome"
  /** The clinic's model did not separate the held-out episodes strictly better than the default. */
  | "not_better"
  | "better";

export interface ModelChoice {
  model: RiskModel;
  chosen: "clinic" | "default";
  reason: ModelChoiceReason;
  closedEpisodes: number;
  /** Both measured on the same held-out episodes, for Settings -> Risk model. */
  clinic: ModelMetrics | null;
  default: ModelMetrics;
}

/**
 * The clinic's own model is used only with at least MIN_CLOSED_EPISODES closed episodes and a
 * strictly higher held-out AUROC than the default's; otherwise the default, so a clinic never
 * gets a model that did worse on its own recent patients.
 */
export function chooseModel(input: {
  clinicModel: RiskModel | null;
  defaultModel: RiskModel;
  heldOut: readonly TrainingEpisode[];
  closedEpisodes: number;
}): ModelChoice {
  const defaultMetrics = evaluateModel(input.defaultModel, input.heldOut);
  const clinicMetrics = input.clinicModel ? evaluateModel(input.clinicModel, input.heldOut) : null;
  const base = { closedEpisodes: input.closedEpisodes, clinic: clinicMetrics, default: defaultMetrics };
  const useDefault = (reason: ModelChoiceReason): ModelChoice => ({ ...base, model: input.defaultModel, chosen: "default", reason });
  if (!input.clinicModel || !clinicMetrics) return useDefault("no_clinic_model");
  if (input.closedEpisodes < MIN_CLOSED_EPISODES) return useDefault("too_few_episodes");
  if (clinicMetrics.auroc === null || defaultMetrics.auroc === null) return useDefault("held_out_one_outcome");
  if (!(clinicMetrics.auroc > defaultMetrics.auroc)) return useDefault("not_better");
  return { ...base, model: input.clinicModel, chosen: "clinic", reason: "better" };
}

export interface RiskModelReport extends ModelChoice {
  /** The fitted model even when not chosen, so Settings can show what the clinic's history says. */
  clinicModel: RiskModel | null;
  trainEpisodes: number;
  heldOutEpisodes: number;
}

/** The nightly step for one clinic: split by time, fit on the earlier part, judge both models on the latest. */
export function trainAndChoose(
  closed: readonly TrainingEpisode[],
  options: { version: string; defaultModel?: RiskModel; l2?: number },
): RiskModelReport {
  const { train, heldOut } = timeSplit(closed);
  const dropped = train.filter((e) => e.dropped).length;
  const clinicModel = dropped > 0 && dropped < train.length ? trainRiskModel(train, options) : null;
  const choice = chooseModel({ clinicModel, defaultModel: options.defaultModel ?? DEFAULT_MODEL, heldOut, closedEpisodes: closed.length });
  return { ...choice, clinicModel, trainEpisodes: train.length, heldOutEpisodes: heldOut.length };
}
