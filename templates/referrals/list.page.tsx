import { Csrf, type FieldErrors, FormError } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { ReferralSourceFields, type ReferralSourceValues } from "./fields";

export interface ReferralSourceRowView {
  id: string;
  name: string;
  kind: string;
  npi: string | null;
  practice: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  referred: number;
  converted: number;
  completed: number;
}

/** Who sends patients, and what became of them: referred, converted to a first visit, completed. */
export function ReferralListPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  sources: ReferralSourceRowView[];
  kindOptions: readonly (readonly [string, string])[];
  values?: ReferralSourceValues;
  errors?: FieldErrors;
}) {
  const e = props.errors;
  return (
    <Layout title="Referral sources" staff={props.staff} active="referrals">
      <h1>Referral sources</h1>
      {props.sources.length === 0 ? (
        <p class="empty">No referral source yet: add the physicians and practices who send you patients below.</p>
      ) : (
        <table class="list referral-list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">NPI</th>
              <th scope="col">Practice</th>
              <th scope="col">Contact</th>
              <th scope="col" class="num">
                Referred
              </th>
              <th scope="col" class="num">
                Converted
              </th>
              <th scope="col" class="num">
                Completed
              </th>
            </tr>
          </thead>
          <tbody>
            {props.sources.map((s) => (
              <tr id={`source-${s.id}`}>
                <td>
                  <a href={`/referrals/${s.id}`}>{s.name}</a>
                  <div class="hint">{s.kind}</div>
                </td>
                <td>{s.npi ?? "—"}</td>
                <td>{s.practice ?? "—"}</td>
                <td>
                  <ul class="plain">
                    {s.phone && <li>Phone {s.phone}</li>}
                    {s.fax && <li>Fax {s.fax}</li>}
                    {s.email && <li>{s.email}</li>}
                  </ul>
                </td>
                <td class="num" data-stat="referred">
                  {s.referred}
                </td>
                <td class="num" data-stat="converted">
                  {s.converted}
                </td>
                <td class="num" data-stat="completed">
                  {s.completed}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hint">Converted: the patient attended a first visit. Completed: discharged with goals met or the plan of care completed.</p>
      <section aria-labelledby="add-h" id="add">
        <h2 id="add-h">Add a referral source</h2>
        {e && Object.keys(e).length > 0 && <FormError message="Please correct the fields marked below. Nothing was saved." />}
        <form method="post" action="/referrals" class="grid-form" novalidate>
          <Csrf token={props.staff.csrfToken} />
          <ReferralSourceFields values={props.values ?? {}} errors={e} kindOptions={props.kindOptions} />
          <div class="actions">
            <button type="submit">Add referral source</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}
