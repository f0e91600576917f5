import { FormError } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { taskTypeLabel } from "./labels";
import { TaskList } from "./list.partial";
import type { RowContext, TaskView } from "./row.partial";
import { WorklistViewSwitch } from "./view-switch";

export interface WorklistFilters {
  assignee: string;
  type: string;
  due: string;
  status: string;
}

const dueOptions = [
  ["all", "Any date"],
  ["overdue", "Overdue"],
  ["today", "Due today or overdue"],
  ["week", "Due this week or overdue"],
] as const;

const statusOptions = [
  ["open", "Open"],
  ["done", "Done"],
  ["cancelled", "Cancelled"],
] as const;

export function WorklistPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  filters: WorklistFilters;
  taskTypes: readonly string[];
  tasks: TaskView[];
  truncated: boolean;
  ctx: RowContext;
  /** A refused row action (plain form, no JS): shown on top and beside its task. */
  rowErrors?: Record<string, string>;
}) {
  const f = props.filters;
  return (
    <Layout title="Worklist" staff={props.staff} active="worklist">
      <div class="page-head">
        <h1>Worklist</h1>
        <a class="button" href="/worklist/new">
          New task
        </a>
      </div>
      <WorklistViewSwitch current="tasks" />
      <search>
        <form
          method="get"
          action="/worklist"
          class="filters"
          hx-get="/worklist"
          hx-trigger="change, submit"
          hx-target="#task-list"
          hx-push-url="true"
          hx-indicator="#loading"
        >
          <div class="field">
            <label for="f-assignee">Assigned to</label>
            <select id="f-assignee" name="assignee">
              <option value="anyone" selected={f.assignee === "anyone"}>
                Anyone
              </option>
              <option value="me" selected={f.assignee === "me"}>
                Me
              </option>
              <option value="unassigned" selected={f.assignee === "unassigned"}>
                Unassigned
              </option>
              {props.ctx.staffOptions.map((s) => (
                <option value={s.id} selected={f.assignee === s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-type">Type</label>
            <select id="f-type" name="type">
              <option value="" selected={f.type === ""}>
                Any type
              </option>
              {props.taskTypes.map((t) => (
                <option value={t} selected={f.type === t}>
                  {taskTypeLabel(t)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-due">Due</label>
            <select id="f-due" name="due">
              {dueOptions.map(([v, text]) => (
                <option value={v} selected={f.due === v}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-status">Status</label>
            <select id="f-status" name="status">
              {statusOptions.map(([v, text]) => (
                <option value={v} selected={f.status === v}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <button type="submit">Show</button>
          </div>
        </form>
      </search>
      {props.rowErrors && <FormError message={`Nothing was changed: ${Object.values(props.rowErrors).join(" ")}`} />}
      <div id="task-list" aria-live="polite">
        <TaskList tasks={props.tasks} ctx={props.ctx} status={f.status} truncated={props.truncated} rowErrors={props.rowErrors} />
      </div>
    </Layout>
  );
}
