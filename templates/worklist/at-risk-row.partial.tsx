import { Csrf } from "../components/form";

export interface OutreachRowView {
  id: string;
  /** Clinic-local date and time the outreach started. */
  started: string;
  /** "reached", "no answer"...; null while waiting for an outcome. */
  outcome: string | null;
  outcomeOn: string | null;
  /** Clinic-local date of the first attended visit after the outreach, if any. */
  cameBack: string | null;
  /** "message sent", "message not sent: <reason>", or null when no message was asked for. */
  message: string | null;
}

export interface AtRiskRowView {
  episodeId: string;
  patient: { id: string; name: string };
  band: "low" | "medium" | "high";
  /** "72%". */
  score: string;
  reasons: string[];
  lastContact: string | null;
  nextVisit: string | null;
  outreach: OutreachRowView | null;
}

export interface AtRiskContext {
  csrfToken: string;
  /** The list URL a plain (no-JS) form returns to. */
  back: string;
}

export const outcomeOptions = [
  ["reached", "Reached"],
  ["rebooked", "Rebooked"],
  ["no_answer", "No answer"],
  ["declined", "Declined"],
] as const;

const bandLabel = { high: "High", medium: "Medium", low: "Low" } as const;
// Existing badge colours: red for high, amber for medium, green for low.
const bandClass = { high: "revoked", medium: "care-warn", low: "granted" } as const;
const swap = { "hx-target": "closest tr", "hx-swap": "outerHTML", "hx-indicator": "#loading" };

/** One open episode at risk; its forms swap this row in place with htmx, or post and come back without JS. */
export function AtRiskRow(props: { row: AtRiskRowView; ctx: AtRiskContext; error?: string }) {
  const r = props.row;
  const o = r.outreach;
  return (
    <tr id={`risk-${r.episodeId}`} class={`at-risk band-${r.band}`}>
      <td>
        <a href={`/patients/${r.patient.id}`}>{r.patient.name}</a>
      </td>
      <td>
        <span class={`badge risk-${r.band} ${bandClass[r.band]}`}>{bandLabel[r.band]}</span> <span class="score">{r.score}</span>
      </td>
      <td>
        {r.reasons.length > 0 ? (
          <ul class="plain reasons">
            {r.reasons.map((text) => (
              <li>{text}</li>
            ))}
          </ul>
        ) : (
          <span class="muted">No single reason stands out</span>
        )}
      </td>
      <td>{r.lastContact ?? <span class="muted">No contact yet</span>}</td>
      <td>{r.nextVisit ?? <span class="muted">none booked</span>}</td>
      <td class="outreach">{o ? <OutreachState outreach={o} /> : <span class="muted">No outreach yet</span>}</td>
      <td class="task-actions">
        {props.error && (
          <p class="error" role="alert">
            {props.error}
          </p>
        )}
        {o && o.outcome === null ? <OutcomeForm outreach={o} ctx={props.ctx} /> : <StartForm row={r} ctx={props.ctx} />}
      </td>
    </tr>
  );
}

function OutreachState({ outreach: o }: { outreach: OutreachRowView }) {
  return (
    <>
      <p class="outreach-started">Started {o.started}</p>
      {o.message && <p class="outreach-message">{o.message}</p>}
      {o.outcome && (
        <p class="outreach-outcome">
          Outcome: {o.outcome}
          {o.outcomeOn && <small class="hint"> {o.outcomeOn}</small>}
        </p>
      )}
      {o.cameBack && <p class="outreach-returned">came back {o.cameBack}</p>}
    </>
  );
}

function StartForm({ row, ctx }: { row: AtRiskRowView; ctx: AtRiskContext }) {
  const action = `/worklist/at-risk/${row.episodeId}/outreach`;
  return (
    <form method="post" action={action} hx-post={action} {...swap} class="row-form">
      <Csrf token={ctx.csrfToken} />
      <input type="hidden" name="back" value={ctx.back} />
      <button type="submit">Start outreach</button>
    </form>
  );
}

function OutcomeForm({ outreach, ctx }: { outreach: OutreachRowView; ctx: AtRiskContext }) {
  const action = `/worklist/at-risk/outreach/${outreach.id}/outcome`;
  const id = `outcome-${outreach.id}`;
  return (
    <form method="post" action={action} hx-post={action} {...swap} class="row-form">
      <Csrf token={ctx.csrfToken} />
      <input type="hidden" name="back" value={ctx.back} />
      <label for={id}>Outcome</label>
      <select id={id} name="outcome" required>
        {outcomeOptions.map(([value, text]) => (
          <option value={value}>{text}</option>
        ))}
      </select>
      <button type="submit">Record outcome</button>
    </form>
  );
}
