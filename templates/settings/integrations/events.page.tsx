import { Csrf, FormError, Notice } from "../../components/form";
import { Layout, type LayoutProps } from "../../layout";
import { SettingsNav } from "../nav";
import { DeliveryStatusBadge, deliveryStatusLabel } from "./labels";

export interface DeliveryRowView {
  id: string;
  /** Date and time in the clinic's zone. */
  receivedAt: string;
  summary: string;
  format: string;
  status: string;
  reason: string | null;
  attempts: number;
  /** "Patient: 1 applied · Appointment: 2 unchanged", or null before processing. */
  outcome: string | null;
}

export interface EventsProps {
  staff: NonNullable<LayoutProps["staff"]>;
  integration: { id: string; name: string };
  deliveries: DeliveryRowView[];
  statuses: readonly string[];
  counts: Partial<Record<string, number>>;
  status?: string;
  nextHref: string | null;
  /** Set when this is not the first page. */
  firstHref: string | null;
  replayed?: boolean;
  error?: string;
}

export function ReplayButton(props: { integrationId: string; deliveryId: string; csrf: string; what: string }) {
  const { integrationId, deliveryId, csrf, what } = props;
  return (
    <form method="post" action={`/settings/integrations/${integrationId}/events/${deliveryId}/replay`} class="row-form">
      <Csrf token={csrf} />
      <button type="submit" class="secondary" aria-label={`Replay ${what}`}>
        Replay
      </button>
    </form>
  );
}

function StatusFilter({ props }: { props: EventsProps }) {
  const total = Object.values(props.counts).reduce<number>((a, b) => a + (b ?? 0), 0);
  return (
    <form method="get" action={`/settings/integrations/${props.integration.id}/events`} class="filters">
      <div class="field">
        <label for="f-status">Status</label>
        <select id="f-status" name="status">
          <option value="">All ({total})</option>
          {props.statuses.map((s) => (
            <option value={s} selected={s === props.status}>
              {deliveryStatusLabel(s)} ({props.counts[s] ?? 0})
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Filter</button>
    </form>
  );
}

/** Settings -> Integrations -> Events: every inbound delivery, what became of it, and Replay. */
export function EventsPage(props: EventsProps) {
  const i = props.integration;
  return (
    <Layout title={`Events of ${i.name}`} staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="integrations" />
      <p>
        <a href={`/settings/integrations/${i.id}`}>{i.name}</a> ·{" "}
        <a href={`/settings/integrations/${i.id}/webhooks`}>Outbound delivery log</a>
      </p>
      <h2>Inbound events</h2>
      {props.replayed && <Notice>Replay queued: the delivery will be processed again in a moment.</Notice>}
      <FormError message={props.error} />
      <StatusFilter props={props} />
      {props.deliveries.length === 0 ? (
        <p class="empty">{props.status ? "No deliveries with this status." : "No deliveries yet."}</p>
      ) : (
        <table class="list deliveries">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">What</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Outcome</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.deliveries.map((d) => (
              <tr>
                <td>{d.receivedAt}</td>
                <td>
                  <a href={`/settings/integrations/${i.id}/events/${d.id}`}>
                    {d.summary}
                    <span class="visually-hidden"> received {d.receivedAt}</span>
                  </a>{" "}
                  <span class="muted">({d.format === "hl7v2" ? "HL7v2" : "FHIR"})</span>
                </td>
                <td>
                  <DeliveryStatusBadge status={d.status} />
                  {d.reason && <div class={d.status === "failed" ? "error" : "hint"}>{d.reason}</div>}
                </td>
                <td>{d.attempts}</td>
                <td>{d.outcome ?? "—"}</td>
                <td>
                  <ReplayButton
                    integrationId={i.id}
                    deliveryId={d.id}
                    csrf={props.staff.csrfToken}
                    what={`the ${d.summary} delivery received ${d.receivedAt}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(props.nextHref || props.firstHref) && (
        <nav class="pager" aria-label="Pages">
          {props.firstHref && <a href={props.firstHref}>Newest deliveries</a>}{" "}
          {props.nextHref && (
            <a href={props.nextHref} rel="next">
              Older deliveries
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}
