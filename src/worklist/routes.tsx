import { type Context, Hono } from "hono";
import type { FieldErrors } from "../../templates/components/form";
import { WorklistPage } from "../../templates/worklist/list.page";
import { TaskList } from "../../templates/worklist/list.partial";
import { NewTaskPage, type NewTaskValues } from "../../templates/worklist/new.page";
import { PatientMatches, type PatientOption } from "../../templates/worklist/patient-matches.partial";
import { type RowContext, TaskRow, type TaskView } from "../../templates/worklist/row.partial";
import { currentStaff } from "../auth/middleware";
import { layoutStaff } from "../auth/view";
import { localDateIn } from "../clinics/model";
import { listStaff } from "../clinics/repo";
import { displayName } from "../patients/model";
import { findPatient } from "../patients/repo";
import { searchPatients } from "../patients/service";
import { recordAudit, staffActor } from "../platform/audit";
import type { AppEnv } from "../platform/env";
import { AppError } from "../platform/errors";
import { isHtmx } from "../platform/htmx";
import { addDays, startOfWeek } from "../platform/time";
import { fieldErrors, formStrings } from "../platform/validate";
import { atRiskRoutes, renderAtRisk } from "./at-risk-routes";
import { atRiskQuerySchema } from "./at-risk-schemas";
import type { TaskFilter, TaskRow as TaskRecord } from "./repo";
import { findTask } from "./repo";
import {
  assignTaskSchema,
  cancelTaskSchema,
  completeTaskSchema,
  patientPickSchema,
  safeBack,
  taskFormSchema,
  type WorklistQuery,
  worklistQuerySchema,
} from "./schemas";
import * as service from "./service";
import { taskTypes } from "./tables";

/** /worklist: tasks with filters, made by hand or by rules. */
export const worklistRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
const LIST_LIMIT = 200;
const notFound = () => new AppError("not_found", "No such task.");
const today = (c: C) => localDateIn(c.get("deps").clock.now(), currentStaff(c).clinicTimeZone);

/** The filters as the repo reads them. The due filters are "due by": today includes what is overdue. */
function repoFilter(q: WorklistQuery, userId: string, todayDate: string): TaskFilter {
  const filter: TaskFilter = { status: q.status, type: q.type };
  if (q.assignee === "me") filter.assigneeId = userId;
  else if (q.assignee !== "anyone") filter.assigneeId = q.assignee;
  if (q.due === "overdue") filter.dueOnOrBefore = addDays(todayDate, -1);
  else if (q.due === "today") filter.dueOnOrBefore = todayDate;
  else if (q.due === "week") filter.dueOnOrBefore = addDays(startOfWeek(todayDate), 6);
  return filter;
}

/** The canonical list URL for these filters (defaults left out), where plain forms come back to. */
function listHref(q: WorklistQuery): string {
  const p = new URLSearchParams();
  if (q.assignee !== "anyone") p.set("assignee", q.assignee);
  if (q.type) p.set("type", q.type);
  if (q.due !== "all") p.set("due", q.due);
  if (q.status !== "open") p.set("status", q.status);
  const s = p.toString();
  return s ? `/worklist?${s}` : "/worklist";
}

async function activeStaff(c: C) {
  const rows = await listStaff(c.get("deps").db, currentStaff(c).clinicId);
  return { all: rows, options: rows.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name })) };
}

function taskView(
  c: C,
  todayDate: string,
  task: TaskRecord,
  patient: { id: string; givenName: string; familyName: string } | null,
  assigneeName: string | null,
): TaskView {
  return {
    id: task.id,
    type: task.type,
    title: task.title,
    patient: patient ? { id: patient.id, name: displayName(patient) } : null,
    assigneeId: task.assigneeId,
    assigneeName,
    dueDate: task.dueDate,
    overdue: task.status === "open" && task.dueDate < todayDate,
    status: task.status,
    outcomeNote: task.outcomeNote,
    closedOn: task.completedAt ? localDateIn(task.completedAt, currentStaff(c).clinicTimeZone) : null,
  };
}

