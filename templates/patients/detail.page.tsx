import { Csrf, Field, type FieldErrors, FormError } from "../components/form";
import { Timeline, type TimelineItem } from "../components/timeline";
import type { EpisodeCardView, Options } from "../episodes/episode-card.partial";
import { EpisodesSection } from "../episodes/episodes-section";
import { HepSection, type HepSectionView } from "../hep/program-section.partial";
import { Layout, type LayoutProps } from "../layout";
import { OutcomesSection, type OutcomesSectionView } from "./outcomes.section";

export interface PatientView {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: string;
  phone: string | null;
  email: string | null;
  preferredLanguage: string;
  timeZone: string | null;
  address: string | null;
}

export interface IdentifierView {
  id: string;
  system: string;
  value: string;
}

export interface ConsentView {
  channel: "sms" | "email";
  status: "granted" | "revoked" | null;
  history: { status: string; source: string; at: string }[];
}

export interface AppointmentView {
  id: string;
  when: string;
  therapist: string;
  type: string;
  status: string;
  /** The raw status, for the badge's colour (booked, attended, no_show...). */
  statusKey: string;
}

export interface TaskView {
  id: string;
  title: string;
  type: string;
  dueDate: string;
  overdue: boolean;
  assignee: string | null;
}

/** Care, visits, tasks and history: absent only where a page is re-shown after a form error elsewhere. */
export interface PatientCareView {
  /** The open episodes (or the latest one when none is open), in full. */
  current: EpisodeCardView[];
  other: EpisodeCardView[];
  dischargeOptions: Options;
  upcoming: AppointmentView[];
  past: AppointmentView[];
  /** Past visits not shown (older than the ones listed). */
  pastHidden: number;
  tasks: TaskView[];
  timeline: TimelineItem[];
  timelineLimit: number;
  /** The home exercise program, its adherence and (for therapists) the builder. */
  hep: HepSectionView;
  /** Pain check-ins and questionnaires: the progress chart and the latest responses. */
  outcomes: OutcomesSectionView;
}

