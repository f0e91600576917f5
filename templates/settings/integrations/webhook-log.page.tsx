import { Csrf, FormError, Notice } from "../../components/form";
import { Layout, type LayoutProps } from "../../layout";
import { SettingsNav } from "../nav";

export interface WebhookDeliveryView {
  id: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** Date and time in the clinic's zone. */
  createdAt: string;
  deliveredAt: string | null;
  /** The exact JSON body sent (ids and facts only), pretty-printed. */
  payload: string;
}

export interface WebhookLogProps {
  staff: NonNullable<LayoutProps["staff"]>;
  integration: { id: string; name: string; deliveryUrl: string | null; receiving: boolean };
  deliveries: WebhookDeliveryView[];
  timeZone: string;
  nextHref: string | null;
  replayed?: boolean;
  error?: string;
}

const statusWords: Record<WebhookDeliveryView["status"], string> = {
  pending: "Waiting to send",
  delivered: "Delivered",
  failed: "Failed",
};
// Colours shared with the visit and task badges: green done, amber waiting, red failed.
const statusClass: Record<WebhookDeliveryView["status"], string> = {
  pending: "badge visit-booked",
  delivered: "badge task-done",
  failed: "badge visit-no_show",
};

/** The error says the status itself ("HTTP 503 Service Unavailable"); a success shows its code. */
function lastAnswer(d: WebhookDeliveryView) {
  if (d.lastError) return <span class={d.status === "delivered" ? undefined : "error"}>{d.lastError}</span>;
  return d.lastStatusCode === null ? "—" : `HTTP ${d.lastStatusCode}`;
}

function ReplayForm({ props, d }: { props: WebhookLogProps; d: WebhookDeliveryView }) {
  return (
    <form method="post" action={`/settings/integrations/${props.integration.id}/webhooks/${d.id}/replay`} class="row-form">
      <Csrf token={props.staff.csrfToken} />
      <button
        type="submit"
        class="secondary"
        disabled={!props.integration.receiving}
        aria-label={`Replay the ${d.eventType} webhook of ${d.createdAt}`}
      >
        Replay
      </button>
    </form>
  );
}

/** Settings -> Integrations -> one integration's outbound webhooks: what was sent, what failed, Replay. */
export function WebhookLogPage(props: WebhookLogProps) {
  const { integration } = props;
  return (
    <Layout title={`Webhooks sent to ${integration.name}`} staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="integrations" />
      <h2>Webhooks sent to {integration.name}</h2>
      <p class="hint">
        {integration.deliveryUrl ? (
          <>
            Sent to <code>{integration.deliveryUrl}</code>, signed with the integration's secret (Standard Webhooks). Times are in{" "}
            {props.timeZone}.
          </>
        ) : (
          "This integration has no delivery URL, so no webhooks are sent."
        )}
      </p>
      {props.replayed && <Notice>The webhook is queued to be sent again.</Notice>}
      <FormError message={props.error} />
      {!integration.receiving && integration.deliveryUrl && <p class="hint">The integration is disabled: nothing is sent or replayed.</p>}
      {props.deliveries.length === 0 ? (
        <p class="empty">No webhooks yet. They are sent when an event this integration subscribes to happens.</p>
      ) : (
        <table class="list webhook-log">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Delivered</th>
              <th scope="col">Payload</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.deliveries.map((d) => (
              <tr id={`delivery-${d.id}`}>
                <td>{d.createdAt}</td>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td>
                  <span class={statusClass[d.status]}>{statusWords[d.status]}</span>
                </td>
                <td>{d.attempts}</td>
                <td>{lastAnswer(d)}</td>
                <td>{d.deliveredAt ?? "—"}</td>
                <td>
                  <details>
                    <summary>Show</summary>
                    <pre>
                      <code>{d.payload}</code>
                    </pre>
                  </details>
                </td>
                <td>
                  <ReplayForm props={props} d={d} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.nextHref && (
        <nav class="pager" aria-label="Pages">
          <a href={props.nextHref} rel="next">
            Older webhooks
          </a>
        </nav>
      )}
    </Layout>
  );
}
