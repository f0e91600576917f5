import { Csrf } from "../components/form";

export interface ThreadControlsProps {
  patientId: string;
  csrfToken: string;
  status: "open" | "done";
  assigneeId: string | null;
  assigneeName: string | null;
  staffOptions: { id: string; name: string }[];
  error?: string;
}

const swap = { "hx-target": "#thread-controls", "hx-swap": "outerHTML", "hx-indicator": "#loading" };

/** Assignment and done/reopen; each form swaps this block in place, or posts and comes back without JS. */
export function ThreadControls(props: ThreadControlsProps) {
  const base = `/inbox/${props.patientId}`;
  return (
    <div id="thread-controls" class="thread-controls">
      <p>
        <span class={`badge thread-${props.status}`}>{props.status === "open" ? "Open" : "Done"}</span>{" "}
        {props.assigneeName ? `Assigned to ${props.assigneeName}` : <span class="muted">Unassigned</span>}
      </p>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action={`${base}/assign`} hx-post={`${base}/assign`} {...swap} class="inline-form">
        <Csrf token={props.csrfToken} />
        <label for="thread-assignee">Assign to</label>
        <select id="thread-assignee" name="assigneeId">
          <option value="" selected={!props.assigneeId}>
            Nobody
          </option>
          {props.staffOptions.map((s) => (
            <option value={s.id} selected={s.id === props.assigneeId}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Assign
        </button>
      </form>
      <form method="post" action={`${base}/status`} hx-post={`${base}/status`} {...swap} class="inline-form">
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="status" value={props.status === "open" ? "done" : "open"} />
        <button type="submit" class="secondary">
          {props.status === "open" ? "Mark done" : "Reopen"}
        </button>
      </form>
    </div>
  );
}
