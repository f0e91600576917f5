import { Layout, type LayoutProps } from "../layout";
import { taskTypeLabel } from "../worklist/labels";

export interface TodayVisit {
  id: string;
  time: string;
  patient: { id: string; name: string };
  therapist: string;
  type: string;
  status: string;
}

export interface TodayTask {
  id: string;
  type: string;
  title: string;
  patient: { id: string; name: string } | null;
  assigneeName: string | null;
  dueDate: string;
  overdue: boolean;
}

export interface TodayCounts {
  visits: number;
  notConfirmed: number;
  confirmed: number;
  arrived: number;
  attended: number;
  noShows: number;
  cancellations: number;
  tasksDue: number;
  tasksOverdue: number;
  unbooked: number;
}

const visitTypes: Record<string, string> = {
  evaluation: "Evaluation",
  follow_up: "Follow-up",
  re_evaluation: "Re-evaluation",
  discharge: "Discharge visit",
};

/** The status as the front desk reads it: a booked visit shows that nobody has confirmed it yet. */
const visitStatuses: Record<string, string> = {
  booked: "Booked, not confirmed",
  confirmed: "Confirmed",
  arrived: "Checked in",
  attended: "Attended",
  no_show: "No-show",
  cancelled: "Cancelled",
};

export function TodayPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  greeting: string;
  dateLabel: string;
  today: string;
  counts: TodayCounts;
  visits: TodayVisit[];
  tasks: TodayTask[];
  unbooked: { id: string; name: string }[];
}) {
  const c = props.counts;
  const scheduleHref = `/schedule?date=${props.today}`;
  const stats: [string, string, number][] = [
    ["visits", "Visits today", c.visits],
    ["confirmed", "Confirmed", c.confirmed],
    ["not-confirmed", "Not confirmed", c.notConfirmed],
    ["arrived", "Checked in", c.arrived],
    ["attended", "Attended", c.attended],
    ["no-shows", "No-shows", c.noShows],
    ["cancellations", "Cancellations", c.cancellations],
    ["tasks-due", "Tasks due or overdue", c.tasksDue],
    ["unbooked", "Open episodes, no next visit", c.unbooked],
  ];
  return (
    <Layout title="Today" staff={props.staff} active="today">
      <div class="page-head">
        <h1>{props.greeting}</h1>
        <p class="today-date">
          <time datetime={props.today}>{props.dateLabel}</time>
        </p>
      </div>
      <section aria-labelledby="counts-h">
        <h2 id="counts-h" class="visually-hidden">
          At a glance
        </h2>
        <dl class="today-counts">
          {stats.map(([key, label, n]) => (
            <div class="count" data-count={key}>
              <dt>{label}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="schedule-h" class="card">
        <div class="page-head">
          <h2 id="schedule-h">Today's schedule</h2>
          <a href={scheduleHref}>Open the schedule</a>
        </div>
        {props.visits.length === 0 ? (
          <p class="empty">No visits booked today.</p>
        ) : (
          <table class="list today-schedule">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Patient</th>
                <th scope="col">Therapist</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {props.visits.map((v) => (
                <tr class={`visit ${v.status}`} data-visit={v.id}>
                  <td>
                    <a href={scheduleHref}>{v.time}</a>
                  </td>
                  <td>
                    <a href={`/patients/${v.patient.id}`}>{v.patient.name}</a>
                  </td>
                  <td>{v.therapist}</td>
                  <td>{visitTypes[v.type] ?? v.type}</td>
                  <td>
                    <span class={`badge visit-${v.status}`}>{visitStatuses[v.status] ?? v.status}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="tasks-h" class="card">
        <div class="page-head">
          <h2 id="tasks-h">Tasks due today or overdue</h2>
          <a href="/worklist?due=today">Open the worklist</a>
        </div>
        {props.tasks.length === 0 ? (
          <p class="empty">Nothing due. Well done.</p>
        ) : (
          <>
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">Due</th>
                  <th scope="col">Type</th>
                  <th scope="col">Task</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Assignee</th>
                </tr>
              </thead>
              <tbody>
                {props.tasks.map((t) => (
                  <tr class={t.overdue ? "task overdue" : "task"} data-task={t.id}>
                    <td>
                      {t.dueDate}
                      {t.overdue && <span class="badge overdue-badge"> Overdue</span>}
                    </td>
                    <td>{taskTypeLabel(t.type)}</td>
                    <td>{t.title}</td>
                    <td>{t.patient ? <a href={`/patients/${t.patient.id}`}>{t.patient.name}</a> : "—"}</td>
                    <td>{t.assigneeName ?? "Unassigned"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {c.tasksDue > props.tasks.length && (
              <p class="hint">
                And {c.tasksDue - props.tasks.length} more: <a href="/worklist?due=today">see them all in the worklist</a>.
              </p>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="unbooked-h" class="card">
        <h2 id="unbooked-h">Open episodes with no next visit booked</h2>
        {props.unbooked.length === 0 ? (
          <p class="empty">Every patient in care has a next visit booked.</p>
        ) : (
          <>
            <ul class="unbooked">
              {props.unbooked.map((p) => (
                <li>
                  <a href={`/patients/${p.id}`}>{p.name}</a>
                </li>
              ))}
            </ul>
            {c.unbooked > props.unbooked.length && <p class="hint">And {c.unbooked - props.unbooked.length} more.</p>}
          </>
        )}
      </section>
    </Layout>
  );
}
