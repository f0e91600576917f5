import { Layout, type LayoutProps } from "../layout";
import type { ReferralSourceRowView } from "./list.page";

export interface ReferredPatientView {
  episodeId: string;
  patientId: string;
  patientName: string;
  region: string;
  startDate: string;
  status: string;
  attended: number;
}

/** One referral source: contact details, its counts and every patient it sent. */
export function ReferralDetailPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  source: ReferralSourceRowView;
  patients: ReferredPatientView[];
}) {
  const s = props.source;
  return (
    <Layout title={s.name} staff={props.staff} active="referrals">
      <p>
        <a href="/referrals">← Referral sources</a>
      </p>
      <div class="page-head">
        <h1>{s.name}</h1>
        <a class="button secondary" href={`/referrals/${s.id}/edit`}>
          Edit
        </a>
      </div>
      <section aria-labelledby="source-h" class="card">
        <h2 id="source-h">Details</h2>
        <dl class="facts">
          <dt>Kind</dt>
          <dd>{s.kind}</dd>
          <dt>NPI</dt>
          <dd>{s.npi ?? "—"}</dd>
          <dt>Practice</dt>
          <dd>{s.practice ?? "—"}</dd>
          <dt>Phone</dt>
          <dd>{s.phone ?? "—"}</dd>
          <dt>Fax</dt>
          <dd>{s.fax ?? "—"}</dd>
          <dt>Email</dt>
          <dd>{s.email ?? "—"}</dd>
          <dt>Referred</dt>
          <dd data-stat="referred">{s.referred}</dd>
          <dt>Converted to a first visit</dt>
          <dd data-stat="converted">{s.converted}</dd>
          <dt>Completed</dt>
          <dd data-stat="completed">{s.completed}</dd>
        </dl>
      </section>
      <section aria-labelledby="patients-h" class="card">
        <h2 id="patients-h">Patients referred</h2>
        {props.patients.length === 0 ? (
          <p class="empty">No patient from this source yet.</p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Episode</th>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Visits attended
                </th>
              </tr>
            </thead>
            <tbody>
              {props.patients.map((p) => (
                <tr>
                  <td>
                    <a href={`/patients/${p.patientId}`}>{p.patientName}</a>
                  </td>
                  <td>{p.region}</td>
                  <td>{p.startDate}</td>
                  <td>{p.status}</td>
                  <td class="num">{p.attended}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
