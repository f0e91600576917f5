import { Csrf, Field, type FieldErrors, FormError, Notice } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { SettingsNav } from "./nav";
import { TemplatePreview, type TemplatePreviewView } from "./template-preview.partial";

type Staff = NonNullable<LayoutProps["staff"]>;
type Values = Partial<Record<string, string>>;

const purposeLabels: Record<string, string> = {
  referral_first_contact: "Referral: first contact",
  referral_follow_up: "Referral: follow-up",
  visit_reminder: "Visit reminder",
  missed_visit_outreach: "Missed visit",
  at_risk_outreach: "At-risk outreach",
  reactivation: "Reactivation (lapsed patients)",
  discharge_survey: "Discharge survey",
  review_request: "Review request (to promoters; {{link}} is your review page)",
  alumni_check_in: "Alumni check-in",
  reschedule_link: "Reschedule link (answer to R)",
  stop_confirmation: "STOP confirmation",
  start_confirmation: "START confirmation",
  help: "HELP answer",
  staff_reply: "Staff reply",
};
export const purposeLabel = (purpose: string) => purposeLabels[purpose] ?? purpose.replaceAll("_", " ");
const languageLabel = (l: string) => (l === "es" ? "Spanish" : "English");
const channelLabel = (c: string) => (c === "sms" ? "Text (SMS)" : "Email");

export interface TemplateVariantView {
  language: string;
  channel: string;
  subject: string;
  body: string;
  custom: boolean;
  href: string;
}

interface Section {
  values: Values;
  errors?: FieldErrors;
}

const journeySwitches = [
  ["referralOutreach", "Referral outreach"],
  ["visitReminders", "Visit reminders"],
  ["atRiskOutreach", "At-risk outreach"],
  ["reactivation", "Reactivation of lapsed patients"],
  ["dischargeSurvey", "Discharge survey"],
  ["alumniCheckIns", "Alumni check-ins"],
] as const;

