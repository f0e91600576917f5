import { Csrf, Field, type FieldErrors, FormError, Select } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import type { Options } from "./episode-card.partial";

export type EpisodeFormValues = Partial<Record<string, string | null>>;

/** Start an episode of care, or change its plan of care: one form, errors beside the fields. */
export function EpisodeFormPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  mode: "new" | "edit";
  action: string;
  patient: { id: string; name: string };
  values: EpisodeFormValues;
  regionOptions: Options;
  referralSourceOptions: Options;
  errors?: FieldErrors;
}) {
  const e = props.errors;
  const v = props.values;
  const title = props.mode === "new" ? "Start episode of care" : "Edit plan of care";
  const goalsError = e?.goals;
  return (
    <Layout title={`${title} · ${props.patient.name}`} staff={props.staff} active="patients">
      <p>
        <a href={`/patients/${props.patient.id}`}>← {props.patient.name}</a>
      </p>
      <h1>{title}</h1>
      {e && Object.keys(e).length > 0 && <FormError message={e._form ?? "Please correct the fields marked below. Nothing was saved."} />}
      <form method="post" action={props.action} class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Diagnosis</legend>
          <Select name="bodyRegion" label="Body region" value={v.bodyRegion ?? "low_back"} options={props.regionOptions} errors={e} />
          <Field name="diagnosis" label="Diagnosis" value={v.diagnosis} errors={e} required />
          <Field name="icd10Code" label="ICD-10 code" value={v.icd10Code} errors={e} hint="Optional, e.g. M54.5 or S83.511A" />
          <Field name="startDate" label="Start date" type="date" value={v.startDate} errors={e} required />
        </fieldset>
        <fieldset>
          <legend>Referral</legend>
          <Select
            name="referralSourceId"
            label="Referral source"
            value={v.referralSourceId ?? ""}
            options={[["", "None"], ...props.referralSourceOptions]}
            errors={e}
          />
          <Field name="referringPhysician" label="Referring physician" value={v.referringPhysician} errors={e} hint="Optional" />
          <p class="hint">
            Not in the list? <a href="/referrals">Add a referral source</a>.
          </p>
        </fieldset>
        <fieldset>
          <legend>Plan of care</legend>
          <Field
            name="visitsPrescribed"
            label="Visits prescribed"
            type="number"
            value={v.visitsPrescribed}
            errors={e}
            required
            hint="1 to 100"
            inputmode="numeric"
          />
          <Field
            name="frequencyPerWeek"
            label="Visits per week"
            type="number"
            value={v.frequencyPerWeek}
            errors={e}
            required
            hint="1 to 7"
            inputmode="numeric"
          />
          <Field
            name="durationWeeks"
            label="Duration in weeks"
            type="number"
            value={v.durationWeeks}
            errors={e}
            required
            hint="1 to 52"
            inputmode="numeric"
          />
          <div class={goalsError ? "field wide invalid" : "field wide"}>
            <label for="f-goals">Goals</label>
            <textarea
              id="f-goals"
              name="goals"
              rows={4}
              aria-invalid={goalsError ? "true" : undefined}
              aria-describedby={goalsError ? "f-goals-error" : undefined}
            >
              {v.goals ?? ""}
            </textarea>
            {goalsError && (
              <small id="f-goals-error" class="error">
                {goalsError}
              </small>
            )}
          </div>
        </fieldset>
        <div class="actions">
          <button type="submit">{props.mode === "new" ? "Start episode" : "Save plan of care"}</button>
          <a href={`/patients/${props.patient.id}`}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