export function PatientPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  patient: PatientView;
  identifiers: IdentifierView[];
  consents: ConsentView[];
  care?: PatientCareView;
  identifierErrors?: FieldErrors;
  identifierValues?: { system?: string; value?: string };
}) {
  const p = props.patient;
  const care = props.care;
  return (
    <Layout title={`${p.givenName} ${p.familyName}`} staff={props.staff} active="patients">
      <div class="page-head">
        <h1>
          {p.givenName} {p.familyName}
        </h1>
        <a class="button secondary" href={`/patients/${p.id}/edit`}>
          Edit
        </a>
      </div>
      <section aria-labelledby="profile-h" class="card">
        <h2 id="profile-h">Profile</h2>
        <dl class="facts">
          <dt>Date of birth</dt>
          <dd>{p.dateOfBirth}</dd>
          <dt>Sex</dt>
          <dd>{p.sex}</dd>
          <dt>Mobile phone</dt>
          <dd>{p.phone ?? "—"}</dd>
          <dt>Email</dt>
          <dd>{p.email ?? "—"}</dd>
          <dt>Language</dt>
          <dd>{p.preferredLanguage === "es" ? "Spanish" : "English"}</dd>
          <dt>Time zone</dt>
          <dd>{p.timeZone ?? "Clinic's"}</dd>
          <dt>Address</dt>
          <dd>{p.address ?? "—"}</dd>
        </dl>
      </section>
      {care && <CareSections patientId={p.id} csrfToken={props.staff.csrfToken} care={care} />}
      <section aria-labelledby="consent-h" class="card" id="consents">
        <h2 id="consent-h">Consent to be contacted</h2>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Status</th>
              <th scope="col">History</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {props.consents.map((c) => (
              <tr>
                <td>{c.channel === "sms" ? "Text messages" : "Email"}</td>
                <td>
                  <span class={`badge ${c.status ?? "none"}`}>{c.status ?? "not asked"}</span>
                </td>
                <td>
                  <ul class="plain">
                    {c.history.slice(0, 3).map((h) => (
                      <li>
                        {h.status} ({h.source}) {h.at}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <form method="post" action={`/patients/${p.id}/consents`}>
                    <Csrf token={props.staff.csrfToken} />
                    <input type="hidden" name="channel" value={c.channel} />
                    <input type="hidden" name="status" value={c.status === "granted" ? "revoked" : "granted"} />
                    <button type="submit" class="secondary">
                      {c.status === "granted" ? "Record revoked" : "Record granted"}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="ids-h" class="card" id="identifiers">
        <h2 id="ids-h">Identifiers</h2>
        {props.identifiers.length === 0 ? (
          <p class="empty">No external identifiers.</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span class="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.identifiers.map((i) => (
                <tr>
                  <td>{i.system}</td>
                  <td>{i.value}</td>
                  <td>
                    <form method="post" action={`/patients/${p.id}/identifiers/${i.id}/delete`}>
                      <Csrf token={props.staff.csrfToken} />
                      <button type="submit" class="link">
                        Remove
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action={`/patients/${p.id}/identifiers`} class="inline-form" novalidate>
          <Csrf token={props.staff.csrfToken} />
          <FormError message={props.identifierErrors?._form} />
          <Field name="system" label="System" value={props.identifierValues?.system} errors={props.identifierErrors} hint="e.g. MRN" />
          <Field name="value" label="Value" value={props.identifierValues?.value} errors={props.identifierErrors} />
          <button type="submit">Add identifier</button>
        </form>
      </section>
      {care && (
        <section aria-labelledby="timeline-h" class="card" id="timeline">
          <h2 id="timeline-h">Timeline</h2>
          <Timeline items={care.timeline} limit={care.timelineLimit} />
        </section>
      )}
    </Layout>
  );
}

function CareSections(props: { patientId: string; csrfToken: string; care: PatientCareView }) {
  const { care } = props;
  return (
    <>
      <EpisodesSection
        patientId={props.patientId}
        csrfToken={props.csrfToken}
        current={care.current}
        other={care.other}
        dischargeOptions={care.dischargeOptions}
      />
      <HepSection view={care.hep} csrfToken={props.csrfToken} />
      <OutcomesSection view={care.outcomes} />
      <section aria-labelledby="visits-h" class="card" id="appointments">
        <div class="page-head">
          <h2 id="visits-h">Appointments</h2>
          <a class="button" href={`/schedule/book?patient=${props.patientId}`}>
            Book a visit
          </a>
        </div>
        <h3>Upcoming</h3>
        <AppointmentTable rows={care.upcoming} empty="No upcoming visit." caption="Upcoming visits" />
        <h3>Past</h3>
        <AppointmentTable rows={care.past} empty="No past visit." caption="Past visits" />
        {care.pastHidden > 0 && <p class="hint">and {care.pastHidden} earlier visits.</p>}
      </section>
      <section aria-labelledby="tasks-h" class="card" id="tasks">
        <div class="page-head">
          <h2 id="tasks-h">Open tasks</h2>
          <a href="/worklist">Worklist</a>
        </div>
        {care.tasks.length === 0 ? (
          <p class="empty">No open task for this patient.</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Type</th>
                <th scope="col">Due</th>
                <th scope="col">Assignee</th>
              </tr>
            </thead>
            <tbody>
              {care.tasks.map((t) => (
                <tr>
                  <td>{t.title}</td>
                  <td>{t.type}</td>
                  <td class={t.overdue ? "error" : undefined}>
                    {t.dueDate}
                    {t.overdue && " (overdue)"}
                  </td>
                  <td>{t.assignee ?? "unassigned"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function AppointmentTable(props: { rows: AppointmentView[]; empty: string; caption: string }) {
  if (props.rows.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <table class="list">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Therapist</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((a) => (
          <tr>
            <td>{a.when}</td>
            <td>{a.therapist}</td>
            <td>{a.type}</td>
            <td>
              <span class={`badge visit-${a.statusKey}`}>{a.status}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
