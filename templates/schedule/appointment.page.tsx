import { Layout, type LayoutProps } from "../layout";
import { longDate, StatusBadge, statusLabels, typeLabels } from "./labels";

export interface ChangeView {
  /** Clinic-local "2026-12-01 10:00" for the change and the visit times. */
  at: string;
  who: string;
  fromStatus: string | null;
  toStatus: string;
  from: string | null;
  to: string;
}

function describe(ch: ChangeView): string {
  const label = (s: string) => statusLabels[s] ?? s;
  if (ch.fromStatus === null) return `Booked for ${ch.to}`;
  if (ch.fromStatus !== ch.toStatus) return `${label(ch.fromStatus)} → ${label(ch.toStatus)}`;
  return `Moved from ${ch.from ?? "?"} to ${ch.to}`;
}

/** One visit and every change to it: status and time, who made it and when. */
export function AppointmentPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  visit: {
    date: string;
    startTime: string;
    endTime: string;
    patientId: string;
    patientName: string;
    therapistName: string;
    type: string;
    status: string;
    cancelReason: string | null;
    outsideAvailability: boolean;
    scheduleHref: string;
  };
  changes: ChangeView[];
}) {
  const v = props.visit;
  return (
    <Layout title="Visit" staff={props.staff} active="schedule">
      <div class="page-head">
        <h1>
          Visit of <a href={`/patients/${v.patientId}`}>{v.patientName}</a>
        </h1>
        <a href={v.scheduleHref}>Back to the schedule</a>
      </div>
      <dl class="facts card">
        <dt>When</dt>
        <dd>
          {longDate(v.date)}, {v.startTime}–{v.endTime}
          {v.outsideAvailability && " (booked outside the therapist's hours)"}
        </dd>
        <dt>Therapist</dt>
        <dd>{v.therapistName}</dd>
        <dt>Type</dt>
        <dd>{typeLabels[v.type] ?? v.type}</dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={v.status} />
          {v.cancelReason && ` ${v.cancelReason}`}
        </dd>
      </dl>
      <h2>History</h2>
      <table class="list">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {props.changes.map((ch) => (
            <tr>
              <td>{ch.at}</td>
              <td>{ch.who}</td>
              <td>{describe(ch)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
