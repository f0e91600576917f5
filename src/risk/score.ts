import { z } from "zod";
import { FACTORS, factorInputs, RISK_FACTORS, type RiskFactor } from "./factors";
import type { RiskFeatures } from "./features";

/**
 * Dropout risk: a logistic model over standardised inputs. Each input is centred on a stored mean
 * and divided by a stored scale, so a weight is "log-odds per standard deviation" and weights of
 * different factors compare directly; a patient exactly at the means scores sigmoid(intercept), and a
 * factor's contribution (weight x standardised input) is how far it moves this patient from there.
 * Pure: no I/O. Every score carries the version of the model that gave it.
 */

export interface FactorWeight {
  /** Log-odds per `scale` units of the input above `mean`. */
  weight: number;
  mean: number;
  scale: number;
}

export interface RiskModel {
  version: string;
  /** Log-odds of dropout for a patient at every mean. */
  intercept: number;
  factors: Record<RiskFactor, FactorWeight>;
}

export const RISK_BANDS = ["low", "medium", "high"] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** A clinic's band cut-offs: medium from `medium`, high from `high`. */
export const riskThresholdsSchema = z
  .object({ medium: z.number().gt(0).lt(1), high: z.number().gt(0).lt(1) })
  .refine((t) => t.medium < t.high, { message: "The medium threshold must be below the high one", path: ["medium"] });
export type RiskThresholds = z.infer<typeof riskThresholdsSchema>;
export const DEFAULT_THRESHOLDS: RiskThresholds = { medium: 0.3, high: 0.6 };

/**
 * The prior for one factor, in the units a clinician reads: the odds of dropout multiply by
 * `oddsRatio` for every `per` units of the input. `mean` and `sd` describe open episodes in a
 * typical outpatient clinic and standardise the input.
 */
interface Prior {
  mean: number;
  sd: number;
  oddsRatio: number;
  per: number;
}

/**
 * Default weights: judgement informed by the literature, not estimates copied from one study, and
 * replaced by each clinic's own fit once it has the history (see train.ts). Sources:
 * - Dantas et al., "No-shows in appointment scheduling: a systematic literature review", Health
 *   Policy 2018: past non-attendance is the most consistent predictor of future non-attendance.
 * - Jack et al., "Barriers to treatment adherence in physiotherapy outpatient clinics: a systematic
 *   review", Manual Therapy 2010: more pain, low self-efficacy and poor engagement predict
 *   non-adherence and dropout.
 * - Sluijs et al., "Correlates of exercise compliance in physical therapy", Physical Therapy 1993;
 *   Argent et al., JMIR mHealth 2018 and Peek et al., Physiotherapy 2016: home-exercise
 *   adherence tracks engagement with the whole plan.
 * - WebPT practice benchmarks (Jannenga, 2017): about 20% of patients drop out within the first
 *   three visits and most who do not finish stop early; cost and running out of covered visits are
 *   among the reasons patients give.
 */
