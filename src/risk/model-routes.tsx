import { type Context, Hono } from "hono";
import { RiskModelPage, type RiskModelView } from "../../templates/settings/risk-model.page";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { fieldErrors, formStrings } from "../platform/validate";
import { RISK_FACTORS, type RiskFactor } from "./factors";
import { modelOverview, type TrainingMetrics, trainingMetricsSchema } from "./model-store";
import { DEFAULT_MODEL, DEFAULT_THRESHOLDS, type RiskModel, riskModelSchema } from "./score";
import { clinicScoring } from "./service";
import { saveThresholds, thresholdFormSchema } from "./thresholds";

/** Each factor as a clinician names it (factors.ts words the patient-specific reasons). */
export const FACTOR_NAMES: Record<RiskFactor, string> = {
  early_care: "Early in care (first three visits)",
  plan_progress: "Share of the plan of care done",
  recent_no_shows: "No-shows among the last 3 visits",
  recent_cancellations: "Cancellations among the last 3 visits",
  no_show_rate: "No-show rate this episode",
  cancellation_rate: "Cancellation rate this episode",
  visit_gap: "Days since the last visit, against the plan's cadence",
  no_next_visit: "No next visit booked",
  hep_adherence: "Home exercises done in the last 14 days",
  hep_not_tracked: "No home exercise program tracked",
  pain_trend: "Pain rising in recent check-ins",
  outcome_change: "Outcome score better than at intake",
  message_response: "Share of messages answered",
  messages_not_tracked: "No message has asked for a reply yet",
  reply_delay: "Time taken to reply to messages",
  authorization_running_out: "Authorized visits running out",
  new_patient: "New to the clinic",
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const whenUtc = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const decimals = (x: number | null) => (x === null ? "cannot be measured" : x.toFixed(3));
const odds = (model: RiskModel, factor: RiskFactor) => `×${Math.exp(model.factors[factor].weight).toFixed(2)}`;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Why the latest training's model is or is not used, in the words Settings shows. */
export function whyWords(m: TrainingMetrics): string {
  if (m.reason === "too_few_episodes" || (m.reason === "no_clinic_model" && m.episodes < m.minEpisodes)) {
    return `needs at least ${m.minEpisodes} closed episodes: has ${m.episodes}.`;
  }
  switch (m.reason) {
    case "no_clinic_model":
      return "the earlier closed episodes all ended the same way, so there is nothing to learn from yet.";
    case "held_out_one_outcome":
      return "the held-out episodes all ended the same way, so the two models cannot be compared.";
    case "not_better":
      return "not better than the default on held-out episodes.";
    default:
      return `better than the default on held-out episodes (AUROC ${decimals(m.clinic?.auroc ?? null)} against ${decimals(m.default.auroc)}).`;
  }
}

/** Settings -> Risk model (owner and admin, by the /settings guard): the model, and the band cut-offs. */
export const riskModelRoutes = new Hono<AppEnv>();

riskModelRoutes.get("/", (c) => {
  const saved = Number(c.req.query("rescored"));
  return renderPage(c, { saved: Number.isInteger(saved) && saved >= 0 ? { rescored: saved } : null });
});

riskModelRoutes.post("/thresholds", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = thresholdFormSchema.safeParse(values);
  if (!parsed.success) return renderPage(c, { form: { values, errors: fieldErrors(parsed.error) } }, 422);
  const { episodes } = await saveThresholds(c.get("deps"), staffActor(c), parsed.data);
  return c.redirect(`/settings/risk?rescored=${episodes}#bands`, 303);
});

interface PageState {
  saved?: { rescored: number } | null;
  form?: { values: Record<string, string>; errors: Record<string, string> };
}

async function renderPage(c: Context<AppEnv>, state: PageState, status: 200 | 422 = 200) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const [overview, scoring] = await Promise.all([modelOverview(deps.db, staff.clinicId), clinicScoring(deps, staff.clinicId)]);

  const metrics = overview.latest ? trainingMetricsSchema.safeParse(safeJson(overview.latest.metrics)) : null;
  const latestModel = overview.latest ? riskModelSchema.safeParse(safeJson(overview.latest.model)) : null;
  const fitted = metrics?.success && metrics.data.fitted && latestModel?.success ? latestModel.data : null;
  // The page shows the model scoring actually uses: a stored model that no longer parses falls back to the default there too.
  const ownInUse = overview.inUse !== null && scoring.model !== DEFAULT_MODEL;

  const latest: RiskModelView["latest"] =
    overview.latest && metrics?.success
      ? {
          version: overview.latest.version,
          trainedAt: whenUtc(overview.latest.trainedAt),
          episodes: metrics.data.episodes,
          dropped: metrics.data.dropped,
          skipped: metrics.data.skipped,
          trainEpisodes: metrics.data.trainEpisodes,
          heldOut: metrics.data.heldOut,
          clinic: metrics.data.clinic && { auroc: decimals(metrics.data.clinic.auroc), brier: decimals(metrics.data.clinic.brier) },
          default: { auroc: decimals(metrics.data.default.auroc), brier: decimals(metrics.data.default.brier) },
          used: overview.latest.inUse,
          why: whyWords(metrics.data),
        }
      : null;
  const { thresholds } = scoring;
  const asPercent = (x: number) => String(Math.round(x * 100));
  return c.html(
    <RiskModelPage
      staff={layoutStaff(staff)}
      inUse={{
        own: ownInUse,
        version: scoring.model.version,
        trainedAt: ownInUse && overview.inUse ? whenUtc(overview.inUse.trainedAt) : null,
      }}
      latest={latest}
      weights={RISK_FACTORS.map((f) => ({ name: FACTOR_NAMES[f], default: odds(DEFAULT_MODEL, f), clinic: fitted && odds(fitted, f) }))}
      thresholds={{
        medium: percent(thresholds.medium),
        high: percent(thresholds.high),
        isDefault: thresholds.medium === DEFAULT_THRESHOLDS.medium && thresholds.high === DEFAULT_THRESHOLDS.high,
      }}
      thresholdForm={{
        values: state.form?.values ?? { medium: asPercent(thresholds.medium), high: asPercent(thresholds.high) },
        errors: state.form?.errors,
        saved: state.saved ?? null,
      }}
    />,
    status,
  );
}
