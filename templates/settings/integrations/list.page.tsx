import { Csrf, Field, type FieldErrors, FormError, Select } from "../../components/form";
import { Layout, type LayoutProps } from "../../layout";
import { SettingsNav } from "../nav";
import { kindLabel, OutboundFields, schemeLabel } from "./labels";

export interface IntegrationListItem {
  id: string;
  name: string;
  kind: string;
  scheme: string;
  disabled: boolean;
  sendsEvents: number;
}

export interface IntegrationListProps {
  staff: NonNullable<LayoutProps["staff"]>;
  integrations: IntegrationListItem[];
  kinds: readonly string[];
  schemes: readonly string[];
  eventTypes: readonly string[];
  allowLocalHttp: boolean;
  values?: Partial<Record<string, string>>;
  subscribedEvents?: readonly string[];
  errors?: FieldErrors;
}

/** Settings -> Integrations: the clinic's EHRs and CRMs, and a form to connect another. */
export function IntegrationListPage(props: IntegrationListProps) {
  const v = props.values ?? {};
  return (
    <Layout title="Integrations" staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="integrations" />
      <p class="hint">
        An EHR sends its changes (patients, visits, referrals, plans of care) to Rapport as signed webhooks; a CRM receives the journey
        events you choose. Read access for other systems is by <a href="/settings/api-keys">API key</a>.
      </p>
      {props.integrations.length === 0 ? (
        <p class="empty">No integrations yet.</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Signature</th>
              <th scope="col">Events sent</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.integrations.map((i) => (
              <tr class={i.disabled ? "inactive" : undefined}>
                <td>
                  <a href={`/settings/integrations/${i.id}`}>{i.name}</a>
                </td>
                <td>{kindLabel(i.kind)}</td>
                <td>{schemeLabel(i.scheme)}</td>
                <td>{i.sendsEvents === 0 ? "none" : i.sendsEvents}</td>
                <td>{i.disabled ? <span class="badge revoked">disabled</span> : <span class="badge granted">active</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="new-integration">Connect an EHR or CRM</h2>
      {props.errors && <FormError message="Please correct the fields marked below. Nothing was saved." />}
      <form method="post" action="/settings/integrations" class="grid-form" novalidate aria-labelledby="new-integration">
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Integration</legend>
          <Field name="name" label="Name" value={v.name} errors={props.errors} required hint="e.g. the EHR's name, as staff know it" />
          <Select
            name="kind"
            label="Kind"
            value={v.kind ?? "ehr"}
            options={props.kinds.map((k) => [k, kindLabel(k)] as const)}
            errors={props.errors}
          />
          <Select
            name="signatureScheme"
            label="How it signs webhooks"
            value={v.signatureScheme ?? "standard_webhooks"}
            options={props.schemes.map((s) => [s, schemeLabel(s)] as const)}
            errors={props.errors}
          />
          <Field
            name="secret"
            label="Signing secret (optional)"
            type="password"
            value={v.secret}
            errors={props.errors}
            autocomplete="off"
            hint="Paste the secret the EHR signs with, if it gives you one (at least 16 characters; for Standard Webhooks a whsec_… secret). Empty: Rapport generates one for you to give to the EHR."
          />
        </fieldset>
        <fieldset>
          <legend>Outbound webhooks (optional)</legend>
          <OutboundFields
            eventTypes={props.eventTypes}
            deliveryUrl={v.deliveryUrl ?? ""}
            subscribedEvents={props.subscribedEvents ?? []}
            errors={props.errors}
            allowLocalHttp={props.allowLocalHttp}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">Create integration</button>
        </div>
      </form>
    </Layout>
  );
}
