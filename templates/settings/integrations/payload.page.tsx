import { FormError } from "../../components/form";
import { Layout, type LayoutProps } from "../../layout";
import { SettingsNav } from "../nav";
import { ReplayButton } from "./events.page";
import { DeliveryStatusBadge } from "./labels";

export interface PayloadProps {
  staff: NonNullable<LayoutProps["staff"]>;
  integration: { id: string; name: string };
  delivery: {
    id: string;
    deliveryKey: string;
    summary: string;
    contentType: string;
    status: string;
    reason: string | null;
    attempts: number;
    outcome: string | null;
    /** Dates and times in the clinic's zone. */
    receivedAt: string;
    processedAt: string | null;
    /** The body as received (HL7v2 segment breaks shown as lines). */
    body: string;
  };
  error?: string;
}

/** One delivery's raw payload (it can hold patient data: the route audits every view). */
export function PayloadPage(props: PayloadProps) {
  const { integration: i, delivery: d } = props;
  return (
    <Layout title={`Delivery ${d.summary}`} staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="integrations" />
      <p>
        <a href={`/settings/integrations/${i.id}`}>{i.name}</a> · <a href={`/settings/integrations/${i.id}/events`}>Inbound events</a>
      </p>
      <h2>{d.summary}</h2>
      <FormError message={props.error} />
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          <DeliveryStatusBadge status={d.status} />{" "}
          {d.reason && <span class={d.status === "failed" ? "error" : undefined}>{d.reason}</span>}
        </dd>
        <dt>Received</dt>
        <dd>{d.receivedAt}</dd>
        <dt>Processed</dt>
        <dd>{d.processedAt ?? "not yet"}</dd>
        <dt>Attempts</dt>
        <dd>{d.attempts}</dd>
        <dt>Outcome</dt>
        <dd>{d.outcome ?? "—"}</dd>
        <dt>Content type</dt>
        <dd>
          <code>{d.contentType}</code>
        </dd>
        <dt>Delivery id</dt>
        <dd>
          <code>{d.deliveryKey}</code>
        </dd>
      </dl>
      <ReplayButton integrationId={i.id} deliveryId={d.id} csrf={props.staff.csrfToken} what="this delivery" />
      <h3>Payload as received</h3>
      <p class="hint">This view is recorded in the audit log.</p>
      <pre class="payload">{d.body}</pre>
    </Layout>
  );
}
