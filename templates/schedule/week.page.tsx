import { Layout, type LayoutProps } from "../layout";
import { StatusBadge, shortDate } from "./labels";
import { ScheduleToolbar, type ToolbarProps } from "./toolbar";

export interface VisitChip {
  id: string;
  time: string;
  patientName: string;
  status: string;
}

export interface TherapistWeek {
  id: string;
  name: string;
  /** One list per day, Monday first. */
  days: VisitChip[][];
}

/** Monday to Sunday: a row per therapist, a column per day, visits listed in each cell. */
export function WeekPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  toolbar: ToolbarProps;
  days: { date: string; href: string; isToday: boolean }[];
  therapists: TherapistWeek[];
}) {
  return (
    <Layout title={`Week of ${props.toolbar.date}`} staff={props.staff} active="schedule">
      <ScheduleToolbar {...props.toolbar} />
      <div class="week-scroll">
        <table class="list week">
          <thead>
            <tr>
              <th scope="col">Therapist</th>
              {props.days.map((d) => (
                <th scope="col" class={d.isToday ? "today" : undefined}>
                  <a href={d.href}>{shortDate(d.date)}</a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.therapists.map((t) => (
              <tr>
                <th scope="row">{t.name}</th>
                {t.days.map((visits) => (
                  <td>
                    {visits.length === 0 ? (
                      <span class="empty">—</span>
                    ) : (
                      <ul class="chips">
                        {visits.map((v) => (
                          <li class={`visit-row-${v.status}`}>
                            <a href={`/schedule/appointments/${v.id}`}>
                              {v.time} {v.patientName}
                            </a>{" "}
                            <StatusBadge status={v.status} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
