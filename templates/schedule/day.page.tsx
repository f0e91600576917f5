import { Layout, type LayoutProps } from "../layout";
import { VisitRow, type VisitView } from "./row.partial";
import { ScheduleToolbar, type ToolbarProps } from "./toolbar";

export interface SlotView {
  time: string;
  bookHref: string;
  fitsHref: string;
}

export interface TherapistDay {
  id: string;
  name: string;
  visits: VisitView[];
  slots: SlotView[];
}

/** One day: per therapist, the visits with their actions, then the open slots. */
export function DayPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  toolbar: ToolbarProps;
  back: string;
  therapists: TherapistDay[];
}) {
  const csrf = props.staff.csrfToken;
  return (
    <Layout title={`Schedule ${props.toolbar.date}`} staff={props.staff} active="schedule">
      <ScheduleToolbar {...props.toolbar} />
      {props.therapists.length === 0 && <p class="empty">No active therapists. An owner or admin can add them under Settings → Staff.</p>}
      {props.therapists.map((t) => (
        <section class="therapist-day" aria-labelledby={`th-${t.id}`}>
          <h2 id={`th-${t.id}`}>{t.name}</h2>
          {t.visits.length === 0 ? (
            <p class="empty">No visits this day.</p>
          ) : (
            <table class="list schedule">
              <caption class="visually-hidden">Visits with {t.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Patient</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {t.visits.map((v) => (
                  <VisitRow visit={v} csrf={csrf} back={props.back} />
                ))}
              </tbody>
            </table>
          )}
          <OpenSlots therapist={t} />
        </section>
      ))}
    </Layout>
  );
}

function OpenSlots({ therapist }: { therapist: TherapistDay }) {
  return (
    <div class="open-slots">
      <h3>Open slots</h3>
      {therapist.slots.length === 0 ? (
        <p class="empty">No open 45-minute slots left within {therapist.name}'s hours.</p>
      ) : (
        <ul>
          {therapist.slots.map((s) => (
            <li>
              <a href={s.bookHref} aria-label={`Book ${s.time} with ${therapist.name}`}>
                Book {s.time}
              </a>{" "}
              <a href={s.fitsHref} class="small" aria-label={`Who fits ${s.time} with ${therapist.name}`}>
                who fits?
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
