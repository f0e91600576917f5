import { Csrf } from "../components/form";
import { FitList, type FitView } from "./fits";
import { actionLabels, StatusBadge, typeLabels } from "./labels";

export interface VisitView {
  id: string;
  /** Clinic-local date and times. */
  date: string;
  startTime: string;
  endTime: string;
  durationMinutes: number;
  patientId: string;
  patientName: string;
  type: string;
  status: string;
  cancelReason: string | null;
  outsideAvailability: boolean;
  /** Statuses this visit may move to now (from the scheduling rules). */
  next: string[];
  canReschedule: boolean;
  /** Who-fits link once the slot is free again. */
  slotHref: string | null;
}

export interface RowProps {
  visit: VisitView;
  csrf: string;
  /** Where a form returns to without JavaScript. */
  back: string;
  message?: { kind: "error" | "ok"; text: string };
  fits?: FitView[];
  /** After an in-place swap, put focus on the row's message or status. */
  focus?: boolean;
}

/** One visit with its actions; htmx swaps exactly this row after an action. */
export function VisitRow(p: RowProps) {
  const v = p.visit;
  const rowId = `visit-${v.id}`;
  const hx = { "hx-target": `#${rowId}`, "hx-swap": "outerHTML", "hx-indicator": "#loading" };
  const simple = v.next.filter((s) => s !== "cancelled");
  return (
    <tr id={rowId} class={`visit visit-row-${v.status}`}>
      <td class="when">
        {v.startTime}–{v.endTime}
        {v.outsideAvailability && <small class="hint"> outside hours</small>}
      </td>
      <td>
        <a href={`/patients/${v.patientId}`}>{v.patientName}</a>
      </td>
      <td>{typeLabels[v.type] ?? v.type}</td>
      <td tabindex={p.focus && !p.message ? -1 : undefined} autofocus={p.focus && !p.message ? true : undefined}>
        <StatusBadge status={v.status} />
        {v.cancelReason && <small class="hint"> {v.cancelReason}</small>}
      </td>
      <td class="visit-actions">
        {p.message && (
          <p class={p.message.kind === "error" ? "error" : "ok"} role="alert" tabindex={-1} autofocus={p.focus ? true : undefined}>
            {p.message.text}
          </p>
        )}
        {simple.length > 0 && (
          <form
            method="post"
            action={`/schedule/appointments/${v.id}/status`}
            class="row-form"
            hx-post={`/schedule/appointments/${v.id}/status`}
            {...hx}
          >
            <Csrf token={p.csrf} />
            <input type="hidden" name="back" value={p.back} />
            {simple.map((s) => (
              <button type="submit" name="status" value={s} class={s === "no_show" ? "secondary" : undefined}>
                {actionLabels[s] ?? s}
              </button>
            ))}
          </form>
        )}
        {v.next.includes("cancelled") && (
          <details>
            <summary>Cancel…</summary>
            <form
              method="post"
              action={`/schedule/appointments/${v.id}/status`}
              class="row-form"
              hx-post={`/schedule/appointments/${v.id}/status`}
              {...hx}
            >
              <Csrf token={p.csrf} />
              <input type="hidden" name="back" value={p.back} />
              <label for={`reason-${v.id}`}>Reason (optional)</label>
              <input id={`reason-${v.id}`} name="reason" maxlength={200} />
              <button type="submit" name="status" value="cancelled" class="danger">
                Cancel visit
              </button>
            </form>
          </details>
        )}
        {v.canReschedule && (
          <details>
            <summary>Reschedule…</summary>
            <form
              method="post"
              action={`/schedule/appointments/${v.id}/reschedule`}
              class="row-form"
              hx-post={`/schedule/appointments/${v.id}/reschedule`}
              {...hx}
            >
              <Csrf token={p.csrf} />
              <input type="hidden" name="back" value={p.back} />
              <label for={`date-${v.id}`}>New date</label>
              <input id={`date-${v.id}`} name="date" type="date" value={v.date} required />
              <label for={`time-${v.id}`}>New time</label>
              <input id={`time-${v.id}`} name="time" type="time" value={v.startTime} required />
              <label class="check">
                <input type="checkbox" name="override" /> Outside the therapist's hours
              </label>
              <button type="submit">Move visit</button>
            </form>
          </details>
        )}
        <a href={`/schedule/appointments/${v.id}`} class="small">
          History
        </a>
        {v.slotHref && !p.fits && (
          <a href={v.slotHref} class="small">
            {" "}
            Who fits this slot
          </a>
        )}
        {p.fits && <FitList fits={p.fits} />}
      </td>
    </tr>
  );
}