/** Settings -> Messages: the clinic's text number, sending rules, journey timings and every template. */
export function MessageSettingsPage(props: {
  staff: Staff;
  notice?: string;
  smsNumber: Section;
  rules: Section;
  journey: Section;
  groups: { purpose: string; variants: TemplateVariantView[] }[];
}) {
  const { smsNumber, rules, journey } = props;
  const anyError = [smsNumber, rules, journey].some((s) => s.errors && Object.keys(s.errors).length > 0);
  return (
    <Layout title="Message settings" staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="messages" />
      {props.notice && <Notice>{props.notice}</Notice>}
      {anyError && <FormError message="Please correct the fields marked below. Nothing was saved." />}

      <form method="post" action="/settings/messages/sms-number" class="grid-form settings-section" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Text number</legend>
          <Field
            name="smsNumber"
            label="Clinic SMS number"
            type="tel"
            value={smsNumber.values.smsNumber}
            errors={smsNumber.errors}
            hint="E.164, e.g. +14135550177. Patients' texts to this number come to this clinic's inbox. Empty: no texting."
          />
        </fieldset>
        <div class="actions">
          <button type="submit">Save number</button>
        </div>
      </form>

      <form method="post" action="/settings/messages/rules" class="grid-form settings-section" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Sending rules</legend>
          <Field
            name="quietFrom"
            label="Send from"
            type="time"
            value={rules.values.quietFrom}
            errors={rules.errors}
            hint="Outside these hours (the patient's time zone) messages wait: quiet hours"
          />
          <Field name="quietTo" label="Send until" type="time" value={rules.values.quietTo} errors={rules.errors} />
          <Field
            name="automatedPerDay"
            label="Automated messages per patient per day"
            type="number"
            value={rules.values.automatedPerDay}
            errors={rules.errors}
          />
          <Field
            name="automatedPerWeek"
            label="Automated messages per patient per week"
            type="number"
            value={rules.values.automatedPerWeek}
            errors={rules.errors}
          />
          <Field
            name="remindersPerDay"
            label="Visit reminders per patient per day"
            type="number"
            value={rules.values.remindersPerDay}
            errors={rules.errors}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">Save rules</button>
        </div>
      </form>

      <form method="post" action="/settings/messages/journey" class="grid-form settings-section" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Journey messages on or off</legend>
          {journeySwitches.map(([key, text]) => (
            <label class="check">
              <input type="checkbox" name={`enabled_${key}`} checked={journey.values[`enabled_${key}`] === "on"} /> {text}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Journey timings</legend>
          <Field
            name="referralFirstContactMinutes"
            label="First contact after a referral (minutes)"
            type="number"
            value={journey.values.referralFirstContactMinutes}
            errors={journey.errors}
            hint="Within business hours"
          />
          <Field
            name="referralFollowUpDays"
            label="Referral follow-ups (days)"
            value={journey.values.referralFollowUpDays}
            errors={journey.errors}
            hint="Comma-separated, e.g. 2, 4, 7"
          />
          <Field
            name="remindersHoursBefore"
            label="Visit reminders (hours before)"
            value={journey.values.remindersHoursBefore}
            errors={journey.errors}
            hint="Up to 4, e.g. 48, 2"
          />
          <Field
            name="lapseAfterDays"
            label="Lapsed after (days without a visit)"
            type="number"
            value={journey.values.lapseAfterDays}
            errors={journey.errors}
          />
          <Field
            name="reactivationDays"
            label="Reactivation messages (days after lapsing)"
            value={journey.values.reactivationDays}
            errors={journey.errors}
            hint="Comma-separated, e.g. 0, 7, 21"
          />
          <Field
            name="surveyAfterDischargeHours"
            label="Survey after discharge (hours)"
            type="number"
            value={journey.values.surveyAfterDischargeHours}
            errors={journey.errors}
          />
          <Field
            name="alumniAfterDischargeDays"
            label="Alumni after discharge (days)"
            type="number"
            value={journey.values.alumniAfterDischargeDays}
            errors={journey.errors}
          />
          <Field
            name="alumniCheckInDays"
            label="Alumni check-ins (days)"
            value={journey.values.alumniCheckInDays}
            errors={journey.errors}
            hint="Comma-separated, e.g. 30, 90, 180"
          />
        </fieldset>
        <div class="actions">
          <button type="submit">Save journey</button>
        </div>
      </form>

      <h2 id="templates">Templates</h2>
      <p class="hint">Each message in English and Spanish, by text and by email. Text messages never carry clinical detail: only a link.</p>
      {props.groups.map((g) => (
        <section class="card template-group" aria-labelledby={`tpl-${g.purpose}`}>
          <h3 id={`tpl-${g.purpose}`}>{purposeLabel(g.purpose)}</h3>
          <table class="list templates">
            <tbody>
              {g.variants.map((v) => (
                <tr>
                  <th scope="row">
                    {languageLabel(v.language)}, {channelLabel(v.channel)}
                  </th>
                  <td class="template-text">
                    {v.channel === "email" && <strong>{v.subject} </strong>}
                    {v.body}
                  </td>
                  <td>{v.custom ? <span class="badge custom">Custom</span> : <span class="muted">Default</span>}</td>
                  <td>
                    <a
                      href={v.href}
                      aria-label={`Edit ${purposeLabel(g.purpose)}, ${languageLabel(v.language)}, ${channelLabel(v.channel)}`}
                    >
                      Edit
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Layout>
  );
}

/** One template: edit with a live preview; save checks placeholders, length and (SMS) clinical words. */
export function TemplateEditPage(props: {
  staff: Staff;
  purpose: string;
  language: string;
  channel: "sms" | "email";
  action: string;
  values: { subject: string; body: string };
  errors?: FieldErrors;
  custom: boolean;
  defaults: { subject: string; body: string };
  preview: TemplatePreviewView;
  notice?: string;
}) {
  const e = props.errors ?? {};
  const title = `${purposeLabel(props.purpose)} · ${languageLabel(props.language)} · ${channelLabel(props.channel)}`;
  return (
    <Layout title={`Template: ${title}`} staff={props.staff} active="settings">
      <p>
        <a href="/settings/messages#templates">← Message settings</a>
      </p>
      <h1>{title}</h1>
      <p class="hint">
        {props.custom ? "This clinic's own wording." : "The default wording."} Placeholders:{" "}
        {"{{firstName}} {{clinicName}} {{clinicPhone}}"} {"{{date}} {{time}} {{link}} {{text}}"}.
      </p>
      {props.notice && <Notice>{props.notice}</Notice>}
      {Object.keys(e).length > 0 && <FormError message="Please correct the fields marked below. Nothing was saved." />}
      <div class="template-editor">
        <form
          method="post"
          action={props.action}
          hx-post="/settings/messages/preview"
          hx-trigger="input changed delay:300ms"
          hx-target="#template-preview"
          hx-swap="outerHTML"
          hx-indicator="#loading"
          novalidate
        >
          <Csrf token={props.staff.csrfToken} />
          <input type="hidden" name="purpose" value={props.purpose} />
          <input type="hidden" name="language" value={props.language} />
          <input type="hidden" name="channel" value={props.channel} />
          {props.channel === "email" && <Field name="subject" label="Subject" value={props.values.subject} errors={e} required />}
          <div class={e.body ? "field wide invalid" : "field wide"}>
            <label for="f-body">Message</label>
            <textarea
              id="f-body"
              name="body"
              rows={6}
              required
              aria-invalid={e.body ? "true" : undefined}
              aria-describedby={e.body ? "f-body-hint f-body-error" : "f-body-hint"}
            >
              {props.values.body}
            </textarea>
            <small id="f-body-hint" class="hint">
              1 to 640 characters.
              {props.channel === "sms" && " Text messages must not carry clinical detail (minimum necessary): no diagnosis or body part."}
            </small>
            {e.body && (
              <small id="f-body-error" class="error">
                {e.body}
              </small>
            )}
          </div>
          <div class="actions">
            <button type="submit">Save template</button>
          </div>
        </form>
        <TemplatePreview {...props.preview} />
      </div>
      {props.custom && (
        <form method="post" action={`${props.action}/reset`} class="inline-form">
          <Csrf token={props.staff.csrfToken} />
          <button type="submit" class="secondary">
            Reset to default
          </button>
          <span class="hint">
            Default: {props.channel === "email" && `“${props.defaults.subject}” `}
            {props.defaults.body}
          </span>
        </form>
      )}
    </Layout>
  );
}