/** The list page (or, for htmx, the table alone); `rowError` shows a refused action beside its task. */
async function renderList(c: C, q: WorklistQuery, opts: { status?: 200 | 409 | 422; rowError?: { id: string; message: string } } = {}) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const todayDate = today(c);
  const [rows, people] = await Promise.all([
    service.listTasks(deps, staff.clinicId, repoFilter(q, staff.userId, todayDate)),
    activeStaff(c),
    recordAudit(deps, staffActor(c), "task.list"),
  ]);
  const tasks = rows.map((r) => taskView(c, todayDate, r.task, r.patient, r.assigneeName));
  const ctx: RowContext = { csrfToken: staff.csrfToken, staffOptions: people.options, back: listHref(q) };
  const truncated = rows.length >= LIST_LIMIT;
  if (isHtmx(c)) return c.html(<TaskList tasks={tasks} ctx={ctx} status={q.status} truncated={truncated} />);
  return c.html(
    <WorklistPage
      staff={layoutStaff(staff)}
      filters={{ assignee: q.assignee, type: q.type ?? "", due: q.due, status: q.status }}
      taskTypes={taskTypes}
      tasks={tasks}
      truncated={truncated}
      ctx={ctx}
      rowErrors={opts.rowError ? { [opts.rowError.id]: opts.rowError.message } : undefined}
    />,
    opts.status ?? 200,
  );
}

worklistRoutes.get("/", (c) => {
  // ?view=at-risk: open episodes by dropout risk (at-risk-routes.tsx); anything else is the task list.
  if (c.req.query("view") === "at-risk") return renderAtRisk(c, atRiskQuerySchema.parse(c.req.query()).band);
  return renderList(c, worklistQuerySchema.parse(c.req.query()));
});
worklistRoutes.route("/at-risk", atRiskRoutes);

/** One task's row, read fresh: the htmx answer to a row action. */
async function renderRow(c: C, taskId: string, back: string, error?: { message: string; status: 409 | 422 }) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const task = await findTask(deps.db, staff.clinicId, taskId);
  if (!task) throw notFound();
  const [patient, people] = await Promise.all([
    task.patientId ? findPatient(deps.db, staff.clinicId, task.patientId) : Promise.resolve(undefined),
    activeStaff(c),
  ]);
  const assigneeName = people.all.find((s) => s.id === task.assigneeId)?.name ?? null;
  const ctx: RowContext = { csrfToken: staff.csrfToken, staffOptions: people.options, back };
  return c.html(
    <TaskRow task={taskView(c, today(c), task, patient ?? null, assigneeName)} ctx={ctx} error={error?.message} />,
    error?.status ?? 200,
  );
}

/** After a row action: htmx swaps the row; a plain form goes back where it came from (or shows the list with the message). */
async function answerRowAction(c: C, taskId: string, back: string, error?: { message: string; status: 409 | 422 }) {
  if (isHtmx(c)) return renderRow(c, taskId, back, error);
  if (!error) return c.redirect(back, 303);
  if (!(await findTask(c.get("deps").db, currentStaff(c).clinicId, taskId))) throw notFound();
  const query = worklistQuerySchema.parse(Object.fromEntries(new URL(back, "http://x").searchParams));
  return renderList(c, query, { status: error.status, rowError: { id: taskId, message: error.message } });
}

const alreadyClosed = { message: "This task was already closed.", status: 409 as const };

worklistRoutes.post("/:id/complete", async (c) => {
  const id = c.req.param("id");
  const body = formStrings(await c.req.parseBody());
  const back = safeBack(body.back);
  const parsed = completeTaskSchema.safeParse(body);
  if (!parsed.success)
    return answerRowAction(c, id, back, { message: fieldErrors(parsed.error).outcome ?? "Check the outcome", status: 422 });
  const closed = await service.closeTask(c.get("deps"), staffActor(c), id, "done", parsed.data.outcome);
  if (!closed.ok && closed.error === "task_not_found") throw notFound();
  return answerRowAction(c, id, back, closed.ok ? undefined : alreadyClosed);
});

worklistRoutes.post("/:id/cancel", async (c) => {
  const id = c.req.param("id");
  const body = formStrings(await c.req.parseBody());
  const back = safeBack(body.back);
  const parsed = cancelTaskSchema.safeParse(body);
  if (!parsed.success) return answerRowAction(c, id, back, { message: fieldErrors(parsed.error).outcome ?? "Check the note", status: 422 });
  const closed = await service.closeTask(c.get("deps"), staffActor(c), id, "cancelled", parsed.data.outcome);
  if (!closed.ok && closed.error === "task_not_found") throw notFound();
  return answerRowAction(c, id, back, closed.ok ? undefined : alreadyClosed);
});

