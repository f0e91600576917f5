import { Layout, type LayoutProps } from "../layout";
import { FunnelChart, type FunnelView, WeeklyVisitsChart, type WeekView } from "./charts";
import { RetentionChart, type RetentionMonthView, RetentionTable } from "./retention-chart";

export interface KpiRowView {
  label: string;
  definition: string;
  current: string;
  previous: string;
  change: string;
  verdict: "better" | "worse" | "same" | "unknown";
}

export interface GroupTableView {
  header: string[];
  rows: { name: string; cells: string[] }[];
}

export interface AnalyticsView {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  overall: KpiRowView[];
  therapists: GroupTableView;
  sources: GroupTableView;
  trend: WeekView[];
  funnel: FunnelView;
  /** The 12 calendar months up to the range's last day. */
  retention: RetentionMonthView[];
  rateSet: boolean;
  /** The last day the nightly rollup covers, or null before its first night. */
  rolledThrough: string | null;
  /** "from=...&to=..." for the export links. */
  query: string;
}

const verdictText = { better: "better", worse: "worse", same: "no change", unknown: "" } as const;

function ExportLink({ table, query }: { table: string; query: string }) {
  return (
    <a class="button secondary small" href={`/analytics/export.csv?table=${table}&${query}`} download>
      Download CSV
    </a>
  );
}

function GroupTable({
  title,
  first,
  table,
  name,
  query,
}: {
  title: string;
  first: string;
  table: GroupTableView;
  name: string;
  query: string;
}) {
  return (
    <section class="settings-section" aria-labelledby={`${name}-heading`}>
      <div class="page-head">
        <h2 id={`${name}-heading`}>{title}</h2>
        <ExportLink table={name} query={query} />
      </div>
      {table.rows.length === 0 ? (
        <p class="empty">Nothing in this range.</p>
      ) : (
        <div class="week-scroll">
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{first}</th>
                {table.header.map((h) => (
                  <th scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr>
                  <th scope="row">{r.name}</th>
                  {r.cells.map((cell) => (
                    <td>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function AnalyticsPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  form: { from: string; to: string };
  /** A refused range: shown inline above the form, nothing else is computed. */
  error?: { field: "from" | "to"; message: string };
  view?: AnalyticsView;
}) {
  const { form, error, view } = props;
  return (
    <Layout title="Analytics" staff={props.staff} active="analytics">
      <h1>Analytics</h1>
      <form method="get" action="/analytics" class="filters" novalidate>
        <div class={error?.field === "from" ? "field invalid" : "field"}>
          <label for="a-from">From</label>
          <input
            id="a-from"
            name="from"
            type="date"
            value={form.from}
            aria-invalid={error?.field === "from" ? "true" : undefined}
            aria-describedby={error?.field === "from" ? "range-error" : undefined}
          />
        </div>
        <div class={error?.field === "to" ? "field invalid" : "field"}>
          <label for="a-to">To</label>
          <input
            id="a-to"
            name="to"
            type="date"
            value={form.to}
            aria-invalid={error?.field === "to" ? "true" : undefined}
            aria-describedby={error?.field === "to" ? "range-error" : undefined}
          />
        </div>
        <button type="submit">Show</button>
      </form>
      {error && (
        <p id="range-error" class="form-error" role="alert">
          {error.message}
        </p>
      )}
      {view && (
        <>
          <p class="muted">
            {`${view.from} to ${view.to}, compared with ${view.previousFrom} to ${view.previousTo} (the same number of days just before).`}
          </p>
          <section class="settings-section" aria-labelledby="overall-heading">
            <div class="page-head">
              <h2 id="overall-heading">Clinic</h2>
              <ExportLink table="overall" query={view.query} />
            </div>
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">KPI</th>
                  <th scope="col">This period</th>
                  <th scope="col">Previous period</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {view.overall.map((k) => (
                  <tr>
                    <th scope="row">{k.label}</th>
                    <td>{k.current}</td>
                    <td>{k.previous}</td>
                    <td>
                      {k.change}
                      {k.verdict !== "unknown" && <span class="muted">{` (${verdictText[k.verdict]})`}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {!view.rateSet && (
              <p class="hint">The clinic's visit rate is not set, so revenue per episode is not shown; visits per episode is.</p>
            )}
          </section>
          <section class="settings-section" aria-labelledby="trend-heading">
            <h2 id="trend-heading">Visits per week</h2>
            <WeeklyVisitsChart weeks={view.trend} />
          </section>
          <section class="settings-section" aria-labelledby="funnel-heading">
            <h2 id="funnel-heading">Referral to completion</h2>
            <FunnelChart funnel={view.funnel} />
          </section>
          <section class="settings-section" aria-labelledby="retention-heading">
            <div class="page-head">
              <h2 id="retention-heading">Retention by start month</h2>
              <ExportLink table="retention" query={view.query} />
            </div>
            <p class="muted">Episodes that started in each of the 12 months up to {view.to}, and where each stands today.</p>
            <RetentionChart months={view.retention} />
            <RetentionTable months={view.retention} />
          </section>
          <GroupTable title="By therapist" first="Therapist" table={view.therapists} name="therapists" query={view.query} />
          <GroupTable title="By referral source" first="Referral source" table={view.sources} name="sources" query={view.query} />
          <section class="settings-section" aria-labelledby="definitions-heading">
            <h2 id="definitions-heading">How each number is counted</h2>
            <dl class="facts">
              {view.overall.map((k) => (
                <>
                  <dt>{k.label}</dt>
                  <dd>{k.definition}</dd>
                </>
              ))}
              <dt>By therapist</dt>
              <dd>
                Visits count for the therapist who saw them; an episode, and with it its survey answer, its home exercise and its messages,
                counts for the therapist of its first attended visit (or its first booked visit).
              </dd>
              <dt>How fresh</dt>
              <dd>
                {view.rolledThrough
                  ? `Visits, discharges, messages and survey answers up to ${view.rolledThrough} are counted from the nightly rollup, which recounts every past day each night: a change made today to an older visit shows from tomorrow. Later days, and everything else, are counted live.`
                  : "Every number is counted live: the nightly rollup has not run for this clinic yet."}
              </dd>
              <dt>Retention by start month</dt>
              <dd>
                Episodes by the month of their start date, for the 12 calendar months up to the range's last day (the last month cut at it),
                by where they stand now: completed (goals met or plan of care completed), still in care, dropped out, or discharged for
                another reason.
              </dd>
            </dl>
          </section>
        </>
      )}
    </Layout>
  );
}