const PRIORS: Record<RiskFactor, Prior> = {
  // The first three visits are when most dropouts happen (WebPT): before the patient has felt progress.
  early_care: { mean: 0.3, sd: 0.46, oddsRatio: 1.8, per: 1 },
  // Hazard falls as the plan goes on (invested, seeing progress): halfway is about 0.7x the odds.
  plan_progress: { mean: 0.45, sd: 0.3, oddsRatio: 0.5, per: 1 },
  // Missed visits are the strongest single predictor (Dantas 2018): each recent no-show ~2.5x the odds.
  recent_no_shows: { mean: 0.15, sd: 0.4, oddsRatio: 2.5, per: 1 },
  // A cancellation gives notice and is often rebooked, so it counts for less than a no-show.
  recent_cancellations: { mean: 0.3, sd: 0.55, oddsRatio: 1.5, per: 1 },
  // The whole-episode no-show habit, on top of the recent ones: +10 points of no-shows ~1.3x.
  no_show_rate: { mean: 0.06, sd: 0.1, oddsRatio: 1.3, per: 0.1 },
  // Likewise for cancellations, weaker: +10 points ~1.15x.
  cancellation_rate: { mean: 0.12, sd: 0.12, oddsRatio: 1.15, per: 0.1 },
  // Each planned interval that passes without a visit ~1.6x: the lapse that turns into a dropout.
  visit_gap: { mean: 1.2, sd: 1.0, oddsRatio: 1.6, per: 1 },
  // No next visit on the books is the plainest sign of a lapse; staff know it as "no next visit".
  no_next_visit: { mean: 0.25, sd: 0.43, oddsRatio: 2.2, per: 1 },
  // Doing the home program signals commitment (Sluijs 1993, Argent 2018): full vs none ~0.4x.
  hep_adherence: { mean: 0.55, sd: 0.3, oddsRatio: 0.4, per: 1 },
  // No prior either way: not every plan has a tracked program. A clinic's own fit may learn it.
  hep_not_tracked: { mean: 0.35, sd: 0.48, oddsRatio: 1, per: 1 },
  // Rising pain predicts non-adherence (Jack 2010): each point a week worse ~1.4x.
  pain_trend: { mean: -0.3, sd: 0.8, oddsRatio: 1.4, per: 1 },
  // Seeing no progress discourages (WebPT); kept weak because feeling better also ends some plans early.
  outcome_change: { mean: 0.12, sd: 0.15, oddsRatio: 0.4, per: 1 },
  // Answering the clinic is engagement: replying to all vs none ~0.5x.
  message_response: { mean: 0.6, sd: 0.35, oddsRatio: 0.5, per: 1 },
  // No prior: nothing has asked this patient for a reply yet.
  messages_not_tracked: { mean: 0.3, sd: 0.46, oddsRatio: 1, per: 1 },
  // Slow replies, weakly: each e-fold of hours (about 3 h -> 8 h -> 1 day) ~1.15x.
  reply_delay: { mean: 1.95, sd: 1.2, oddsRatio: 1.15, per: 1 },
  // Running out of covered visits is a cost barrier patients cite: no visits left ~2x.
  authorization_running_out: { mean: 0.08, sd: 0.22, oddsRatio: 2, per: 1 },
  // A returning patient already trusts the clinic; a new one ~1.3x.
  new_patient: { mean: 0.7, sd: 0.46, oddsRatio: 1.3, per: 1 },
};

/** About one open episode in four ends in a dropout at a typical clinic: logit(0.25) at the means. */
const DEFAULT_INTERCEPT = Math.log(0.25 / 0.75);

function fromPriors(priors: Record<RiskFactor, Prior>): Record<RiskFactor, FactorWeight> {
  const out = {} as Record<RiskFactor, FactorWeight>;
  for (const name of RISK_FACTORS) {
    const p = priors[name];
    out[name] = { weight: (Math.log(p.oddsRatio) / p.per) * p.sd, mean: p.mean, scale: p.sd };
  }
  return out;
}

export const DEFAULT_MODEL: RiskModel = { version: "default-1", intercept: DEFAULT_INTERCEPT, factors: fromPriors(PRIORS) };

const factorWeightSchema = z.object({ weight: z.number(), mean: z.number(), scale: z.number().positive() });

/**
 * A stored model (JSON in D1). A factor the stored model does not know (added in a later release)
 * gets weight 0, so an older clinic model keeps scoring until the nightly fit replaces it.
 */
export const riskModelSchema = z
  .object({
    version: z.string().min(1),
    intercept: z.number(),
    factors: z.partialRecord(z.enum(RISK_FACTORS), factorWeightSchema),
  })
  .transform(
    (m): RiskModel => ({
      ...m,
      factors: Object.fromEntries(RISK_FACTORS.map((n) => [n, m.factors[n] ?? { weight: 0, mean: 0, scale: 1 }])) as Record<
        RiskFactor,
        FactorWeight
      >,
    }),
  );

export interface RiskReason {
  /** The factor whose words are shown: the largest contributor of its topic. */
  factor: RiskFactor;
  /** Plain words for staff: "missed 2 of the last 3 visits". */
  text: string;
  /** Log-odds the topic (this factor and its kin, e.g. recent no-shows and the no-show rate) adds over a patient at the model's means. */
  contribution: number;
}

export interface RiskScore {
  /** Probability of dropping out, 0-1. */
  score: number;
  band: RiskBand;
  /** At most three, largest first; only topics that raise the risk noticeably. */
  reasons: RiskReason[];
  modelVersion: string;
}

