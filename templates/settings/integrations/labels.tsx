import type { FieldErrors } from "../../components/form";

// Words for the values the routes pass in (the values themselves come from the tables, not from here).

const kindLabels: Record<string, string> = { ehr: "EHR", crm: "CRM" };
const schemeLabels: Record<string, string> = {
  standard_webhooks: "Standard Webhooks (webhook-signature header)",
  hub_signature: "X-Hub-Signature: sha256=… (as athenahealth sends)",
  medplum: "X-Signature (Medplum)",
};
const eventLabels: Record<string, string> = {
  "patient.at_risk": "Patient at risk of dropping out",
  "patient.lapsed": "Patient lapsed (no visit for a while)",
  "episode.discharged": "Episode of care discharged",
  "survey.answered": "Survey answered",
  "appointment.confirmed": "Visit confirmed",
  "appointment.cancelled": "Visit cancelled",
};
const scopeLabels: Record<string, string> = {
  "fhir:read": "fhir:read — read patients, visits and outcomes as FHIR R4 (/fhir/R4)",
  "api:read": "api:read — read the JSON API (/api/v1)",
  "api:write": "api:write — change data through the JSON API (/api/v1)",
};
const deliveryStatusLabels: Record<string, string> = {
  accepted: "Accepted (waiting to be processed)",
  processed: "Processed",
  skipped: "Skipped",
  failed: "Failed",
};
// Colours shared with the visit and task badges: green done, amber waiting, red failed, grey skipped.
const deliveryStatusClasses: Record<string, string> = {
  accepted: "badge visit-booked",
  processed: "badge task-done",
  skipped: "badge",
  failed: "badge visit-no_show",
};

export const kindLabel = (v: string) => kindLabels[v] ?? v;
export const schemeLabel = (v: string) => schemeLabels[v] ?? v;
export const eventLabel = (v: string) => eventLabels[v] ?? v;
export const scopeLabel = (v: string) => scopeLabels[v] ?? v;
export const deliveryStatusLabel = (v: string) => deliveryStatusLabels[v] ?? v;

export function DeliveryStatusBadge({ status }: { status: string }) {
  // The badge says the same word as the filter, without the filter's explanation.
  const word = deliveryStatusLabel(status).replace(/ \(.*\)$/, "");
  return <span class={deliveryStatusClasses[status] ?? "badge"}>{word}</span>;
}

/** Checkboxes under one legend, with the group's error beside them. */
export function CheckGroup(props: {
  legend: string;
  name: string;
  options: readonly string[];
  field: (value: string) => string;
  label: (value: string) => string;
  checked: readonly string[];
  errors?: FieldErrors;
  hint?: string;
}) {
  const error = props.errors?.[props.name];
  const id = `f-${props.name}`;
  return (
    <fieldset class={error ? "invalid" : undefined} aria-describedby={error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}>
      <legend>{props.legend}</legend>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.options.map((o) => (
        <label class="check">
          <input type="checkbox" name={props.field(o)} checked={props.checked.includes(o)} /> {props.label(o)}
        </label>
      ))}
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </fieldset>
  );
}

/** The outbound part of an integration: where to send, and which journey events. */
export function OutboundFields(props: {
  eventTypes: readonly string[];
  deliveryUrl: string;
  subscribedEvents: readonly string[];
  errors?: FieldErrors;
  allowLocalHttp: boolean;
}) {
  const error = props.errors?.deliveryUrl;
  return (
    <>
      <div class={error ? "field invalid" : "field"}>
        <label for="f-deliveryUrl">Send events to (delivery URL)</label>
        <input
          id="f-deliveryUrl"
          name="deliveryUrl"
          type="url"
          value={props.deliveryUrl}
          inputmode="url"
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? "f-deliveryUrl-hint f-deliveryUrl-error" : "f-deliveryUrl-hint"}
        />
        <small id="f-deliveryUrl-hint" class="hint">
          {props.allowLocalHttp
            ? "https:// address (http://localhost allowed while developing). Empty: nothing is sent."
            : "https:// address. Empty: nothing is sent."}{" "}
          Each event is signed with the Standard Webhooks scheme using this integration's secret.
        </small>
        {error && (
          <small id="f-deliveryUrl-error" class="error">
            {error}
          </small>
        )}
      </div>
      <CheckGroup
        legend="Events to send"
        name="subscribedEvents"
        options={props.eventTypes}
        field={(t) => `event_${t}`}
        label={(t) => `${eventLabel(t)} (${t})`}
        checked={props.subscribedEvents}
        errors={props.errors}
      />
    </>
  );
}
