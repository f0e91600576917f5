import { FormError } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { AtRiskList } from "./at-risk-list.partial";
import type { AtRiskContext, AtRiskRowView } from "./at-risk-row.partial";
import { WorklistViewSwitch } from "./view-switch";

export interface OutreachSummaryView {
  days: number;
  started: number;
  reached: number;
  rebooked: number;
  noAnswer: number;
  declined: number;
  pending: number;
  cameBack: number;
}

const bandOptions = [
  ["high-medium", "High and medium"],
  ["high", "High"],
  ["medium", "Medium"],
  ["low", "Low"],
  ["all", "All bands"],
] as const;

/** /worklist?view=at-risk: open episodes by dropout risk, with outreach started and measured from here. */
export function AtRiskPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  band: string;
  rows: AtRiskRowView[];
  truncated: boolean;
  summary: OutreachSummaryView;
  ctx: AtRiskContext;
  /** A refused row action (plain form, no JS): shown on top and beside its row. */
  rowErrors?: Record<string, string>;
}) {
  return (
    <Layout title="At-risk patients" staff={props.staff} active="worklist">
      <div class="page-head">
        <h1>Worklist</h1>
      </div>
      <WorklistViewSwitch current="at-risk" />
      <Summary s={props.summary} />
      <search>
        <form
          method="get"
          action="/worklist"
          class="filters"
          hx-get="/worklist"
          hx-trigger="change, submit"
          hx-target="#at-risk-list"
          hx-push-url="true"
          hx-indicator="#loading"
        >
          <input type="hidden" name="view" value="at-risk" />
          <div class="field">
            <label for="f-band">Risk band</label>
            <select id="f-band" name="band">
              {bandOptions.map(([value, text]) => (
                <option value={value} selected={props.band === value}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <button type="submit">Show</button>
          </div>
        </form>
      </search>
      {props.rowErrors && <FormError message={`Nothing was changed: ${Object.values(props.rowErrors).join(" ")}`} />}
      <div id="at-risk-list" aria-live="polite">
        <AtRiskList rows={props.rows} ctx={props.ctx} truncated={props.truncated} rowErrors={props.rowErrors} />
      </div>
    </Layout>
  );
}

function Summary({ s }: { s: OutreachSummaryView }) {
  return (
    <section class="outreach-summary" aria-labelledby="outreach-summary-head">
      <h2 id="outreach-summary-head">Outreach in the last {s.days} days</h2>
      {s.started === 0 ? (
        <p class="muted">No outreach started yet.</p>
      ) : (
        <p>
          <strong>{s.started}</strong> started: {s.reached} reached, {s.rebooked} rebooked, {s.noAnswer} no answer, {s.declined} declined,{" "}
          {s.pending} waiting for an outcome. <strong>{s.cameBack}</strong> came back for a visit.
        </p>
      )}
    </section>
  );
}
