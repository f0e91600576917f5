import { z } from "zod";
import { isCalendarDate } from "../patients/model";
import { addDays } from "../platform/time";
import { taskTypes } from "./tables";

const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => (v ? v : null));

export const dueFilters = ["all", "overdue", "today", "week"] as const;
export type DueFilter = (typeof dueFilters)[number];
export const statusFilters = ["open", "done", "cancelled"] as const;

/** The worklist's GET query. A value it does not know falls back to its default rather than failing. */
export const worklistQuerySchema = z.object({
  /** "anyone", "me", "unassigned" or a staff member's id. */
  assignee: z
    .string()
    .trim()
    .max(64)
    .optional()
    .catch(undefined)
    .transform((v) => v || "anyone"),
  type: z.enum(taskTypes).optional().catch(undefined),
  due: z
    .enum(dueFilters)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? "all"),
  status: z
    .enum(statusFilters)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? "open"),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

/** The new-task form. `today` (clinic-local) is the earliest due date it accepts. */
export function taskFormSchema(today: string) {
  return z.object({
    type: z.enum(taskTypes, { message: "Choose a type" }),
    title: z.string().trim().min(1, "Enter what needs doing").max(200, "At most 200 characters"),
    patientId: optionalId,
    assigneeId: optionalId,
    dueDate: z
      .string({ message: "Enter the due date" })
      .trim()
      .superRefine((v, ctx) => {
        const problem = checkDueDate(v, today);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  });
}
export type TaskFormInput = z.infer<ReturnType<typeof taskFormSchema>>;

/** A due date must be a real date, not in the past, and within two years. */
export function checkDueDate(value: string, today: string): string | null {
  if (value === "") return "Enter the due date";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "Use the format YYYY-MM-DD";
  if (!isCalendarDate(value)) return "That date does not exist";
  if (value < today) return "A new task cannot be due in the past";
  if (value > addDays(today, 730)) return "Choose a date within two years";
  return null;
}

export const completeTaskSchema = z.object({
  outcome: z.string({ message: "Write down what happened" }).trim().min(1, "Write down what happened").max(1000, "At most 1000 characters"),
});

export const cancelTaskSchema = z.object({
  outcome: z
    .string()
    .trim()
    .max(1000, "At most 1000 characters")
    .optional()
    .transform((v) => (v ? v : null)),
});

export const assignTaskSchema = z.object({ assigneeId: optionalId });

export const patientPickSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((v) => v ?? ""),
  patient: z.string().trim().max(64).optional().catch(undefined),
});

/** Where a plain (no-JS) form goes back to: only our own worklist or Today page, never elsewhere. */
export function safeBack(value: unknown): string {
  if (typeof value !== "string") return "/worklist";
  if (value === "/" || /^\/worklist(\?[\w=&%.+-]*)?$/.test(value)) return value;
  return "/worklist";
}
