import { Csrf, Field, type FieldErrors, FormError, Select } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { typeOptions } from "./labels";
import { PatientPicker, type PickerProps } from "./patient-picker";

export type BookingValues = Partial<Record<string, string>>;

/** Book a visit: patient, therapist, optional episode, when, how long, what kind; errors beside fields. */
export function BookPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  picker: PickerProps;
  therapists: { id: string; name: string }[];
  episodes: { id: string; label: string }[];
  values: BookingValues;
  errors?: FieldErrors;
}) {
  const v = props.values;
  const e = props.errors ?? {};
  const summary = e._form ?? (Object.keys(e).length > 0 ? "Please correct the fields marked below. Nothing was booked." : undefined);
  const therapistOptions: [string, string][] = [
    ["", "Choose a therapist"],
    ...props.therapists.map((t): [string, string] => [t.id, t.name]),
  ];
  const episodeOptions: [string, string][] = [["", "No episode"], ...props.episodes.map((x): [string, string] => [x.id, x.label])];
  return (
    <Layout title="Book a visit" staff={props.staff} active="schedule">
      <h1>Book a visit</h1>
      <FormError message={summary} />
      <PatientPicker {...props.picker} error={e.patientId} />
      {props.picker.chosen && (
        <form method="post" action="/schedule/book" class="grid-form" novalidate>
          <Csrf token={props.staff.csrfToken} />
          <input type="hidden" name="patientId" value={props.picker.chosen.id} />
          {v.waitlistEntryId && <input type="hidden" name="waitlistEntryId" value={v.waitlistEntryId} />}
          <fieldset>
            <legend>Visit</legend>
            <Select name="therapistId" label="Therapist" value={v.therapistId} options={therapistOptions} errors={e} />
            <Select name="episodeId" label="Episode of care" value={v.episodeId} options={episodeOptions} errors={e} />
            <Select name="type" label="Visit type" value={v.type ?? "follow_up"} options={typeOptions} errors={e} />
          </fieldset>
          <fieldset>
            <legend>When</legend>
            <Field name="date" label="Date" type="date" value={v.date} errors={e} required />
            <Field name="time" label="Start time" type="time" value={v.time} errors={e} required hint="Clinic local time" />
            <Field
              name="durationMinutes"
              label="Length in minutes"
              type="number"
              value={v.durationMinutes ?? "45"}
              errors={e}
              required
              inputmode="numeric"
            />
            <div class={e.override ? "field invalid" : "field"}>
              <label class="check" for="f-override">
                <input
                  id="f-override"
                  type="checkbox"
                  name="override"
                  checked={v.override === "on"}
                  aria-describedby={e.override ? "f-override-error" : undefined}
                />
                Book outside the therapist's hours
              </label>
              {e.override && (
                <small id="f-override-error" class="error">
                  {e.override}
                </small>
              )}
            </div>
          </fieldset>
          <div class="actions">
            <button type="submit">Book visit</button>
            <a href="/schedule">Cancel</a>
          </div>
        </form>
      )}
    </Layout>
  );
}
