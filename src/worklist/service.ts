import { findStaff } from "../clinics/repo";
import { commitWithEvents } from "../events/publish";
import { findPatient } from "../patients/repo";
import { type Actor, auditStatement } from "../platform/audit";
import type { BatchItem } from "../platform/db";
import type { Deps } from "../platform/env";
import { err, ok, type Result } from "../platform/errors";
import { newId } from "../platform/ids";
import * as repo from "./repo";
import type { TaskType } from "./tables";

export interface TaskInput {
  type: TaskType;
  title: string;
  patientId: string | null;
  assigneeId: string | null;
  dueDate: string;
}

export type TaskError = "patient_not_found" | "assignee_not_found" | "task_not_found" | "already_closed";

/**
 * `alongside` lets another use case commit its own rows in the same batch as the task (all or nothing),
 * e.g. the at-risk outreach that points at this task; its `id` is then chosen by the caller.
 */
export async function createTask(
  deps: Deps,
  actor: Actor,
  input: TaskInput,
  alongside: { id?: string; statements?: BatchItem[] } = {},
): Promise<Result<string, TaskError>> {
  if (input.patientId && !(await findPatient(deps.db, actor.clinicId, input.patientId))) return err("patient_not_found");
  if (input.assigneeId) {
    const assignee = await findStaff(deps.db, actor.clinicId, input.assigneeId);
    if (!assignee?.active) return err("assignee_not_found");
  }
  const now = deps.clock.now();
  const id = alongside.id ?? newId(now);
  await commitWithEvents(
    deps,
    actor,
    [
      repo.insertTask(deps.db, { id, clinicId: actor.clinicId, ...input, status: "open", createdBy: actor.actorId, createdAt: now }),
      auditStatement(deps, actor, "task.create", input.patientId),
      ...(alongside.statements ?? []),
    ],
    [{ type: "task.created", patientId: input.patientId, payload: { taskId: id, taskType: input.type, source: "manual" } }],
  );
  return ok(id);
}

/** Closes a task as done (or cancelled) with the outcome staff write down. */
export async function closeTask(
  deps: Deps,
  actor: Actor,
  taskId: string,
  status: "done" | "cancelled",
  outcomeNote: string | null,
): Promise<Result<true, TaskError>> {
  const task = await repo.findTask(deps.db, actor.clinicId, taskId);
  if (!task) return err("task_not_found");
  if (task.status !== "open") return err("already_closed");
  const now = deps.clock.now();
  await commitWithEvents(
    deps,
    actor,
    [
      repo.updateTaskRow(deps.db, actor.clinicId, taskId, { status, outcomeNote, completedAt: now }),
      auditStatement(deps, actor, `task.${status}`, task.patientId),
    ],
    [{ type: "task.completed", patientId: task.patientId, payload: { taskId, taskType: task.type, status } }],
  );
  return ok(true);
}

export async function assignTask(deps: Deps, actor: Actor, taskId: string, assigneeId: string | null): Promise<Result<true, TaskError>> {
  const task = await repo.findTask(deps.db, actor.clinicId, taskId);
  if (!task) return err("task_not_found");
  if (assigneeId) {
    const assignee = await findStaff(deps.db, actor.clinicId, assigneeId);
    if (!assignee?.active) return err("assignee_not_found");
  }
  await deps.db.batch([
    repo.updateTaskRow(deps.db, actor.clinicId, taskId, { assigneeId }),
    auditStatement(deps, actor, "task.assign", task.patientId),
  ]);
  return ok(true);
}

export const listTasks = (deps: Deps, clinicId: string, filter: repo.TaskFilter) => repo.listTasks(deps.db, clinicId, filter);
