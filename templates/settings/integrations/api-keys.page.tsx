import { Csrf, Field, type FieldErrors, FormError, Notice, Select } from "../../components/form";
import { Layout, type LayoutProps } from "../../layout";
import { SettingsNav } from "../nav";
import { CheckGroup, scopeLabel } from "./labels";

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  integration: string | null;
  /** Dates and times in the clinic's zone. */
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeysProps {
  staff: NonNullable<LayoutProps["staff"]>;
  keys: ApiKeyView[];
  scopes: readonly string[];
  integrations: { id: string; name: string }[];
  /** A key just created: shown on this one answer and never again. */
  created?: { name: string; key: string };
  notice?: string;
  values?: Partial<Record<string, string>>;
  checkedScopes?: readonly string[];
  errors?: FieldErrors;
}

function CreatedKey({ created }: { created: { name: string; key: string } }) {
  return (
    <section class="card settings-section" aria-labelledby="h-new-key" role="alert">
      <h2 id="h-new-key">New API key “{created.name}”</h2>
      <p>
        <strong>Copy it now: it is shown only this once.</strong> Rapport keeps only a fingerprint of it; if it is lost, revoke it and
        create another.
      </p>
      <p>
        <code class="secret">{created.key}</code>
      </p>
      <p class="hint">Send it as a bearer token: Authorization: Bearer &lt;key&gt;.</p>
    </section>
  );
}

function KeyRow({ k, csrf }: { k: ApiKeyView; csrf: string }) {
  return (
    <tr class={k.revokedAt ? "inactive" : undefined}>
      <td>{k.name}</td>
      <td>
        <code>{k.prefix}…</code>
      </td>
      <td>{k.scopes.join(", ")}</td>
      <td>{k.integration ?? "clinic-wide"}</td>
      <td>{k.createdAt}</td>
      <td>{k.lastUsedAt ?? "never"}</td>
      <td>
        {k.revokedAt ? (
          <span class="badge revoked">revoked {k.revokedAt}</span>
        ) : (
          <form method="post" action={`/settings/api-keys/${k.id}/revoke`} class="row-form">
            <Csrf token={csrf} />
            <button type="submit" class="secondary" aria-label={`Revoke ${k.name}`}>
              Revoke
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

/** Settings -> API keys: per-clinic keys with scopes for the FHIR and JSON read APIs. */
export function ApiKeysPage(props: ApiKeysProps) {
  const v = props.values ?? {};
  return (
    <Layout title="API keys" staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="api-keys" />
      {props.created && <CreatedKey created={props.created} />}
      {props.notice && <Notice>{props.notice}</Notice>}
      {props.keys.length === 0 ? (
        <p class="empty">No API keys yet.</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Scopes</th>
              <th scope="col">Integration</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {props.keys.map((k) => (
              <KeyRow k={k} csrf={props.staff.csrfToken} />
            ))}
          </tbody>
        </table>
      )}

      <h2 id="new-key">Create an API key</h2>
      {props.errors && <FormError message={props.errors._form ?? "Please correct the fields marked below. No key was created."} />}
      <form method="post" action="/settings/api-keys" class="grid-form" novalidate aria-labelledby="new-key">
        <Csrf token={props.staff.csrfToken} />
        <Field
          name="name"
          label="Name"
          value={v.name}
          errors={props.errors}
          required
          hint="What will use it, e.g. the CRM's nightly sync"
        />
        <Select
          name="integrationId"
          label="Integration"
          value={v.integrationId ?? ""}
          options={[["", "None (clinic-wide)"] as const, ...props.integrations.map((i) => [i.id, i.name] as const)]}
          errors={props.errors}
        />
        <CheckGroup
          legend="Scopes"
          name="scopes"
          options={props.scopes}
          field={(s) => `scope_${s}`}
          label={scopeLabel}
          checked={props.checkedScopes ?? []}
          errors={props.errors}
          hint="At least one. Every read made with a key is recorded in the audit log."
        />
        <div class="actions">
          <button type="submit">Create API key</button>
        </div>
      </form>
    </Layout>
  );
}
