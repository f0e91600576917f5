import { Csrf, Field, type FieldErrors, FormError, Notice } from "../../components/form";
import { Layout, type LayoutProps } from "../../layout";
import { SettingsNav } from "../nav";
import { eventLabel, kindLabel, OutboundFields, schemeLabel } from "./labels";

export interface IntegrationDetailView {
  id: string;
  name: string;
  kind: string;
  scheme: string;
  webhookUrl: string;
  deliveryUrl: string | null;
  subscribedEvents: string[];
  disabled: boolean;
  /** Dates and times in the clinic's zone. */
  createdAt: string;
  disabledAt: string | null;
  /** Until when the rotated-out secret still verifies; null: none does. */
  previousSecretUntil: string | null;
}

export interface IntegrationDetailProps {
  staff: NonNullable<LayoutProps["staff"]>;
  integration: IntegrationDetailView;
  eventTypes: readonly string[];
  allowLocalHttp: boolean;
  /** The signing secret, only on the audited "show" view. */
  secret?: string;
  notice?: string;
  outbound?: { values: { deliveryUrl: string; subscribedEvents: readonly string[] }; errors?: FieldErrors };
  rotate?: { errors?: FieldErrors };
}

const headerOf: Record<string, string> = {
  standard_webhooks: "webhook-id, webhook-timestamp and webhook-signature (v1,<base64 HMAC-SHA256 of id.timestamp.body>)",
  hub_signature: "X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>",
  medplum: "X-Signature: <hex HMAC-SHA256 of the body>",
};

function SecretSection({ props }: { props: IntegrationDetailProps }) {
  const i = props.integration;
  const base = `/settings/integrations/${i.id}`;
  return (
    <section class="card settings-section" aria-labelledby="h-secret">
      <h2 id="h-secret">Signing secret</h2>
      {props.secret ? (
        <>
          <p>
            <code class="secret">{props.secret}</code>
          </p>
          <p class="hint">Give it to the EHR only over a secure channel. This view was recorded in the audit log.</p>
        </>
      ) : (
        <p>
          <a href={`${base}/secret`}>Show the signing secret</a> <span class="hint">(recorded in the audit log)</span>
        </p>
      )}
      {i.previousSecretUntil && (
        <p class="notice" role="status">
          The previous secret still works until {i.previousSecretUntil} (clinic time), so the EHR can switch over.
        </p>
      )}
      {props.rotate?.errors && <FormError message="Please correct the field marked below. The secret was not changed." />}
      <form method="post" action={`${base}/rotate`} class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <Field
          name="secret"
          label="New secret (optional)"
          type="password"
          autocomplete="off"
          errors={props.rotate?.errors}
          hint="Paste the EHR's new secret, or leave empty to generate one. The current secret keeps working for 24 hours."
        />
        <div class="actions">
          <button type="submit" class="secondary">
            Rotate secret
          </button>
        </div>
      </form>
    </section>
  );
}

function OutboundSection({ props }: { props: IntegrationDetailProps }) {
  const i = props.integration;
  const values = props.outbound?.values ?? { deliveryUrl: i.deliveryUrl ?? "", subscribedEvents: i.subscribedEvents };
  return (
    <section class="card settings-section" aria-labelledby="h-outbound">
      <h2 id="h-outbound">Outbound webhooks</h2>
      {props.outbound?.errors && <FormError message="Please correct the fields marked below. Nothing was saved." />}
      <form method="post" action={`/settings/integrations/${i.id}/outbound`} class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <OutboundFields
          eventTypes={props.eventTypes}
          deliveryUrl={values.deliveryUrl}
          subscribedEvents={values.subscribedEvents}
          errors={props.outbound?.errors}
          allowLocalHttp={props.allowLocalHttp}
        />
        <div class="actions">
          <button type="submit">Save outbound settings</button>
        </div>
      </form>
      <p>
        <a href={`/settings/integrations/${i.id}/webhooks`}>Outbound delivery log</a>
      </p>
    </section>
  );
}

/** One integration: where the EHR posts, how it signs, the secret, outbound settings, on or off. */
export function IntegrationDetailPage(props: IntegrationDetailProps) {
  const i = props.integration;
  return (
    <Layout title={i.name} staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="integrations" />
      <p>
        <a href="/settings/integrations">All integrations</a>
      </p>
      <h2>
        {i.name} {i.disabled && <span class="badge revoked">disabled</span>}
      </h2>
      {props.notice && <Notice>{props.notice}</Notice>}
      <dl class="facts">
        <dt>Kind</dt>
        <dd>{kindLabel(i.kind)}</dd>
        <dt>Webhook URL</dt>
        <dd>
          <code>{i.webhookUrl}</code>
        </dd>
        <dt>Signature</dt>
        <dd>
          {schemeLabel(i.scheme)}: {headerOf[i.scheme] ?? ""}
        </dd>
        <dt>Payloads</dt>
        <dd>
          FHIR R4 resources and Bundles (application/fhir+json), HL7v2 SIU scheduling messages (x-application/hl7-v2+er7); 1 MB at most
        </dd>
        <dt>Events sent</dt>
        <dd>{i.subscribedEvents.length === 0 ? "none" : i.subscribedEvents.map(eventLabel).join(", ")}</dd>
        <dt>Created</dt>
        <dd>{i.createdAt}</dd>
        {i.disabledAt && (
          <>
            <dt>Disabled</dt>
            <dd>{i.disabledAt}</dd>
          </>
        )}
      </dl>
      <p>
        <a href={`/settings/integrations/${i.id}/events`}>Inbound events (deliveries, failures, replay)</a>
      </p>
      <SecretSection props={props} />
      <OutboundSection props={props} />
      <section class="card settings-section" aria-labelledby="h-state">
        <h2 id="h-state">{i.disabled ? "Disabled" : "Active"}</h2>
        <p class="hint">
          {i.disabled
            ? "Its webhooks are refused, its API keys do not work and nothing is sent to it. Enabling it takes deliveries in again."
            : "Disabling refuses its webhooks, stops its API keys and stops sending to it; nothing is deleted."}
        </p>
        <form method="post" action={`/settings/integrations/${i.id}/${i.disabled ? "enable" : "disable"}`}>
          <Csrf token={props.staff.csrfToken} />
          <button type="submit" class="secondary">
            {i.disabled ? "Enable integration" : "Disable integration"}
          </button>
        </form>
      </section>
    </Layout>
  );
}
