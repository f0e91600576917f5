import { Csrf, type FieldErrors, FormError } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { ReferralSourceFields, type ReferralSourceValues } from "./fields";

export function ReferralFormPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  id: string;
  values: ReferralSourceValues;
  kindOptions: readonly (readonly [string, string])[];
  errors?: FieldErrors;
}) {
  const e = props.errors;
  return (
    <Layout title="Edit referral source" staff={props.staff} active="referrals">
      <p>
        <a href={`/referrals/${props.id}`}>← Referral source</a>
      </p>
      <h1>Edit referral source</h1>
      {e && Object.keys(e).length > 0 && <FormError message="Please correct the fields marked below. Nothing was saved." />}
      <form method="post" action={`/referrals/${props.id}/edit`} class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <ReferralSourceFields values={props.values} errors={e} kindOptions={props.kindOptions} />
        <div class="actions">
          <button type="submit">Save changes</button>
          <a href={`/referrals/${props.id}`}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
