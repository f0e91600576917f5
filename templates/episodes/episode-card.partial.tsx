import { Csrf, type FieldErrors, FormError } from "../components/form";
import { ProgressBar } from "../components/progress-bar";

export interface AuthorizationView {
  id: string;
  payer: string;
  visitsAuthorized: number;
  used: number;
  remaining: number;
  startDate: string;
  endDate: string;
  visitsLow: boolean;
  expiringSoon: boolean;
  expired: boolean;
  daysLeft: number;
}

export interface EpisodeCardView {
  id: string;
  patientId: string;
  region: string;
  diagnosis: string;
  icd10Code: string | null;
  status: "open" | "discharged";
  dischargeReason: string | null;
  dischargedOn: string | null;
  startDate: string;
  referralSource: { id: string; name: string } | null;
  referringPhysician: string | null;
  visitsPrescribed: number;
  frequencyPerWeek: number;
  durationWeeks: number;
  goals: string;
  attended: number;
  progressNoteDue: boolean;
  authorizations: AuthorizationView[];
  /** The discharge satisfaction survey's answer, once the patient has given one. */
  survey?: { summary: string; comment: string | null; followUp: string | null };
}

export type Options = readonly (readonly [string, string])[];

export interface EpisodeCardProps {
  episode: EpisodeCardView;
  csrfToken: string;
  dischargeOptions: Options;
  authErrors?: FieldErrors;
  authValues?: Partial<Record<string, string>>;
  dischargeError?: string;
  notice?: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What needs attention on an authorization, in the words the front desk uses. */
export function authorizationWarnings(a: AuthorizationView): string[] {
  if (a.expired) return ["expired"];
  const out: string[] = [];
  if (a.remaining === 0) out.push("no visits left");
  else if (a.visitsLow) out.push(`${plural(a.remaining, "visit")} left`);
  if (a.expiringSoon) out.push(a.daysLeft === 0 ? "ends today" : `ends in ${plural(a.daysLeft, "day")}`);
  return out;
}

/** One episode of care: plan, visits against plan, authorizations, and the forms that change them. */
export function EpisodeCard(props: EpisodeCardProps) {
  const e = props.episode;
  const base = `/patients/${e.patientId}/episodes/${e.id}`;
  const swap = { "hx-target": `#episode-${e.id}`, "hx-swap": "outerHTML", "hx-indicator": "#loading" } as const;
  return (
    <section class="card episode" id={`episode-${e.id}`} aria-labelledby={`episode-${e.id}-h`}>
      <div class="page-head">
        <h3 id={`episode-${e.id}-h`} tabindex={-1}>
          {e.region}: {e.diagnosis}
          {e.icd10Code && <span class="code"> ({e.icd10Code})</span>}{" "}
          <span class={`badge episode-${e.status}`}>{e.status === "open" ? "open" : "discharged"}</span>
        </h3>
        {e.status === "open" && (
          <a class="button secondary" href={`${base}/edit`}>
            Edit plan of care
          </a>
        )}
      </div>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <ProgressBar id={`plan-${e.id}`} value={e.attended} max={e.visitsPrescribed} text={`${e.attended} of ${e.visitsPrescribed} visits`} />
      {e.progressNoteDue && e.status === "open" && (
        <p class="care-alert" role="status">
          Progress note due (visit {e.attended})
        </p>
      )}
      <dl class="facts">
        <dt>Started</dt>
        <dd>{e.startDate}</dd>
        <dt>Plan of care</dt>
        <dd>
          {plural(e.visitsPrescribed, "visit")}, {e.frequencyPerWeek} a week for {plural(e.durationWeeks, "week")}
        </dd>
        <dt>Goals</dt>
        <dd class="goals">{e.goals || "—"}</dd>
        <dt>Referral source</dt>
        <dd>{e.referralSource ? <a href={`/referrals/${e.referralSource.id}`}>{e.referralSource.name}</a> : "—"}</dd>
        <dt>Referring physician</dt>
        <dd>{e.referringPhysician ?? "—"}</dd>
        {e.status === "discharged" && (
          <>
            <dt>Discharged</dt>
            <dd>
              {e.dischargedOn} ({e.dischargeReason})
            </dd>
            <dt>Satisfaction survey</dt>
            <dd>{e.survey ? `${e.survey.summary}${e.survey.followUp ? `; ${e.survey.followUp}` : ""}` : "not answered"}</dd>
            {e.survey?.comment && (
              <>
                <dt>Survey comment</dt>
                <dd class="goals">{e.survey.comment}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <h4>Authorizations</h4>
      {e.authorizations.length === 0 ? (
        <p class="empty">No authorization on file.</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Payer</th>
              <th scope="col">Used</th>
              <th scope="col">Remaining</th>
              <th scope="col">Dates</th>
              <th scope="col">Attention</th>
            </tr>
          </thead>
          <tbody>
            {e.authorizations.map((a) => (
              <tr>
                <td>{a.payer}</td>
                <td>
                  {a.used} of {a.visitsAuthorized}
                </td>
                <td>{a.remaining}</td>
                <td>
                  {a.startDate} to {a.endDate}
                </td>
                <td>
                  {authorizationWarnings(a).map((w) => (
                    <span class={`badge ${w === "expired" ? "revoked" : "care-warn"}`}>{w}</span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.status === "open" && (
        <>
          <form method="post" action={`${base}/authorizations`} class="inline-form" hx-post={`${base}/authorizations`} {...swap} novalidate>
            <Csrf token={props.csrfToken} />
            <FormError message={props.authErrors?._form} />
            <CardField episodeId={e.id} name="payer" label="Payer" values={props.authValues} errors={props.authErrors} />
            <CardField
              episodeId={e.id}
              name="visitsAuthorized"
              label="Visits authorized"
              type="number"
              values={props.authValues}
              errors={props.authErrors}
            />
            <CardField episodeId={e.id} name="startDate" label="From" type="date" values={props.authValues} errors={props.authErrors} />
            <CardField episodeId={e.id} name="endDate" label="To" type="date" values={props.authValues} errors={props.authErrors} />
            <div class="field">
              <button type="submit">Add authorization</button>
            </div>
          </form>
          <form
            method="post"
            action={`${base}/discharge`}
            class="inline-form"
            hx-post={`${base}/discharge`}
            hx-confirm="Discharge this episode of care?"
            {...swap}
          >
            <Csrf token={props.csrfToken} />
            <div class={props.dischargeError ? "field invalid" : "field"}>
              <label for={`reason-${e.id}`}>Discharge reason</label>
              <select
                id={`reason-${e.id}`}
                name="reason"
                aria-invalid={props.dischargeError ? "true" : undefined}
                aria-describedby={props.dischargeError ? `reason-${e.id}-error` : undefined}
              >
                {props.dischargeOptions.map(([v, t]) => (
                  <option value={v}>{t}</option>
                ))}
              </select>
              {props.dischargeError && (
                <small id={`reason-${e.id}-error`} class="error">
                  {props.dischargeError}
                </small>
              )}
            </div>
            <div class="field">
              <button type="submit" class="secondary">
                Discharge
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

/** A field whose id is unique per episode, since a page may show several cards. */
function CardField(props: {
  episodeId: string;
  name: string;
  label: string;
  type?: string;
  values?: Partial<Record<string, string>>;
  errors?: FieldErrors;
}) {
  const id = `${props.name}-${props.episodeId}`;
  const error = props.errors?.[props.name];
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.values?.[props.name] ?? ""}
        inputmode={props.type === "number" ? "numeric" : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <small id={`${id}-error`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}
