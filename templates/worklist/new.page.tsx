import { Csrf, Field, type FieldErrors, FormError, Select } from "../components/form";
import { Layout, type LayoutProps } from "../layout";
import { taskTypeLabel } from "./labels";
import { PatientMatches, type PatientOption } from "./patient-matches.partial";
import type { StaffOption } from "./row.partial";

export type NewTaskValues = Partial<Record<"type" | "title" | "patientId" | "assigneeId" | "dueDate", string | null>>;

/** The new-task form: pick a patient by searching their name (or arrive with one from the patient page). */
export function NewTaskPage(props: {
  staff: NonNullable<LayoutProps["staff"]>;
  taskTypes: readonly string[];
  staffOptions: StaffOption[];
  values: NewTaskValues;
  q: string;
  patientOptions: PatientOption[];
  errors?: FieldErrors;
  /** A message not tied to one field (e.g. the assignee left the clinic). */
  formError?: string;
}) {
  const e = props.errors;
  const v = props.values;
  const hasErrors = (e && Object.keys(e).length > 0) || props.formError;
  return (
    <Layout title="New task" staff={props.staff} active="worklist">
      <h1>New task</h1>
      {hasErrors && <FormError message={props.formError ?? "Please correct the fields marked below. Nothing was saved."} />}
      <search>
        <form method="get" action="/worklist/new" class="search">
          <label for="q">Find a patient by name</label>
          <input
            id="q"
            name="q"
            type="search"
            value={props.q}
            autocomplete="off"
            hx-get="/worklist/patients"
            hx-trigger="input changed delay:300ms, search"
            hx-target="#patient-matches"
            hx-swap="outerHTML"
            hx-indicator="#loading"
          />
          <button type="submit" class="secondary">
            Find
          </button>
        </form>
      </search>
      <form method="post" action="/worklist" id="new-task" class="grid-form" novalidate>
        <Csrf token={props.staff.csrfToken} />
        <fieldset>
          <legend>Task</legend>
          <Select
            name="type"
            label="Type"
            value={v.type ?? ""}
            options={[["", "Choose a type"], ...props.taskTypes.map((t) => [t, taskTypeLabel(t)] as const)]}
            errors={e}
          />
          <Field name="title" label="What needs doing" value={v.title} errors={e} required autocomplete="off" />
          <Field name="dueDate" label="Due date" type="date" value={v.dueDate} errors={e} required />
          <Select
            name="assigneeId"
            label="Assign to"
            value={v.assigneeId ?? ""}
            options={[["", "Unassigned"], ...props.staffOptions.map((s) => [s.id, s.name] as const)]}
            errors={e}
          />
        </fieldset>
        <PatientMatches q={props.q} options={props.patientOptions} selectedId={v.patientId ?? null} error={e?.patientId} />
        <div class="actions">
          <button type="submit">Create task</button>
          <a href="/worklist">Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
