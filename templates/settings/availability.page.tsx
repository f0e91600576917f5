import { Csrf, FormError, Notice } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { SettingsNav } from "./nav";

export interface WindowValues {
  weekday: string;
  startTime: string;
  endTime: string;
}

export interface TherapistHours {
  id: string;
  name: string;
  rows: WindowValues[];
  /** Keyed `${row}.${field}`, e.g. "2.endTime". */
  errors?: Record<string, string>;
}

export const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Blank rows under each therapist's hours, to add windows without any script (a whole working week at first). */
const blankRows = (existing: number) => (existing === 0 ? 5 : 3);

export function AvailabilityPage(props: { staff: NonNullable<LayoutProps["staff"]>; therapists: TherapistHours[]; savedId?: string }) {
  return (
    <Layout title="Therapist hours" staff={props.staff} active="settings">
      <h1>Settings</h1>
      <SettingsNav current="availability" />
      <p class="hint">
        Weekly hours per therapist, in the clinic's local time. Several windows a day are fine (e.g. 08:00-12:00 and 13:00-17:00); to remove
        one, tick Remove or clear its times. Bookings outside these hours need an explicit override.
      </p>
      {props.therapists.length === 0 && <p class="empty">No active therapists yet. Add one under Staff.</p>}
      {props.therapists.map((t) => (
        <TherapistForm therapist={t} csrf={props.staff.csrfToken} saved={props.savedId === t.id} />
      ))}
    </Layout>
  );
}

function TherapistForm({ therapist, csrf, saved }: { therapist: TherapistHours; csrf: string; saved: boolean }) {
  const rows = [
    ...therapist.rows,
    ...Array.from({ length: blankRows(therapist.rows.length) }, () => ({ weekday: "", startTime: "", endTime: "" })),
  ];
  const e = therapist.errors ?? {};
  const hasErrors = Object.keys(e).length > 0;
  return (
    <section class="card availability" id={`t-${therapist.id}`} aria-labelledby={`h-${therapist.id}`}>
      <h2 id={`h-${therapist.id}`}>{therapist.name}</h2>
      {saved && <Notice>Hours saved.</Notice>}
      {hasErrors && <FormError message={e._form ?? "Please correct the rows marked below. Nothing was saved."} />}
      <form method="post" action={`/settings/availability/${therapist.id}`} novalidate>
        <Csrf token={csrf} />
        <table class="list hours">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <WindowRow therapistId={therapist.id} index={i} values={r} errors={e} />
            ))}
          </tbody>
        </table>
        <div class="actions">
          <button type="submit">Save hours of {therapist.name}</button>
        </div>
      </form>
    </section>
  );
}

function WindowRow(props: { therapistId: string; index: number; values: WindowValues; errors: Record<string, string> }) {
  const { index: i, values: v, errors } = props;
  const id = (field: string) => `w-${props.therapistId}-${i}-${field}`;
  const err = (field: string) => errors[`${i}.${field}`];
  const message = err("weekday") ?? err("startTime") ?? err("endTime");
  return (
    <tr class={message ? "invalid" : undefined}>
      <td>
        <label class="visually-hidden" for={id("weekday")}>
          Day of window {i + 1}
        </label>
        <select id={id("weekday")} name={`weekday_${i}`} aria-invalid={err("weekday") ? "true" : undefined}>
          <option value="">—</option>
          {weekdayNames.map((name, d) => (
            <option value={String(d + 1)} selected={v.weekday === String(d + 1)}>
              {name}
            </option>
          ))}
        </select>
      </td>
      <td>
        <label class="visually-hidden" for={id("start")}>
          Start of window {i + 1}
        </label>
        <input
          id={id("start")}
          name={`start_${i}`}
          type="time"
          value={v.startTime}
          aria-invalid={err("startTime") ? "true" : undefined}
          aria-describedby={message ? id("error") : undefined}
        />
      </td>
      <td>
        <label class="visually-hidden" for={id("end")}>
          End of window {i + 1}
        </label>
        <input
          id={id("end")}
          name={`end_${i}`}
          type="time"
          value={v.endTime}
          aria-invalid={err("endTime") ? "true" : undefined}
          aria-describedby={message ? id("error") : undefined}
        />
        {message && (
          <small id={id("error")} class="error">
            {message}
          </small>
        )}
      </td>
      <td>
        <label class="check">
          <input type="checkbox" name={`remove_${i}`} /> <span class="visually-hidden">Remove window {i + 1}</span>
        </label>
      </td>
    </tr>
  );
}
