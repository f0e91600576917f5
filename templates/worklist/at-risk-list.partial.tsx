import { type AtRiskContext, AtRiskRow, type AtRiskRowView } from "./at-risk-row.partial";

/** The at-risk table alone: swapped in by htmx when the band filter changes. */
export function AtRiskList(props: { rows: AtRiskRowView[]; ctx: AtRiskContext; truncated: boolean; rowErrors?: Record<string, string> }) {
  if (props.rows.length === 0) {
    return <p class="empty">No open episodes in these risk bands. Scores are refreshed every hour.</p>;
  }
  return (
    <>
      <table class="list at-risk-list">
        <thead>
          <tr>
            <th scope="col">Patient</th>
            <th scope="col">Risk</th>
            <th scope="col">Why</th>
            <th scope="col">Last contact</th>
            <th scope="col">Next visit</th>
            <th scope="col">Outreach</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <AtRiskRow row={row} ctx={props.ctx} error={props.rowErrors?.[row.episodeId]} />
          ))}
        </tbody>
      </table>
      {props.truncated && <p class="hint">Showing the {props.rows.length} highest scores. Narrow the band to see the rest.</p>}
    </>
  );
}
