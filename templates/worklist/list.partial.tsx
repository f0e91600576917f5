import { type RowContext, TaskRow, type TaskView } from "./row.partial";

/** The task table alone: swapped in by htmx when the filters change. */
export function TaskList(props: {
  tasks: TaskView[];
  ctx: RowContext;
  status: string;
  truncated: boolean;
  rowErrors?: Record<string, string>;
}) {
  if (props.tasks.length === 0) {
    return <p class="empty">{props.status === "open" ? "No open tasks match these filters." : "No tasks match these filters."}</p>;
  }
  return (
    <>
      <table class="list task-list">
        <thead>
          <tr>
            <th scope="col">Type</th>
            <th scope="col">Patient</th>
            <th scope="col">Task</th>
            <th scope="col">Assignee</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col">{props.status === "open" ? "Actions" : "Outcome"}</th>
          </tr>
        </thead>
        <tbody>
          {props.tasks.map((t) => (
            <TaskRow task={t} ctx={props.ctx} error={props.rowErrors?.[t.id]} />
          ))}
        </tbody>
      </table>
      {props.truncated && <p class="hint">Showing the first {props.tasks.length} tasks. Narrow the filters to see the rest.</p>}
    </>
  );
}
