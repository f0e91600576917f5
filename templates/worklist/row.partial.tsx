import { Csrf } from "../components/form";
import { taskStatusLabel, taskTypeLabel } from "./labels";

export interface TaskView {
  id: string;
  type: string;
  title: string;
  patient: { id: string; name: string } | null;
  assigneeId: string | null;
  assigneeName: string | null;
  dueDate: string;
  /** Open and due before today (clinic-local). */
  overdue: boolean;
  status: string;
  outcomeNote: string | null;
  /** Clinic-local date the task was closed. */
  closedOn: string | null;
}

export interface StaffOption {
  id: string;
  name: string;
}

export interface RowContext {
  csrfToken: string;
  staffOptions: StaffOption[];
  /** The list URL a plain (no-JS) form returns to. */
  back: string;
}

const swap = { "hx-target": "closest tr", "hx-swap": "outerHTML", "hx-indicator": "#loading" };

/** One task; its forms swap this row in place with htmx, or post and come back without JS. */
export function TaskRow(props: { task: TaskView; ctx: RowContext; error?: string }) {
  const t = props.task;
  const { ctx } = props;
  return (
    <tr id={`task-${t.id}`} class={t.overdue ? "task overdue" : `task ${t.status}`}>
      <td>{taskTypeLabel(t.type)}</td>
      <td>{t.patient ? <a href={`/patients/${t.patient.id}`}>{t.patient.name}</a> : "—"}</td>
      <td>{t.title}</td>
      <td>{t.assigneeName ?? <span class="muted">Unassigned</span>}</td>
      <td>
        <a class="due" href={`/schedule?date=${t.dueDate}`} title="Open the schedule on this day">
          {t.dueDate}
        </a>
        {t.overdue && <span class="badge overdue-badge"> Overdue</span>}
      </td>
      <td>
        <span class={`badge task-${t.status}`}>{taskStatusLabel(t.status)}</span>
        {t.closedOn && <small class="hint"> {t.closedOn}</small>}
      </td>
      <td class="task-actions">
        {props.error && (
          <p class="error" role="alert">
            {props.error}
          </p>
        )}
        {t.status === "open" ? <OpenActions task={t} ctx={ctx} /> : <p class="outcome">{t.outcomeNote ?? "—"}</p>}
      </td>
    </tr>
  );
}

function OpenActions({ task, ctx }: { task: TaskView; ctx: RowContext }) {
  const base = `/worklist/${task.id}`;
  return (
    <>
      <details>
        <summary>Complete</summary>
        <form method="post" action={`${base}/complete`} hx-post={`${base}/complete`} {...swap} class="row-form">
          <Csrf token={ctx.csrfToken} />
          <input type="hidden" name="back" value={ctx.back} />
          <label for={`outcome-${task.id}`}>Outcome</label>
          <input id={`outcome-${task.id}`} name="outcome" type="text" required maxlength={1000} autocomplete="off" />
          <button type="submit">Mark done</button>
        </form>
      </details>
      <form method="post" action={`${base}/assign`} hx-post={`${base}/assign`} {...swap} class="row-form">
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="back" value={ctx.back} />
        <label for={`assignee-${task.id}`} class="visually-hidden">
          Assign to
        </label>
        <select id={`assignee-${task.id}`} name="assigneeId">
          <option value="" selected={task.assigneeId === null}>
            Unassigned
          </option>
          {ctx.staffOptions.map((s) => (
            <option value={s.id} selected={s.id === task.assigneeId}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Assign
        </button>
      </form>
      <form method="post" action={`${base}/cancel`} hx-post={`${base}/cancel`} {...swap} class="row-form">
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="back" value={ctx.back} />
        <button type="submit" class="link">
          Cancel task
        </button>
      </form>
    </>
  );
}
