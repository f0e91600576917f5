import { Csrf, Field, type FieldErrors, FormError, Notice } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { SettingsNav } from "./nav";

export function ClinicSettingsPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  values: Partial<Record<string, string | number | null>>;
  errors?: FieldErrors;
  saved?: boolean;
}) {
  const v = (k: string) => (props.values[k] === undefined || props.values[k] === null ? "" : String(props.values[k]));
  return (
    <Layout title="Clinic settings" staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="clinic" />
      {props.saved && <Notice>Saved.</Notice>}
      {props.errors && <FormError message="Please correct the fields marked below. Nothing was saved." />}
      <form method="post" action="/settings" class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Clinic</legend>
          <Field name="name" label="Name" value={v("name")} errors={props.errors} required />
          <Field
            name="timeZone"
            label="Time zone"
            value={v("timeZone")}
            errors={props.errors}
            required
            hint="IANA name, e.g. America/New_York"
          />
          <Field name="phone" label="Phone" type="tel" value={v("phone")} errors={props.errors} />
        </fieldset>
        <fieldset>
          <legend>Staff sessions</legend>
          <Field
            name="sessionIdleMinutes"
            label="Sign out after idle (minutes)"
            type="number"
            value={v("sessionIdleMinutes")}
            errors={props.errors}
          />
          <Field
            name="sessionAbsoluteHours"
            label="Sign out after (hours) at most"
            type="number"
            value={v("sessionAbsoluteHours")}
            errors={props.errors}
          />
        </fieldset>
        <fieldset>
          <legend>Patient links</legend>
          <Field
            name="reminderLinkDays"
            label="A reminder's link works for (days)"
            type="number"
            value={v("reminderLinkDays")}
            errors={props.errors}
            hint="1 to 30. Patients open their portal from it; after that they need a newer message."
          />
        </fieldset>
        <fieldset>
          <legend>Reviews</legend>
          <Field
            name="reviewUrl"
            label="Review page address (optional)"
            type="url"
            value={v("reviewUrl")}
            errors={props.errors}
            hint="Your Google or Yelp review page, starting with https://. Patients who rate you 9 or 10 in the discharge survey get a link to it; leave blank to ask for no reviews."
          />
        </fieldset>
        <div class="actions">
          <button type="submit">Save</button>
        </div>
      </form>
    </Layout>
  );
}
