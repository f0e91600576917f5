import { Csrf, Field, type FieldErrors, FormError, Select } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { weekdayShort } from "./labels";
import { PatientPicker, type PickerProps } from "./patient-picker";

export interface WaitlistEntryView {
  id: string;
  patientId: string;
  patientName: string;
  days: string;
  from: string;
  to: string;
  therapistName: string | null;
  note: string | null;
  since: string;
}

export interface WaitlistValues {
  weekdays: string[];
  from?: string;
  to?: string;
  therapistId?: string;
  note?: string;
}

/** Patients who want an earlier slot, and a form to add one. */
export function WaitlistPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  entries: WaitlistEntryView[];
  picker: PickerProps;
  therapists: { id: string; name: string }[];
  values: WaitlistValues;
  errors?: FieldErrors;
}) {
  const csrf = props.staff.csrfToken;
  return (
    <Layout title="Waitlist" staff={props.staff} active="schedule">
      <div class="page-head">
        <h1>Waitlist</h1>
        <a href="/schedule">Back to the schedule</a>
      </div>
      {props.entries.length === 0 ? (
        <p class="empty">Nobody is waiting.</p>
      ) : (
        <table class="list waitlist">
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Days</th>
              <th scope="col">Times</th>
              <th scope="col">Therapist</th>
              <th scope="col">Note</th>
              <th scope="col">Waiting since</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((w) => (
              <tr>
                <td>
                  <a href={`/patients/${w.patientId}`}>{w.patientName}</a>
                </td>
                <td>{w.days}</td>
                <td>
                  {w.from}–{w.to}
                </td>
                <td>{w.therapistName ?? "Any"}</td>
                <td>{w.note}</td>
                <td>{w.since}</td>
                <td>
                  <form method="post" action={`/schedule/waitlist/${w.id}/remove`}>
                    <Csrf token={csrf} />
                    <button type="submit" class="secondary" aria-label={`Remove ${w.patientName} from the waitlist`}>
                      Remove
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 id="add">Add to the waitlist</h2>
      <AddForm {...props} />
    </Layout>
  );
}

function AddForm(props: Parameters<typeof WaitlistPage>[0]) {
  const e = props.errors ?? {};
  const v = props.values;
  const therapistOptions: [string, string][] = [["", "Any therapist"], ...props.therapists.map((t): [string, string] => [t.id, t.name])];
  return (
    <>
      {Object.keys(e).length > 0 && <FormError message={e._form ?? "Please correct the fields marked below. Nothing was added."} />}
      <PatientPicker {...props.picker} error={e.patientId} />
      {props.picker.chosen && (
        <form method="post" action="/schedule/waitlist" class="grid-form" novalidate>
          <Csrf token={props.staff.csrfToken} />
          <input type="hidden" name="patientId" value={props.picker.chosen.id} />
          <fieldset aria-describedby={e.weekdays ? "f-weekdays-error" : undefined}>
            <legend>Days the patient can come</legend>
            {weekdayShort.map((name, i) => (
              <label class="check">
                <input type="checkbox" name="weekdays" value={String(i + 1)} checked={v.weekdays.includes(String(i + 1))} /> {name}
              </label>
            ))}
            {e.weekdays && (
              <small id="f-weekdays-error" class="error">
                {e.weekdays}
              </small>
            )}
          </fieldset>
          <fieldset>
            <legend>Times and therapist</legend>
            <Field name="from" label="Earliest start" type="time" value={v.from ?? "08:00"} errors={e} required />
            <Field name="to" label="Latest end" type="time" value={v.to ?? "17:00"} errors={e} required />
            <Select name="therapistId" label="Therapist" value={v.therapistId} options={therapistOptions} errors={e} />
            <Field name="note" label="Note" value={v.note} errors={e} />
          </fieldset>
          <div class="actions">
            <button type="submit">Add to the waitlist</button>
          </div>
        </form>
      )}
    </>
  );
}