/** A topic must add at least this much log-odds (about 10% more odds) to be named as a reason. */
export const MIN_REASON_CONTRIBUTION = 0.1;
const MAX_REASONS = 3;

export function bandOf(score: number, thresholds: RiskThresholds = DEFAULT_THRESHOLDS): RiskBand {
  if (score >= thresholds.high) return "high";
  if (score >= thresholds.medium) return "medium";
  return "low";
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** A model's weights, means and scales as arrays in RISK_FACTORS order, built once per model object. */
interface CompiledModel {
  weight: Float64Array;
  mean: Float64Array;
  scale: Float64Array;
}
const compiled = new WeakMap<RiskModel, CompiledModel>();

function compile(model: RiskModel): CompiledModel {
  let c = compiled.get(model);
  if (!c) {
    const pick = (key: keyof FactorWeight) => Float64Array.from(RISK_FACTORS, (f) => model.factors[f][key]);
    c = { weight: pick("weight"), mean: pick("mean"), scale: pick("scale") };
    compiled.set(model, c);
  }
  return c;
}

function writeContributions(features: RiskFeatures, model: RiskModel, out: Float64Array): Float64Array {
  const { weight, mean, scale } = compile(model);
  factorInputs(features, out);
  for (let j = 0; j < out.length; j++) {
    const x = out[j] as number;
    out[j] = Number.isNaN(x) ? 0 : ((weight[j] as number) * (x - (mean[j] as number))) / (scale[j] as number);
  }
  return out;
}

/** Each factor's contribution in RISK_FACTORS order; a missing input sits at the mean and adds 0. */
export function contributions(features: RiskFeatures, model: RiskModel): Float64Array {
  return writeContributions(features, model, new Float64Array(RISK_FACTORS.length));
}

// Scratch for score(): it runs synchronously to the end, so one buffer serves every call.
const scratch = new Float64Array(RISK_FACTORS.length);

/**
 * Score one open episode. A model object is compiled to arrays on first use and cached by
 * identity, so score with the same (unmutated) model object for a whole batch.
 */
export function score(
  features: RiskFeatures,
  model: RiskModel = DEFAULT_MODEL,
  thresholds: RiskThresholds = DEFAULT_THRESHOLDS,
): RiskScore {
  const parts = writeContributions(features, model, scratch);
  let logit = model.intercept;
  for (let j = 0; j < parts.length; j++) logit += parts[j] as number;
  const p = sigmoid(logit);
  return { score: p, band: bandOf(p, thresholds), reasons: topReasons(features, parts), modelVersion: model.version };
}

/** Topic of each factor, as small integers, so grouping costs one pass per score. */
const TOPICS = [...new Set(RISK_FACTORS.map((f) => FACTORS[f].topic))];
const TOPIC_OF = Int8Array.from(RISK_FACTORS, (f) => TOPICS.indexOf(FACTORS[f].topic));

const topicSums = new Float64Array(TOPICS.length);
const topicLead = new Int8Array(TOPICS.length);

/**
 * Contributions summed per topic; the largest topics at or above the threshold, each worded by its
 * largest member. Ties keep RISK_FACTORS order so the same patient always reads the same.
 */
function topReasons(features: RiskFeatures, parts: Float64Array): RiskReason[] {
  const sums = topicSums.fill(0);
  const lead = topicLead.fill(-1);
  for (let j = 0; j < parts.length; j++) {
    const t = TOPIC_OF[j] as number;
    sums[t] = (sums[t] as number) + (parts[j] as number);
    const current = lead[t] as number;
    if (current < 0 || (parts[j] as number) > (parts[current] as number)) lead[t] = j;
  }
  const picked: number[] = [];
  for (let t = 0; t < TOPICS.length; t++) {
    if ((sums[t] as number) < MIN_REASON_CONTRIBUTION) continue;
    let at = picked.length;
    while (at > 0 && (sums[picked[at - 1] as number] as number) < (sums[t] as number)) at--;
    if (at < MAX_REASONS) picked.splice(at, 0, t);
    if (picked.length > MAX_REASONS) picked.pop();
  }
  return picked.map((t) => {
    const factor = RISK_FACTORS[lead[t] as number] as RiskFactor;
    return { factor, text: FACTORS[factor].words(features), contribution: Math.round((sums[t] as number) * 1000) / 1000 };
  });
}