worklistRoutes.post("/:id/assign", async (c) => {
  const id = c.req.param("id");
  const body = formStrings(await c.req.parseBody());
  const back = safeBack(body.back);
  const parsed = assignTaskSchema.safeParse(body);
  if (!parsed.success) return answerRowAction(c, id, back, { message: "Choose a staff member", status: 422 });
  const task = await findTask(c.get("deps").db, currentStaff(c).clinicId, id);
  if (!task) throw notFound();
  if (task.status !== "open") return answerRowAction(c, id, back, alreadyClosed);
  const assigned = await service.assignTask(c.get("deps"), staffActor(c), id, parsed.data.assigneeId);
  if (!assigned.ok && assigned.error === "task_not_found") throw notFound();
  const error = assigned.ok ? undefined : { message: "Choose a current staff member of this clinic.", status: 422 as const };
  return answerRowAction(c, id, back, error);
});

/** The new-task form; ?patient=<id> comes from the patient page, ?q= searches patients by name. */
async function renderNewTask(
  c: C,
  values: NewTaskValues,
  opts: { q?: string; errors?: FieldErrors; formError?: string; status?: 200 | 422 } = {},
) {
  const staff = currentStaff(c);
  const deps = c.get("deps");
  const q = opts.q ?? "";
  const [people, options] = await Promise.all([activeStaff(c), patientOptions(c, q, values.patientId ?? null)]);
  return c.html(
    <NewTaskPage
      staff={layoutStaff(staff)}
      taskTypes={taskTypes}
      staffOptions={people.options}
      values={{ dueDate: localDateIn(deps.clock.now(), staff.clinicTimeZone), ...values }}
      q={q}
      patientOptions={options}
      errors={opts.errors}
      formError={opts.formError}
    />,
    opts.status ?? 200,
  );
}

/** Name matches for the picker, plus the patient already chosen (only if they belong to this clinic). */
async function patientOptions(c: C, q: string, selectedId: string | null): Promise<PatientOption[]> {
  const deps = c.get("deps");
  const staff = currentStaff(c);
  const [matches, selected] = await Promise.all([
    q ? searchPatients(deps, staffActor(c), q, 1).then((r) => r.patients) : Promise.resolve([]),
    selectedId ? findPatient(deps.db, staff.clinicId, selectedId) : Promise.resolve(undefined),
  ]);
  const rows = selected && !matches.some((m) => m.id === selected.id) ? [selected, ...matches] : matches;
  return rows.map((p) => ({ id: p.id, name: displayName(p), dateOfBirth: p.dateOfBirth }));
}

worklistRoutes.get("/new", async (c) => {
  const { q, patient } = patientPickSchema.parse(c.req.query());
  if (patient && !(await findPatient(c.get("deps").db, currentStaff(c).clinicId, patient))) {
    throw new AppError("not_found", "No such patient.");
  }
  return renderNewTask(c, { patientId: patient ?? null, assigneeId: currentStaff(c).userId }, { q });
});

/** htmx: the patient choices for a name typed in the search box. */
worklistRoutes.get("/patients", async (c) => {
  const { q } = patientPickSchema.parse(c.req.query());
  if (!isHtmx(c)) return c.redirect(q ? `/worklist/new?q=${encodeURIComponent(q)}` : "/worklist/new", 303);
  return c.html(<PatientMatches q={q} options={await patientOptions(c, q, null)} selectedId={null} />);
});

worklistRoutes.post("/", async (c) => {
  const values = formStrings(await c.req.parseBody());
  const parsed = taskFormSchema(today(c)).safeParse(values);
  if (!parsed.success) return renderNewTask(c, values, { errors: fieldErrors(parsed.error), status: 422 });
  const created = await service.createTask(c.get("deps"), staffActor(c), parsed.data);
  if (!created.ok) {
    const errors: FieldErrors =
      created.error === "patient_not_found"
        ? { patientId: "That patient is not a patient of this clinic." }
        : { assigneeId: "Choose a current staff member of this clinic." };
    // A foreign patient id is not shown back, only refused.
    const safeValues = created.error === "patient_not_found" ? { ...values, patientId: null } : values;
    return renderNewTask(c, safeValues, { errors, status: 422 });
  }
  return c.redirect("/worklist", 303);
});
