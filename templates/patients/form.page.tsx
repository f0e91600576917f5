import { Csrf, Field, type FieldErrors, FormError, Select } from "../components/form";
import { Layout, type LayoutProps } from "../layout";

export type PatientFormValues = Partial<Record<string, string | null>>;

const sexOptions = [
  ["female", "Female"],
  ["male", "Male"],
  ["other", "Other"],
  ["unknown", "Unknown"],
] as const;
const languageOptions = [
  ["en", "English"],
  ["es", "Spanish"],
] as const;

/** New and edit share one form; errors sit beside their fields and nothing is saved until all pass. */
export function PatientFormPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  mode: "new" | "edit";
  action: string;
  values: PatientFormValues;
  errors?: FieldErrors;
}) {
  const e = props.errors;
  const title = props.mode === "new" ? "New patient" : "Edit patient";
  return (
    <Layout title={title} staff={props.staff} active="patients">
      <h1>{title}</h1>
      {e && Object.keys(e).length > 0 && <FormError message="Please correct the fields marked below. Nothing was saved." />}
      <form method="post" action={props.action} class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Name and birth</legend>
          <Field name="givenName" label="First name" value={props.values.givenName} errors={e} required autocomplete="off" />
          <Field name="familyName" label="Last name" value={props.values.familyName} errors={e} required autocomplete="off" />
          <Field name="dateOfBirth" label="Date of birth" type="date" value={props.values.dateOfBirth} errors={e} required />
          <Select name="sex" label="Sex" value={props.values.sex ?? "unknown"} options={sexOptions} errors={e} />
        </fieldset>
        <fieldset>
          <legend>Contact</legend>
          <Field name="phone" label="Mobile phone" type="tel" value={props.values.phone} errors={e} inputmode="tel" />
          <Field name="email" label="Email" type="email" value={props.values.email} errors={e} />
          <Select
            name="preferredLanguage"
            label="Preferred language"
            value={props.values.preferredLanguage ?? "en"}
            options={languageOptions}
            errors={e}
          />
          <Field name="timeZone" label="Time zone" value={props.values.timeZone} errors={e} hint="Leave empty to use the clinic's" />
        </fieldset>
        <fieldset>
          <legend>Address</legend>
          <Field name="addressLine1" label="Address line 1" value={props.values.addressLine1} errors={e} />
          <Field name="addressLine2" label="Address line 2" value={props.values.addressLine2} errors={e} />
          <Field name="city" label="City" value={props.values.city} errors={e} />
          <Field name="region" label="State" value={props.values.region} errors={e} />
          <Field name="postalCode" label="ZIP code" value={props.values.postalCode} errors={e} />
          <Field name="country" label="Country" value={props.values.country ?? "US"} errors={e} hint="Two letters, e.g. US" />
        </fieldset>
        {props.mode === "new" && (
          <fieldset>
            <legend>Consent to be contacted</legend>
            <label class="check">
              <input type="checkbox" name="smsConsent" checked={props.values.smsConsent === "on"} /> Text messages (SMS)
            </label>
            <label class="check">
              <input type="checkbox" name="emailConsent" checked={props.values.emailConsent === "on"} /> Email
            </label>
          </fieldset>
        )}
        <div class="actions">
          <button type="submit">{props.mode === "new" ? "Create patient" : "Save changes"}</button>
          <a href={props.mode === "new" ? "/patients" : props.action}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
