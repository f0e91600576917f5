import { Csrf, Field, type FieldErrors, FormError } from "../components/form";
import { Layout, type LayoutProps } from "../layout";

export interface PatientView {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
  timeZone: string | null;
  address: string | null;
}

export interface IdentifierView {
  id: string;
  system: string;
  value: string;
}

export interface ConsentView {
  channel: "sms" | "email";
  status: "granted" | "revoked" | null;
  history: { status: string; source: string; at: string }[];
}

export function PatientPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  patient: PatientView;
  identifiers: IdentifierView[];
  consents: ConsentView[];
  identifierErrors?: FieldErrors;
  identifierValues?: { system?: string; value?: string };
}) {
  const p = props.patient;
  return (
    <Layout title={`${p.givenName} ${p.familyName}`} staff={props.staff} active="patients">
      <div class="page-head">
        <h1>
          {p.givenName} {p.familyName}
        </h1>
        <a class="button secondary" href={`/patients/${p.id}/edit`}>
          Edit
        </a>
      </div>
      <section aria-labelledby="profile-h" class="card">
        <h2 id="profile-h">Profile</h2>
        <dl class="facts">
          <dt>Date of birth</dt>
          <dd>{p.dateOfBirth}</dd>
          <dt>Sex</dt>
          <dd>{p.sex}</dd>
          <dt>Mobile phone</dt>
          <dd>{p.phone ?? "—"}</dd>
          <dt>Email</dt>
          <dd>{p.email ?? "—"}</dd>
          <dt>Language</dt>
          <dd>{p.preferredLanguage === "es" ? "Spanish" : "English"}</dd>
          <dt>Time zone</dt>
          <dd>{p.timeZone ?? "Clinic's"}</dd>
          <dt>Address</dt>
          <dd>{p.address ?? "—"}</dd>
        </dl>
      </section>
      <section aria-labelledby="consent-h" class="card" id="consents">
        <h2 id="consent-h">Consent to be contacted</h2>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Status</th>
              <th scope="col">History</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {props.consents.map((c) => (
              <tr>
                <td>{c.channel === "sms" ? "Text messages" : "Email"}</td>
                <td>
                  <span class={`badge ${c.status ?? "none"}`}>{c.status ?? "not asked"}</span>
                </td>
                <td>
                  <ul class="plain">
                    {c.history.slice(0, 3).map((h) => (
                      <li>
                        {h.status} ({h.source}) {h.at}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <form method="post" action={`/patients/${p.id}/consents`}>
                    <Csrf token={props.staff.csrfToken} />
                    <input type="hidden" name="channel" value={c.channel} />
                    <input type="hidden" name="status" value={c.status === "granted" ? "revoked" : "granted"} />
                    <button type="submit" class="secondary">
                      {c.status === "granted" ? "Record revoked" : "Record granted"}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="ids-h" class="card" id="identifiers">
        <h2 id="ids-h">Identifiers</h2>
        {props.identifiers.length === 0 ? (
          <p class="empty">No external identifiers.</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span class="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.identifiers.map((i) => (
                <tr>
                  <td>{i.system}</td>
                  <td>{i.value}</td>
                  <td>
                    <form method="post" action={`/patients/${p.id}/identifiers/${i.id}/delete`}>
                      <Csrf token={props.staff.csrfToken} />
                      <button type="submit" class="link">
                        Remove
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action={`/patients/${p.id}/identifiers`} class="inline-form" novalidate>
          <Csrf token={props.staff.csrfToken} />
          <FormError message={props.identifierErrors?._form} />
          <Field name="system" label="System" value={props.identifierValues?.system} errors={props.identifierErrors} hint="e.g. MRN" />
          <Field name="value" label="Value" value={props.identifierValues?.value} errors={props.identifierErrors} />
          <button type="submit">Add identifier</button>
        </form>
      </section>
    </Layout>
  );
}
