import { Field, type FieldErrors, Select } from "../components/form";

export type ReferralSourceValues = Partial<Record<string, string | null>>;

/** The referral source fields, shared by the add form (on the list) and the edit page. */
export function ReferralSourceFields(props: {
  values: ReferralSourceValues;
  errors?: FieldErrors;
  kindOptions: readonly (readonly [string, string])[];
}) {
  const v = props.values;
  const e = props.errors;
  return (
    <>
      <fieldset>
        <legend>Who</legend>
        <Field name="name" label="Name" value={v.name} errors={e} required hint="e.g. Dr. Jane Smith" />
        <Select name="kind" label="Kind" value={v.kind ?? "physician"} options={props.kindOptions} errors={e} />
        <Field name="npi" label="NPI" value={v.npi} errors={e} inputmode="numeric" hint="10 digits, optional" />
        <Field name="practice" label="Practice" value={v.practice} errors={e} />
      </fieldset>
      <fieldset>
        <legend>Contact</legend>
        <Field name="phone" label="Phone" type="tel" value={v.phone} errors={e} inputmode="tel" />
        <Field name="fax" label="Fax" type="tel" value={v.fax} errors={e} inputmode="tel" />
        <Field name="email" label="Email" type="email" value={v.email} errors={e} />
      </fieldset>
    </>
  );
}
