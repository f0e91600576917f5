import { Csrf, Field, type FieldErrors, FormError, Notice } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { SettingsNav } from "./nav";

export interface ModelMetricsView {
  auroc: string;
  brier: string;
}

export interface RiskModelView {
  /** "The clinic's own model" or "The default model", with its version. */
  inUse: { own: boolean; version: string; trainedAt: string | null };
  /** The newest nightly training; null before the first. */
  latest: {
    version: string;
    trainedAt: string;
    episodes: number;
    dropped: number;
    skipped: number;
    trainEpisodes: number;
    heldOut: number;
    /** Null when no clinic model could be fitted. */
    clinic: ModelMetricsView | null;
    default: ModelMetricsView;
    used: boolean;
    /** Why it is or is not used, in plain words. */
    why: string;
  } | null;
  /** Every factor, in model order: odds multipliers as text ("×1.80"). */
  weights: { name: string; default: string; clinic: string | null }[];
  thresholds: { medium: string; high: string; isDefault: boolean };
  /** The cut-offs form: whole percentages; `saved` after a change, with how many open episodes are being re-scored. */
  thresholdForm: { values: Record<string, string>; errors?: FieldErrors; saved: { rescored: number } | null };
}

/** Settings -> Risk model: which dropout model scores the clinic's patients and why. */
export function RiskModelPage(props: { staff: NonNullable<LayoutProps["staff"]> } & RiskModelView) {
  const { latest } = props;
  return (
    <Layout title="Risk model" staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="risk" />
      <section aria-labelledby="in-use">
        <h2 id="in-use">Model in use</h2>
        <p>
          {props.inUse.own ? "The clinic's own model" : "The default model"} (version <code>{props.inUse.version}</code>)
          {props.inUse.trainedAt ? `, trained ${props.inUse.trainedAt}` : ""}.
        </p>
        <p class="hint">
          Every night Rapport fits a model to this clinic's closed episodes (features taken two weeks before discharge) and uses it only
          when the clinic has enough closed episodes and the model beats the default on the most recent quarter of them, held out from the
          fit.
        </p>
      </section>

      <section aria-labelledby="latest">
        <h2 id="latest">Latest training</h2>
        {latest ? (
          <>
            <p>
              Version <code>{latest.version}</code>, trained {latest.trainedAt}: {latest.episodes} closed episodes ({latest.dropped} dropped
              out), {latest.trainEpisodes} to fit and {latest.heldOut} held out
              {latest.skipped > 0 ? `; ${latest.skipped} too short to use` : ""}.
            </p>
            <p class={latest.used ? "" : "hint"}>
              <strong>{latest.used ? "In use: " : "Not in use: "}</strong>
              {latest.why}
            </p>
            <table class="list">
              <caption>On the held-out episodes</caption>
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col">Clinic's model</th>
                  <th scope="col">Default model</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">AUROC (higher separates dropouts better; 0.5 is chance)</th>
                  <td>{latest.clinic?.auroc ?? "not fitted"}</td>
                  <td>{latest.default.auroc}</td>
                </tr>
                <tr>
                  <th scope="row">Brier score (lower is better calibrated; 0.25 is a coin toss)</th>
                  <td>{latest.clinic?.brier ?? "not fitted"}</td>
                  <td>{latest.default.brier}</td>
                </tr>
              </tbody>
            </table>
          </>
        ) : (
          <p class="empty">No training yet: the first runs tonight.</p>
        )}
      </section>

      <section aria-labelledby="weights">
        <h2 id="weights">What raises the risk</h2>
        <p class="hint">
          How the odds of dropping out change for a patient one typical step above the average on each factor: above ×1 raises the risk,
          below ×1 lowers it.
        </p>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Factor</th>
              <th scope="col">Default model</th>
              {latest?.clinic && <th scope="col">Clinic's latest fit</th>}
            </tr>
          </thead>
          <tbody>
            {props.weights.map((w) => (
              <tr>
                <th scope="row">{w.name}</th>
                <td>{w.default}</td>
                {latest?.clinic && <td>{w.clinic ?? "—"}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="bands">
        <h2 id="bands">Risk bands</h2>
        <p>
          Medium from a {props.thresholds.medium} chance of dropping out, high from {props.thresholds.high}
          {props.thresholds.isDefault ? " (the default cut-offs)" : " (this clinic's cut-offs)"}.
        </p>
        <ThresholdForm staff={props.staff} form={props.thresholdForm} />
      </section>
    </Layout>
  );
}

function ThresholdForm(props: { staff: NonNullable<LayoutProps["staff"]>; form: RiskModelView["thresholdForm"] }) {
  const { form } = props;
  return (
    <>
      {form.saved && (
        <Notice>
          Saved. {form.saved.rescored === 1 ? "1 open episode is" : `${form.saved.rescored} open episodes are`} being re-scored with the new
          cut-offs; the at-risk list follows in a moment.
        </Notice>
      )}
      {form.errors && <FormError message="Please correct the fields marked below. Nothing was saved." />}
      <form method="post" action="/settings/risk/thresholds" class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Band cut-offs</legend>
          <Field
            name="medium"
            label="Medium risk from (%)"
            type="number"
            inputmode="numeric"
            value={form.values.medium}
            errors={form.errors}
            hint="5 to 95, at least 5 below high. A lower cut-off puts more patients on the at-risk list."
          />
          <Field name="high" label="High risk from (%)" type="number" inputmode="numeric" value={form.values.high} errors={form.errors} />
        </fieldset>
        <div class="actions">
          <button type="submit">Save cut-offs</button>
        </div>
      </form>
    </>
  );
}
